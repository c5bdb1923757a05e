import { expect, test } from 'vitest';
import { formatElapsed } from './duration';

test('waiting times read compactly at every scale', () => {
  expect(formatElapsed(45_000)).toBe('45s');
  expect(formatElapsed(192_000)).toBe('3m 12s');
  expect(formatElapsed(3_900_000)).toBe('1h 05m');
  expect(formatElapsed(2 * 86_400_000 + 3 * 3_600_000)).toBe('2d 3h');
  expect(formatElapsed(-5)).toBe('0s');
});
