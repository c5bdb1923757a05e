import { expect, test } from 'vitest';
import { visitorClock, visitorLocalTime } from './visitor-clock';

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

test('the time zone the browser reported gives the local time, whatever the locale implies', () => {
  expect(visitorLocalTime({ locale: 'en-US', timeZone: 'Asia/Ho_Chi_Minh' }, noon)).toEqual({
    time: '19:00',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  expect(visitorLocalTime({ locale: 'ro-RO', timeZone: 'America/New_York' }, noon)).toEqual({
    time: '08:00',
    timeZone: 'America/New_York',
  });
});

test('without a reported time zone the local time is guessed from the locale', () => {
  expect(visitorLocalTime({ locale: 'ro-RO', timeZone: null }, noon)).toEqual({
    time: '14:00',
    timeZone: 'Europe/Bucharest',
  });
  expect(visitorLocalTime({ locale: 'en-US', timeZone: null }, noon)).toBeNull();
});

test('a time zone name the browser made up falls back to the locale', () => {
  expect(visitorLocalTime({ locale: 'vi-VN', timeZone: 'Mars/Olympus' }, noon)).toEqual({
    time: '19:00',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
});
