import type { Site } from '@parley/shared';

/** A site's allowed-origins list: empty accepts any origin, otherwise the page's origin must be listed. */
export function isOriginAllowed(site: Site, origin: string | undefined): boolean {
  if (site.allowedOrigins.length === 0) return true;
  return origin !== undefined && site.allowedOrigins.includes(origin.replace(/\/+$/, ''));
}
