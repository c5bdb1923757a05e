import { expect, test } from 'vitest';
import { requestErrorFromBody } from './request-error';

test('a rate-limit body keeps the wait the relay asked for', () => {
  const error = requestErrorFromBody({ code: 'RATE_LIMITED', message: 'slow', retryAfterMs: 900 });
  expect(error.code).toBe('RATE_LIMITED');
  expect(error.retryAfterMs).toBe(900);
  expect(requestErrorFromBody({ code: 'FORBIDDEN', message: 'no' }).retryAfterMs).toBeUndefined();
});
