import type { WidgetOptions } from '../contract';

/** The script element that loaded the widget: `currentScript` works for async classic scripts. */
export function findOwnScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.site) return current;
  return doc.querySelector<HTMLScriptElement>('script[data-site][src*="widget.js"]');
}

/** Reads the snippet's attributes; null when the tag has no usable `data-site` or `src`. */
export function readOptions(script: HTMLScriptElement): WidgetOptions | null {
  const siteId = script.dataset.site?.trim();
  if (!siteId || !script.src) return null;
  let origin: string;
  try {
    origin = new URL(script.src, script.ownerDocument.baseURI).origin;
  } catch {
    return null;
  }
  return {
    siteId,
    origin,
    locale: script.dataset.locale?.trim() || null,
    // The nonce property, not the attribute: browsers hide the attribute once CSP has read it.
    nonce: script.nonce || script.getAttribute('nonce') || '',
    sound: script.dataset.sound !== 'off',
  };
}
