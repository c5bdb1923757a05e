import { describe, expect, it, test } from 'vitest';
import { linkify, safeHref } from './linkify';

describe('links in messages', () => {
  it('turns http and https URLs into links and leaves the sentence around them', () => {
    expect(linkify('See https://acme.example/orders/42. Thanks!')).toEqual([
      { kind: 'text', text: 'See ' },
      {
        kind: 'link',
        text: 'https://acme.example/orders/42',
        href: 'https://acme.example/orders/42',
      },
      { kind: 'text', text: '. Thanks!' },
    ]);
  });

  it('never links other schemes', () => {
    for (const text of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'ftp://files.example',
      'www.booherconsultants.com',
    ]) {
      expect(linkify(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('keeps a closing parenthesis that belongs to the URL', () => {
    const parts = linkify('(see https://en.wikipedia.org/wiki/Chat_(software))');
    expect(parts[1]).toMatchObject({ text: 'https://en.wikipedia.org/wiki/Chat_(software)' });
    expect(parts[2]).toEqual({ kind: 'text', text: ')' });
  });

  it('keeps non-ASCII text intact', () => {
    const text = 'Mulțumim! Vezi http://magazin.example/comandă — și spune-ne.';
    expect(
      linkify(text)
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
  });
});

// The console's cases, now the same function's.
test('http and https URLs become links and trailing punctuation stays text', () => {
  expect(linkify('See https://shop.example/a?b=1. Thanks')).toEqual([
    { kind: 'text', text: 'See ' },
    { kind: 'link', text: 'https://shop.example/a?b=1', href: 'https://shop.example/a?b=1' },
    { kind: 'text', text: '. Thanks' },
  ]);
});

test('other schemes never become links', () => {
  expect(linkify('javascript:alert(1) data:text/html,hi')).toEqual([
    { kind: 'text', text: 'javascript:alert(1) data:text/html,hi' },
  ]);
  expect(safeHref('javascript:alert(1)')).toBeNull();
  expect(safeHref('ftp://files.example')).toBeNull();
});
