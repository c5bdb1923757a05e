/** Password hashing with Argon2id, a memory-hard KDF (OWASP's first recommendation). */
import { hash, verify } from '@node-rs/argon2';

/** Hashes a password for storage. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** True when `password` matches the stored hash. Never throws for a malformed hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
