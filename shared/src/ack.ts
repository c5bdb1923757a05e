import type { ErrorBody } from './errors';

/** What every client→server event's acknowledgement receives. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** The acknowledgement callback a client passes as the last emit argument. */
export type AckCallback<T> = (reply: Ack<T>) => void;
