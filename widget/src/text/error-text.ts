import type { WidgetErrorCode } from '../transport';
import type { Messages } from './messages';

/**
 * What to tell the visitor about an error code, with the wait the relay asked for when it said.
 * Exhaustive: a new code must be decided here.
 */
export function errorText(
  code: WidgetErrorCode,
  t: Messages,
  retryAfterMs?: number | null,
): string {
  switch (code) {
    case 'OFFLINE':
    case 'TIMEOUT':
      return t.errors.offline;
    case 'RATE_LIMITED':
      return typeof retryAfterMs === 'number'
        ? t.errors.rateLimitedFor(Math.max(1, Math.ceil(retryAfterMs / 1000)))
        : t.errors.rateLimited;
    case 'MAIL_UNAVAILABLE':
      return t.errors.mailUnavailable;
    case 'STORE_UNAVAILABLE':
      return t.errors.storeUnavailable;
    case 'CONFLICT':
    case 'ALREADY_RATED':
      return t.errors.ended;
    case 'VALIDATION_FAILED':
    case 'FILE_TOO_LARGE':
    case 'FILE_TYPE_REFUSED':
      return t.errors.invalid;
    case 'ORIGIN_NOT_ALLOWED':
    case 'FORBIDDEN':
    case 'IDENTITY_INVALID':
    case 'UNAUTHENTICATED':
      return t.errors.notAllowed;
    case 'NOT_FOUND':
    case 'INVALID_CREDENTIALS':
    case 'AGENT_UNAVAILABLE':
    case 'EMAIL_TAKEN':
    case 'INTERNAL':
      return t.errors.generic;
    default:
      return unknownCode(code, t);
  }
}

/**
 * Every code is decided above (a new one fails to compile here, as `never`); a code from a newer
 * relay that this widget does not know arrives here at run time.
 */
function unknownCode(_code: never, t: Messages): string {
  return t.errors.generic;
}
