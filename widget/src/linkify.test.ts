import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

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
