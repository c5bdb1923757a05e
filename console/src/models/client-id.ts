/**
 * A fresh id for an outgoing message. The relay stores nothing new for a clientId it has seen,
 * so a retry with the same id can never post a message twice.
 * `crypto.randomUUID` exists only on secure origins; a console opened over plain http on a LAN
 * address still has `getRandomValues`.
 */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
