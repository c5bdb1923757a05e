/**
 * Translating the driver's errors into ParleyError codes. Only the violations we expect are
 * translated; anything else is rethrown as is, for the caller to report as INTERNAL.
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
