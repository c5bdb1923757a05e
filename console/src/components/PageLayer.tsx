import { render, type ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';

/**
 * Draws its children in an element of their own at the end of the page, above everything, instead
 * of where the component sits (for dialogs opened from inside a message). Preact's own portal is
 * in preact/compat, which would change how every input and focus event of the console is bound.
 */
export function PageLayer(props: { children: ComponentChildren }) {
  const [host] = useState(() => document.createElement('div'));

  useLayoutEffect(() => {
    document.body.append(host);
    return () => {
      render(null, host);
      host.remove();
    };
  }, [host]);

  useEffect(() => {
    render(<>{props.children}</>, host);
  });

  return null;
}
