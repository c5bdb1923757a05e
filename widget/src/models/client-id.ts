/**
 * A message's client id. `crypto.randomUUID` exists only in secure contexts, and the widget may
 * run on a plain-http page, so fall back to `getRandomValues`, which exists everywhere.
 */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
