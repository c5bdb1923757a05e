import { expect, test } from 'vitest';
import { messageSummary } from './message-summary';

const file = (name: string) => ({ id: name, name, type: 'image/png', size: 1, url: '/x' });

test('a message of files only is summed up by their names', () => {
  expect(messageSummary({ text: 'Hello' })).toBe('Hello');
  expect(messageSummary({ text: '', attachments: [file('a.png')] })).toBe('File: a.png');
  expect(messageSummary({ text: '', attachments: [file('a.png'), file('b.png')] })).toBe(
    '2 files: a.png, b.png',
  );
});
