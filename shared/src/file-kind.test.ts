import { expect, test } from 'vitest';
import { formatFileSize, kindOfFile } from './file-kind';

test('a file is judged by its declared image type first, then by its name', () => {
  expect(kindOfFile('', 'image/png')).toBe('image');
  expect(kindOfFile('Tent seam.JPG', '')).toBe('image');
  expect(kindOfFile('faktura.pdf', 'application/octet-stream')).toBe('pdf');
  expect(kindOfFile('zamówienie.docx', '')).toBe('office');
  expect(kindOfFile('notes.txt', 'text/plain')).toBe('text');
  expect(kindOfFile('logo.svg', 'image/svg+xml')).toBeNull();
  expect(kindOfFile('page.html', 'text/html')).toBeNull();
  expect(kindOfFile('setup.exe', '')).toBeNull();
});

test('sizes read in the reader’s locale', () => {
  expect(formatFileSize(1_250_000, 'en')).toBe('1.3 MB');
  expect(formatFileSize(1_250_000, 'pl')).toBe('1,3 MB');
  expect(formatFileSize(420, 'en')).toBe('1 kB');
  expect(formatFileSize(85_000, 'vi')).toBe('85 kB');
});
