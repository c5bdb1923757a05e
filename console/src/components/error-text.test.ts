import { ERROR_CODES, type ErrorCode } from '@parley/shared';
import { expect, test } from 'vitest';
import { RequestError } from '../api/request-error';
import { errorText } from './error-text';

test('every error code the relay can send has a message for the agent', () => {
  for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
    expect(errorText(new RequestError(code, 'detail')).length).toBeGreaterThan(10);
  }
});

test('a validation error names the field the relay complained about', () => {
  expect(errorText(new RequestError('VALIDATION_FAILED', 'color: must be #RRGGBB'))).toContain(
    'color: must be #RRGGBB',
  );
});

test('a rate-limit refusal says how many seconds to wait when the relay said', () => {
  expect(errorText(new RequestError('RATE_LIMITED', 'slow down', 12_300))).toContain(
    'Try again in 13 s',
  );
  expect(errorText(new RequestError('RATE_LIMITED', 'slow down'))).not.toContain('Try again in');
});
