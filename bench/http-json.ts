/** A JSON call to the relay's REST API for the benchmarks; throws on any non-2xx answer. */
export async function json<T>(
  url: string,
  init: RequestInit & { token?: string } = {},
): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
