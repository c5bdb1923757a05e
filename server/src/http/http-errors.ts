/** HTTP side of the error table: JSON bodies with our codes, and the one handler that sends them. */
import { ERROR_CODES, ParleyError } from '@parley/shared';
import { storableText } from '@parley/shared/schemas';
import type { ErrorRequestHandler, Request } from 'express';
import type { z } from 'zod';
import type { Logger } from '../logger';
import { describeIssues, toErrorBody } from '../realtime/ack-handler';

/** Validates `value` against `schema`, throwing VALIDATION_FAILED with the first bad field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ParleyError('VALIDATION_FAILED', describeIssues(parsed.error));
  return parsed.data;
}

/** A route parameter, always a string in Express 5. */
export function param(req: Request, name: string): string {
  const value = req.params[name];
  // NUL or a lone surrogate names nothing stored (and PostgreSQL would refuse to look it up).
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > 64 ||
    storableText(value) !== value
  ) {
    throw new ParleyError('NOT_FOUND', 'Not found');
  }
  return value;
}

/** Sends `{ error: { code, message } }` with the status of the code, and Retry-After when known. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    // Express's body parser reports malformed JSON and oversized bodies with a `status`.
    const parserStatus = (error as { status?: unknown; type?: unknown })?.status;
    const fromParser =
      typeof parserStatus === 'number' && parserStatus < 500 && (error as { type?: unknown }).type;
    const body = fromParser
      ? {
          code: 'VALIDATION_FAILED' as const,
          message: 'The request body is not valid JSON or is too large',
        }
      : // The router throws a URIError for a route parameter that does not percent-decode.
        error instanceof URIError
        ? { code: 'VALIDATION_FAILED' as const, message: 'The path is not valid percent-encoding' }
        : toErrorBody(error, logger, { method: req.method, path: req.path });
    // Retry-After counts whole seconds; rounding up keeps a client that obeys it from being refused.
    if (body.retryAfterMs !== undefined)
      res.set('Retry-After', String(Math.max(1, Math.ceil(body.retryAfterMs / 1000))));
    res.status(ERROR_CODES[body.code]).json({ error: body });
  };
}
