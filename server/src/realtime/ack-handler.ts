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

/** Registers a validated, acknowledged handler for each event of `schemas` on `socket`. */
export function handleRequests<S extends Record<string, z.ZodType>>(
  socket: Socket,
  schemas: S,
  handlers: { [K in keyof S]: (input: z.output<S[K]>) => Promise<unknown> },
  /** `limitKey` is whose requests the limiter counts; the socket's own by default. */
  options: { logger: Logger; limiter: Limiter; limitKey?: string },
): void {
  for (const event of Object.keys(schemas) as (keyof S & string)[]) {
    const schema = schemas[event]!;
    const handler = handlers[event] as (input: unknown) => Promise<unknown>;
    socket.on(event as string, async (...args: unknown[]) => {
      const ack = args.at(-1);
      // Without an ack function there is nobody to answer; the protocol requires one.
      if (typeof ack !== 'function') return;
      const reply = ack as (reply: Ack<unknown>) => void;
      try {
        await takePoint(
          options.limiter,
          options.limitKey ?? socket.id,
          'Too many requests; slow down',
        );
        const parsed = schema.safeParse(args.length > 1 ? args[0] : undefined);
        if (!parsed.success)
          throw new ParleyError('VALIDATION_FAILED', describeIssues(parsed.error));
        reply({ ok: true, data: await handler(parsed.data) });
      } catch (error) {
        reply({
          ok: false,
          error: toErrorBody(error, options.logger, { event, socket: socket.id }),
        });
      }
    });
  }
}
