import { expect, test } from 'vitest';
import { visitorClock } from './visitor-clock';

const noon = Date.parse('2026-03-10T12:00:00Z');

test('a locale whose region keeps one time zone shows the local time there', () => {
  expect(visitorClock('vi-VN', noon)).toEqual({
    locale: 'vi-VN',
    label: 'Vietnamese (Vietnam)',
    timeZone: 'Asia/Ho_Chi_Minh',
    time: '19:00',
  });
});

test('a region with several time zones shows the locale only', () => {
  expect(visitorClock('en-US', noon)).toMatchObject({ timeZone: null, time: null });
});

test('a locale without a region shows the language only', () => {
  expect(visitorClock('pl', noon)).toMatchObject({ label: 'Polish', time: null });
});

test('no locale gives nothing', () => {
  expect(visitorClock(null, noon)).toBeNull();
});
