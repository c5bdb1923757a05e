import type { Agent } from '@parley/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MIN_PASSWORD_LENGTH, type Profile } from '../models/profile';
import { ErrorNotice } from './ErrorNotice';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** "My profile": the signed-in agent changes their own name or password. Escape closes it. */
export function ProfileDialog(props: { me: Agent; profile: Profile; onClose: () => void }) {
  const { profile, me } = props;
  const [name, setName] = useState(me.name);
  const [password, setPassword] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    first.current?.focus();
  }, []);

  async function saveName(event: Event): Promise<void> {
    event.preventDefault();
    await profile.rename(name);
  }

  async function savePassword(event: Event): Promise<void> {
    event.preventDefault();
    if (await profile.changePassword(password)) setPassword('');
  }

  // Keeps Tab inside the dialog while it is open, as a modal dialog should.
  function onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      props.onClose();
      return;
    }
    if (event.key !== 'Tab' || !box.current) return;
    const items = Array.from(box.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const head = items[0];
    const tail = items[items.length - 1];
    if (!head || !tail) return;
    if (event.shiftKey && document.activeElement === head) {
      event.preventDefault();
      tail.focus();
    } else if (!event.shiftKey && document.activeElement === tail) {
      event.preventDefault();
      head.focus();
    }
  }

  const saving = profile.saving.value;
  return (
    <div
      class="dialog-backdrop"
      onClick={(event) => {
        if (event.target === event.currentTarget) props.onClose();
      }}
    >
      <div
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="profile-title"
        ref={box}
        onKeyDown={onKeyDown}
      >
        <header class="dialog-head">
          <h2 id="profile-title">My profile</h2>
          <button type="button" class="icon-button" aria-label="Close" onClick={props.onClose}>
            ×
          </button>
        </header>
        <p class="muted">{me.email}</p>
        <ErrorNotice error={profile.error.value} onDismiss={() => (profile.error.value = null)} />
        {profile.saved.value && (
          <p class="notice notice-success" role="status">
            {profile.saved.value}
          </p>
        )}
        <form class="dialog-form" onSubmit={(event) => void saveName(event)}>
          <label class="field">
            <span>Name</span>
            <input
              ref={first}
              value={name}
              autocomplete="name"
              onInput={(event) => setName(event.currentTarget.value)}
            />
          </label>
          <button type="submit" class="button button-secondary" disabled={saving !== null}>
            Save name
          </button>
        </form>
        <form class="dialog-form" onSubmit={(event) => void savePassword(event)}>
          <label class="field">
            <span>New password</span>
            <input
              type="password"
              value={password}
              autocomplete="new-password"
              aria-describedby="profile-password-hint"
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
          </label>
          <p class="hint" id="profile-password-hint">
            At least {MIN_PASSWORD_LENGTH} characters.
          </p>
          <button type="submit" class="button button-secondary" disabled={saving !== null}>
            Change password
          </button>
        </form>
        {me.role !== 'owner' && (
          <label class="check">
            <input
              type="checkbox"
              checked={me.digestEmails === true}
              disabled={saving !== null}
              onChange={(event) => void profile.setDigestEmails(event.currentTarget.checked)}
            />
            <span>Email me about offline messages and missed chats on my sites</span>
          </label>
        )}
      </div>
    </div>
  );
}
