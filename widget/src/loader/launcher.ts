import type { LauncherHandle } from '../contract';
import type { LauncherText } from '../text/messages';
import { CHAT_ICON, CLOSE_ICON, icon } from './icons';

/** The launcher plus what only the loader drives: the spinner while the panel chunk loads. */
export interface Launcher extends LauncherHandle {
  button: HTMLButtonElement;
  setBusy(busy: boolean): void;
}

/** The round button in the corner, with its unread badge. Plain DOM: Preact is not loaded yet. */
export function createLauncher(
  doc: Document,
  parent: HTMLElement,
  initialText: LauncherText,
  onToggle: () => void,
): Launcher {
  let text = initialText;
  let open = false;
  let unread = 0;

  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  const badge = doc.createElement('span');
  badge.className = 'badge';
  badge.setAttribute('aria-hidden', 'true');
  // The count is a description, not part of the name: the name stays "Open chat" for everyone.
  const description = doc.createElement('span');
  description.className = 'sr-only';
  description.id = 'parley-unread';
  button.setAttribute('aria-describedby', description.id);
  button.append(icon(doc, 'icon-chat', CHAT_ICON), icon(doc, 'icon-close', CLOSE_ICON), badge);
  button.addEventListener('click', onToggle);
  parent.append(button, description);

  const render = () => {
    button.setAttribute('aria-label', open ? text.close : text.open);
    button.setAttribute('aria-expanded', String(open));
    badge.textContent = unread > 99 ? '99+' : String(unread);
    badge.hidden = unread === 0;
    description.textContent = unread > 0 ? text.unread(unread) : '';
  };
  render();

  return {
    button,
    setOpen(value) {
      open = value;
      render();
    },
    setUnread(count) {
      unread = count;
      render();
    },
    setText(value) {
      text = value;
      render();
    },
    setBusy(busy) {
      button.classList.toggle('busy', busy);
      if (busy) button.setAttribute('aria-busy', 'true');
      else button.removeAttribute('aria-busy');
    },
    focus() {
      button.focus();
    },
  };
}
