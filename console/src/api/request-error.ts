import { isErrorCode, type ErrorCode } from '@parley/shared';

/**
 * Codes a console request can fail with: the server's table, plus NETWORK when the relay could not
 * be reached or did not answer in time (the console detects that itself).
 */
export type RequestErrorCode = ErrorCode | 'NETWORK';

/** The one error type the console's REST client and socket connection reject with. */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    readonly code: RequestErrorCode,
    message: string,
    /** With RATE_LIMITED: milliseconds until the relay accepts the request again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Decodes an `{ code, message }` body from the wire; anything unrecognisable becomes INTERNAL. */
export function requestErrorFromBody(body: unknown): RequestError {
  if (typeof body === 'object' && body !== null && 'code' in body) {
    const { code, message, retryAfterMs } = body as {
      code: unknown;
      message?: unknown;
      retryAfterMs?: unknown;
    };
    if (isErrorCode(code)) {
      return new RequestError(
        code,
        typeof message === 'string' ? message : code,
        typeof retryAfterMs === 'number' && retryAfterMs >= 0 ? retryAfterMs : undefined,
      );
    }
  }
  return new RequestError('INTERNAL', 'The server sent an error the console does not understand.');
}

/** Narrows anything thrown by a request into a RequestError, so views have one type to render. */
export function asRequestError(error: unknown): RequestError {
  if (error instanceof RequestError) return error;
  return new RequestError('INTERNAL', error instanceof Error ? error.message : String(error));
}
