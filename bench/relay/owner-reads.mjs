/**
 * The owner's heavy reads during the relay benchmark (a month's report, then the site's NDJSON
 * export), in a thread of their own: the owner's browser is not the load generator, and reading
 * megabytes of export in the generator's event loop would delay its own clock and show up as the
 * relay's latency. Each 'run' message reads both once and answers 'done' (or the error).
 */
import { parentPort, workerData } from 'node:worker_threads';

const { url, token, paths } = workerData;

async function read(path) {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  // Read to the end, as a download would, without holding it.
  for await (const _ of response.body) void _;
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
}

parentPort.on('message', async () => {
  try {
    for (const path of paths) await read(path);
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error) });
  }
});
