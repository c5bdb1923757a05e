import type { WidgetErrorCode } from '../transport';
import type { Messages } from './messages';

/** What to tell the visitor about an error code. Exhaustive: a new code must be decided here. */
export function errorText(code: WidgetErrorCode, t: Messages): string {
  switch (code) {
    case 'OFFLINE':
    case 'TIMEOUT':
      return t.errors.offline;
    case 'RATE_LIMITED':
      return t.errors.rateLimited;
    case 'MAIL_UNAVAILABLE':
      return t.errors.mailUnavailable;
    case 'CONFLICT':
    case 'ALREADY_RATED':
      return t.errors.ended;
    case 'VALIDATION_FAILED':
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
  }
}
