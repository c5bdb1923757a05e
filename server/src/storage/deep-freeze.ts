/**
 * The embedded store's records are immutable: each is frozen, with everything inside it, when it
 * enters memory, and every change replaces a record instead of editing it. Reads can then hand
 * out the stored objects themselves instead of copies (a copy per read was a large part of a
 * message's cost), and code that tries to change one gets a TypeError instead of silently
 * changing the store behind its journal.
 */

/** Freezes `value` and everything reachable from it; what is already frozen is taken as done. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
