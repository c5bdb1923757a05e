import { describe, expect, it } from 'vitest';
import { readOptions } from './script-options';

function script(attributes: Record<string, string>): HTMLScriptElement {
  const el = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

describe('reading the snippet', () => {
  it('finds the site, the server origin from its own src, the locale and the nonce', () => {
    const el = script({
      src: 'https://chat.example:8443/widget.js?v=2',
      'data-site': 'site-42',
      'data-locale': 'vi',
      nonce: 'r4nd0m',
    });
    expect(readOptions(el)).toEqual({
      siteId: 'site-42',
      origin: 'https://chat.example:8443',
      locale: 'vi',
      nonce: 'r4nd0m',
      sound: true,
    });
  });

  it('turns the sound off with data-sound="off"', () => {
    const el = script({
      src: 'https://c.example/widget.js',
      'data-site': 's',
      'data-sound': 'off',
    });
    expect(readOptions(el)?.sound).toBe(false);
  });

  it('refuses a tag without data-site', () => {
    expect(readOptions(script({ src: 'https://c.example/widget.js' }))).toBeNull();
  });
});
