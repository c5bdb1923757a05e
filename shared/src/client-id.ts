/**
 * A fresh id for an outgoing message (widget and console). The relay stores nothing new for a
 * clientId it has seen, so a retry with the same id can never post a message twice.
 * `crypto.randomUUID` exists only in secure contexts, and the widget may run on a plain-http page
 * (a console on a LAN address too), so fall back to `getRandomValues`, which exists everywhere.
 */
export function newClientId(): string {
  // Read off globalThis: Node has no `isSecureContext` (nor needs one).
  const secure = (globalThis as { isSecureContext?: boolean }).isSecureContext;
  if (typeof crypto.randomUUID === 'function' && secure) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
