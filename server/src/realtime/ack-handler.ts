/**
 * The one place socket requests become acks. It validates the payload against the event's schema,
 * rate-limits the socket, runs the action, and turns every failure into `{ ok: false, error }`:
 * a ParleyError keeps its code, anything else is logged and answered as INTERNAL.
 */
import { ParleyError, type Ack, type ErrorBody } from '@parley/shared';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { Logger } from '../logger';
import { takePoint, type Limiter } from '../rate-limits/take-point';

/** Describes a validation failure by its first bad field. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid payload';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'payload';
  return `${where}: ${issue.message}`;
}

/** Turns any thrown value into the error body a client receives. */
export function toErrorBody(
  error: unknown,
  logger: Logger,
  context: Record<string, unknown>,
): ErrorBody {
  if (error instanceof ParleyError) return error.toBody();
  logger.error({ err: error, ...context }, 'request failed');
  return { code: 'INTERNAL', message: 'Something went wrong on our side' };
}

/** A refused connection carries our error body in `err.data`, as an ack would. */
export function connectionRefusal(error: ParleyError): Error {
  return Object.assign(new Error(error.message), { data: error.toBody() });
}

/**
 * The requests of one namespace: for each event of `schemas` a handler that gets the socket's
 * context (who is asking) and the validated payload. Built once per namespace; each socket gets
 * one listener (`onAny`) for all of them, not one closure per event, since a relay holds
 * thousands of mostly idle sockets.
 */
export function requestHandlers<S extends Record<string, z.ZodType>, C>(
  schemas: S,
  handlers: { [K in keyof S]: (context: C, input: z.output<S[K]>) => Promise<unknown> },
  /** `limitKey` is whose requests the limiter counts (a visitor, an agent: not a socket). */
  options: { logger: Logger; limiter: Limiter; limitKey: (context: C) => string },
): (socket: Socket, context: C) => void {
  const known = new Map(
    Object.keys(schemas).map((event) => [
      event,
      {
        schema: schemas[event]!,
        handler: handlers[event] as (context: C, input: unknown) => Promise<unknown>,
      },
    ]),
  );
  async function answer(socket: Socket, context: C, event: string, args: unknown[]) {
    const request = known.get(event);
    const ack = args.at(-1);
    // An unknown event, or no ack function: there is nobody to answer; the protocol requires one.
    if (!request || typeof ack !== 'function') return;
    const reply = ack as (reply: Ack<unknown>) => void;
    try {
      await takePoint(options.limiter, options.limitKey(context), 'Too many requests; slow down');
      const parsed = request.schema.safeParse(args.length > 1 ? args[0] : undefined);
      if (!parsed.success) throw new ParleyError('VALIDATION_FAILED', describeIssues(parsed.error));
      reply({ ok: true, data: await request.handler(context, parsed.data) });
    } catch (error) {
      reply({
        ok: false,
        error: toErrorBody(error, options.logger, { event, socket: socket.id }),
      });
    }
  }
  return (socket, context) =>
    socket.onAny((event: string, ...args: unknown[]) => void answer(socket, context, event, args));
}
