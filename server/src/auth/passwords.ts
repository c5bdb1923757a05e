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

let dummyHash: Promise<string> | undefined;

/** Makes the dummy hash ahead of the first unknown email, which would otherwise pay for it. */
export function prepareDummyHash(): void {
  dummyHash ??= hashPassword('no account has this password');
}

/**
 * Checks `password` against a hash of a password nobody has, made with the same parameters as real
 * ones: an unknown email then costs the same time as a known one with a wrong password.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  prepareDummyHash();
  await verifyPassword(await dummyHash!, password);
  return false;
}
