import { expect, test } from 'vitest';
import { formatElapsed, formatSeconds } from './duration';

test('waiting times read compactly at every scale', () => {
  expect(formatElapsed(45_000)).toBe('45s');
  expect(formatElapsed(192_000)).toBe('3m 12s');
  expect(formatElapsed(3_900_000)).toBe('1h 05m');
  expect(formatElapsed(2 * 86_400_000 + 3 * 3_600_000)).toBe('2d 3h');
  expect(formatElapsed(-5)).toBe('0s');
});

test('report durations read in seconds, minutes or hours, and a dash when nothing was measured', () => {
  expect(formatSeconds(41.5)).toBe('41.5s');
  expect(formatSeconds(95)).toBe('1m 35s');
  expect(formatSeconds(36_000)).toBe('10h 00m');
  expect(formatSeconds(null)).toBe('—');
});
