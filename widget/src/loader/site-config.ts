import type { ErrorBody, PublicSiteConfig } from '@parley/shared';

/** The site's public configuration, or the server's error. */
export type SiteConfigResult =
  { ok: true; config: PublicSiteConfig } | { ok: false; error: ErrorBody | null };

/** GET /api/widget/sites/:siteId. No cookies: the widget never needs the page's credentials. */
export async function fetchSiteConfig(origin: string, siteId: string): Promise<SiteConfigResult> {
  let response: Response;
  try {
    response = await fetch(`${origin}/api/widget/sites/${encodeURIComponent(siteId)}`, {
      credentials: 'omit',
    });
  } catch {
    return { ok: false, error: null };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && body) return { ok: true, config: body as PublicSiteConfig };
  const error = (body as { error?: ErrorBody } | null)?.error ?? null;
  return { ok: false, error };
}
