import { useId, useRef } from 'preact/hooks';
import { LOCALE_CHOICES } from '../text/locale-names';
import { useText } from '../text/text-context';
import { MenuIcon } from './icons';
import { useMenu } from './use-menu-keys';

/** One action of the menu; `null` entries are left out. */
export interface MenuAction {
  label: string;
  /** Runs after the menu closed; true when the action moves focus itself. */
  run: () => boolean | void;
}

interface Props {
  actions: readonly (MenuAction | null)[];
  onChooseLocale: (code: string) => void;
}

/** The header's menu button: the panel's secondary actions and the language. */
export function HeaderMenu({ actions, onChooseLocale }: Props) {
  const { t, locale } = useText();
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const { open, close, toggle, onButtonKeyDown, onMenuKeyDown } = useMenu(button, menu);
  const choose = (run: () => boolean | void) => {
    close(!run());
  };

  return (
    <div
      class="menu-wrap"
      onFocusOut={(event) => {
        // Focus went elsewhere (a click outside, Tab): the menu is done.
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) close(false);
      }}
    >
      <button
        ref={button}
        type="button"
        class="icon-button"
        aria-label={t.menu}
        title={t.menu}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={toggle}
        onKeyDown={onButtonKeyDown}
      >
        <MenuIcon />
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          class="menu"
          role="menu"
          aria-label={t.menu}
          onKeyDown={onMenuKeyDown}
        >
          {actions.map(
            (action) =>
              action && (
                <button
                  key={action.label}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  onClick={() => choose(action.run)}
                >
                  {action.label}
                </button>
              ),
          )}
          <div role="group" aria-label={t.language} class="menu-group">
            <p class="menu-heading" aria-hidden="true">
              {t.language}
            </p>
            {LOCALE_CHOICES.map(([code, name]) => (
              <button
                key={code}
                type="button"
                role="menuitemradio"
                aria-checked={code === locale}
                lang={code}
                tabIndex={-1}
                onClick={() => choose(() => onChooseLocale(code))}
              >
                {name}
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
