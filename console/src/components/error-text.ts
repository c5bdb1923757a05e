import type { RequestError, RequestErrorCode } from '../api/request-error';

/**
 * What the agent reads for each failure. The switch is exhaustive: a code added to shared/errors.ts
 * fails the typecheck here until the console says something sensible about it.
 */
export function errorText(error: RequestError): string {
  const code: RequestErrorCode = error.code;
  switch (code) {
    case 'VALIDATION_FAILED':
      return `Please check what you entered: ${error.message}`;
    case 'UNAUTHENTICATED':
      return 'Your session has expired. Please sign in again.';
    case 'INVALID_CREDENTIALS':
      return 'That email and password do not match an account.';
    case 'FORBIDDEN':
      return 'You do not have permission to do that.';
    case 'ORIGIN_NOT_ALLOWED':
      return 'This website is not in the site’s allowed origins.';
    case 'IDENTITY_INVALID':
      return 'The visitor’s identity could not be verified.';
    case 'NOT_FOUND':
      return 'It no longer exists, or you no longer have access to it.';
    case 'CONFLICT':
      return `That cannot be done right now: ${error.message}`;
    case 'ALREADY_RATED':
      return 'This conversation has already been rated.';
    case 'AGENT_UNAVAILABLE':
      // The relay names who and why ("Mai is at capacity (1 / 1 chats)"): take and transfer both.
      return `${error.message}. A chat needs someone online with a free chat slot.`;
    case 'EMAIL_TAKEN':
      return 'Another account already uses this email.';
    case 'FILE_TOO_LARGE':
      // The relay's detail names the file and the site's limit.
      return `That file is too large to send: ${error.message}`;
    case 'FILE_TYPE_REFUSED':
      return `This site does not accept that kind of file: ${error.message}`;
    case 'RATE_LIMITED':
      return error.retryAfterMs === undefined
        ? 'Too many attempts. Wait a moment, then try again.'
        : `Too many attempts. Try again in ${Math.max(1, Math.ceil(error.retryAfterMs / 1000))} s.`;
    case 'MAIL_UNAVAILABLE':
      return 'Email is not set up on this server.';
    case 'STORE_UNAVAILABLE':
      return 'The server cannot save right now (its storage is full or read-only). Nothing was saved; try again shortly.';
    case 'INTERNAL':
      return 'Something went wrong on the server. Please try again.';
    case 'NETWORK':
      return error.message;
    default:
      return unreachable(code);
  }
}

function unreachable(code: never): never {
  throw new Error(`No text for error code ${String(code)}`);
}
