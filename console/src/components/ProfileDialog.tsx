import type { Agent } from '@parley/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MIN_PASSWORD_LENGTH, type Profile } from '../models/profile';
import { ErrorNotice } from './ErrorNotice';
import { ModalDialog } from './ModalDialog';

/** "My profile": the signed-in agent changes their own name or password. Escape closes it. */
export function ProfileDialog(props: { me: Agent; profile: Profile; onClose: () => void }) {
  const { profile, me } = props;
  const [name, setName] = useState(me.name);
  const [password, setPassword] = useState('');
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

  const saving = profile.saving.value;
  return (
    <ModalDialog labelledBy="profile-title" onClose={props.onClose}>
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
    </ModalDialog>
  );
}
