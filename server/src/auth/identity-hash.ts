import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of the site's user id with the site's secret, hex: what `Parley.identify` sends as userHash. */
export function identityHash(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId).digest('hex');
}

/** Constant-time check of a `userHash` against the expected one. */
export function isValidIdentityHash(secret: string, userId: string, userHash: string): boolean {
  const expected = Buffer.from(identityHash(secret, userId), 'hex');
  const given = Buffer.from(userHash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
