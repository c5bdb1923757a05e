/**
 * Every error a client can receive, over Socket.IO acks and over REST, comes from this table.
 * The value is the HTTP status the REST API answers with for that code.
 */
export const ERROR_CODES = {
  /** The payload did not match the event's schema; `message` names the first bad field. */
  VALIDATION_FAILED: 400,
  /** No valid token (agent) or visitor session. */
  UNAUTHENTICATED: 401,
  /** Email or password is wrong. */
  INVALID_CREDENTIALS: 401,
  /** Authenticated, but not allowed to touch this resource (another site, another visitor). */
  FORBIDDEN: 403,
  /** The page's origin is not in the site's allowed-origins list. */
  ORIGIN_NOT_ALLOWED: 403,
  /** The site requires identity verification and none, or a wrong `userHash`, was given. */
  IDENTITY_INVALID: 403,
  /** The resource does not exist (or is not visible to the caller). */
  NOT_FOUND: 404,
  /** The action does not fit the resource's state, e.g. replying to a closed conversation. */
  CONFLICT: 409,
  /** The conversation already has a rating for that question. */
  ALREADY_RATED: 409,
  /** The agent is at capacity (take, transfer), or a transfer target is offline or away. */
  AGENT_UNAVAILABLE: 409,
  /** The email already belongs to another agent. */
  EMAIL_TAKEN: 409,
  /** A file is larger than the site allows (per file). */
  FILE_TOO_LARGE: 413,
  /** A file's bytes are not of a type the site accepts (decided from the bytes, not the name). */
  FILE_TYPE_REFUSED: 415,
  /** Too many requests; retry later. */
  RATE_LIMITED: 429,
  /** Sending email is not configured on this server (no SMTP_URL). */
  MAIL_UNAVAILABLE: 503,
  /**
   * The relay cannot write to its storage now (disk full or read-only, database unreachable), so
   * the request was not confirmed stored. Retrying later is safe: a message sent again with the
   * same `clientId` is stored once.
   */
  STORE_UNAVAILABLE: 503,
  /** Unexpected server fault; details are in the server log, never in the reply. */
  INTERNAL: 500,
} as const;

/** One of the codes in {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The error body used in acks (`{ ok: false, error }`) and REST responses (`{ error }`). */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** With `RATE_LIMITED`: milliseconds until the next request can succeed. Absent otherwise. */
  retryAfterMs?: number;
}

/** What an error may carry besides its code and message. */
export interface ErrorDetails {
  /** See {@link ErrorBody.retryAfterMs}. */
  retryAfterMs?: number;
}

/** The one error type domain code throws; the ack wrapper and HTTP handler turn it into an ErrorBody. */
export class ParleyError extends Error {
  override readonly name = 'ParleyError';
  readonly retryAfterMs: number | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(message);
    this.retryAfterMs = details.retryAfterMs;
  }

  /** The wire form of this error. */
  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    // Only set when known, so the bodies of every other error keep their two fields.
    if (this.retryAfterMs !== undefined) body.retryAfterMs = this.retryAfterMs;
    return body;
  }
}

/** True when `value` is one of our error codes (for clients decoding acks). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
