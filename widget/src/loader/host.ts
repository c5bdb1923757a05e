/**
 * The widget's isolated corner of the page: one custom element with an open shadow root (open so
 * that browser tests and assistive tech can see inside). Page CSS cannot style what is inside,
 * our CSS cannot leak out, and `:host { all: initial }` stops inherited page styles at the door.
 */
export interface WidgetHost {
  element: HTMLElement;
  root: ShadowRoot;
  /** The element inside the shadow root that carries the theme variables. */
  frame: HTMLElement;
  addStyles(css: string): void;
  setAccent(color: string, onAccent: string): void;
}

/** Creates the host element (not yet attached to the page). */
export function createHost(doc: Document, nonce: string): WidgetHost {
  const element = doc.createElement('parley-widget');
  const root = element.attachShadow({ mode: 'open' });
  const frame = doc.createElement('div');
  frame.className = 'parley';
  root.appendChild(frame);

  return {
    element,
    root,
    frame,
    addStyles(css) {
      // Constructed stylesheets need no CSP allowance; a nonced <style> is the fallback for
      // browsers without them, and works under a strict style-src that carries our nonce.
      if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
        return;
      }
      const style = doc.createElement('style');
      if (nonce) style.nonce = nonce;
      style.textContent = css;
      root.insertBefore(style, frame);
    },
    setAccent(color, onAccent) {
      // CSSOM writes are not inline style attributes, so a strict style-src does not block them.
      frame.style.setProperty('--accent', color);
      frame.style.setProperty('--on-accent', onAccent);
    },
  };
}
