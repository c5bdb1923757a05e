/** How models talk to the server: one typed request per visitor event, answered by a Result. */
import type { ErrorCode, VisitorRequests } from '@parley/shared';

/** Server codes plus the two failures only a client sees: no connection, no answer in time. */
export type WidgetErrorCode = ErrorCode | 'OFFLINE' | 'TIMEOUT';

/** An error as the widget handles it. */
export interface WidgetError {
  code: WidgetErrorCode;
  message: string;
  /** With RATE_LIMITED: milliseconds until the relay accepts the request again. */
  retryAfterMs?: number;
}

/** A request's outcome: the ack's data, or why there is none. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: WidgetError };

/** Visitor request names. */
export type RequestName = keyof VisitorRequests;

/** Sends visitor requests; never throws. */
export interface Transport {
  request<K extends RequestName>(
    name: K,
    payload: VisitorRequests[K]['in'],
  ): Promise<Result<VisitorRequests[K]['out']>>;
}

/** True for failures where the server never answered, so sending again later is right. */
export function isTransient(code: WidgetErrorCode): boolean {
  return code === 'OFFLINE' || code === 'TIMEOUT';
}
