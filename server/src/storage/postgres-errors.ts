/**
 * Translating the driver's errors into ParleyError codes. Only the violations we expect, and the
 * errors that say the database cannot take requests now, are translated; anything else is
 * rethrown as is, for the caller to report as INTERNAL.
 */
import { ParleyError } from '@parley/shared';

/** True when `error` is a unique violation of the named constraint (or of any, without a name). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint: violated } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && (constraint === undefined || violated === constraint);
}

/** Turns a unique violation of `constraint` into CONFLICT; other errors pass through. */
export function conflictOn(constraint: string, message: string): (error: unknown) => never {
  return (error) => {
    if (isUniqueViolation(error, constraint)) throw new ParleyError('CONFLICT', message);
    throw error;
  };
}

/** Turns a unique violation of the agent email key into EMAIL_TAKEN; other errors pass through. */
export function emailTaken(email: string): (error: unknown) => never {
  return (error) => {
    if (isUniqueViolation(error, 'agents_email_key')) {
      throw new ParleyError('EMAIL_TAKEN', `${email} belongs to another agent`);
    }
    throw error;
  };
}

/**
 * SQLSTATEs that say the database cannot serve now, not that the request is wrong: disk full, too
 * many connections, a read-only transaction (a standby, `default_transaction_read_only`), the
 * server shutting down or starting.
 */
const UNAVAILABLE_SQLSTATES = new Set(['53100', '53300', '25006', '57P01', '57P02', '57P03']);
/** Socket errors of a connection that cannot be opened or was cut. */
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/** True when `error` means PostgreSQL cannot take requests now (see the sets above). */
export function isUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    // Class 08: connection exceptions, except 08P01 (protocol violation), which a malformed
    // statement of ours causes: a bug to see as one, not an outage to wait out.
    const connectionLost = code.startsWith('08') && code !== '08P01';
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code) || connectionLost)
      return true;
  }
  return typeof message === 'string' && message.startsWith('Connection terminated');
}

/** STORE_UNAVAILABLE for an error that means the database cannot serve now; others as they are. */
export function unavailableOr(error: unknown): unknown {
  if (!isUnavailable(error)) return error;
  const unavailable = new ParleyError(
    'STORE_UNAVAILABLE',
    'The relay cannot store data right now (its database refused the write); nothing was acknowledged. Try again shortly.',
  );
  unavailable.cause = error;
  return unavailable;
}
