import { expect, test } from 'vitest';
import { formatFileSize } from './file-size';

test('sizes read in the unit that suits them', () => {
  expect(formatFileSize(812)).toBe('812 B');
  expect(formatFileSize(46 * 1024 + 300)).toBe('46 KB');
  expect(formatFileSize(2.44 * 1024 * 1024)).toBe('2.4 MB');
  expect(formatFileSize(25 * 1024 * 1024)).toBe('25 MB');
});
