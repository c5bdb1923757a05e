import { expect, test } from 'vitest';
import { linkify, safeHref } from './linkify';

test('http and https URLs become links and trailing punctuation stays text', () => {
  expect(linkify('See https://shop.example/a?b=1. Thanks')).toEqual([
    { type: 'text', text: 'See ' },
    { type: 'link', text: 'https://shop.example/a?b=1', href: 'https://shop.example/a?b=1' },
    { type: 'text', text: '. Thanks' },
  ]);
});

test('other schemes never become links', () => {
  expect(linkify('javascript:alert(1) data:text/html,hi')).toEqual([
    { type: 'text', text: 'javascript:alert(1) data:text/html,hi' },
  ]);
  expect(safeHref('javascript:alert(1)')).toBeNull();
  expect(safeHref('ftp://files.example')).toBeNull();
});
