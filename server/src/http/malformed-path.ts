/**
 * A path that is not valid percent-encoded UTF-8 (`/console/%c0%ae`, a lone `%ed%a0%80`) names
 * nothing we serve. Refused here as VALIDATION_FAILED before any router or static handler tries
 * to decode it and throws a URIError, which would otherwise surface as a logged 500.
 */
import { ParleyError } from '@parley/shared';
import type { RequestHandler } from 'express';

/** Answers 400 VALIDATION_FAILED to a request whose path does not decode. */
export const rejectMalformedPaths: RequestHandler = (req, _res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    next(new ParleyError('VALIDATION_FAILED', 'The path is not valid percent-encoded UTF-8'));
    return;
  }
  next();
};
