import { useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '../components/ErrorNotice';
import { ProfileDialog } from '../components/ProfileDialog';
import { StatusSwitch } from '../components/StatusSwitch';
import type { Workspace } from '../models/workspace';

/** Presence, capacity, notifications and the account, always in view. */
export function TopBar(props: {
  workspace: Workspace;
  onSignOut: () => void;
  /** Opens the list of keyboard shortcuts (also the `?` key); focus returns to `from`. */
  onShortcuts: (from: HTMLElement) => void;
}) {
  const { directory, presence, inbox, notifications, profile } = props.workspace;
  const [profileOpen, setProfileOpen] = useState(false);
  const profileButton = useRef<HTMLButtonElement>(null);
  const me = directory.me.value;
  const active = inbox.counts.value?.mine ?? 0;
  const connection = directory.connection.value;
  return (
    <header class="top-bar">
      <div class="brand">
        <span class="brand-mark" aria-hidden="true">
          P
        </span>
        Parley
      </div>
      {connection !== 'connected' && (
        <span class="connection-state" role="status">
          {connection === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
        </span>
      )}
      <ErrorNotice
        class="top-bar-error"
        error={presence.error.value ?? props.workspace.helloError.value}
        onDismiss={() => {
          presence.error.value = null;
          props.workspace.helloError.value = null;
        }}
      />
      <div class="top-bar-end">
        {notifications.access.value === 'default' && (
          <button
            type="button"
            class="button button-ghost"
            onClick={() => void notifications.enable()}
          >
            Enable notifications
          </button>
        )}
        <span class="capacity" title="Active chats assigned to you / your capacity">
          {active} / {me.capacity} chats
        </span>
        <StatusSwitch
          online={presence.online.value}
          pending={presence.pending.value}
          onChange={(online) => void presence.setOnline(online)}
        />
        <button
          type="button"
          class="me"
          ref={profileButton}
          aria-haspopup="dialog"
          aria-expanded={profileOpen}
          title="My profile"
          onClick={() => {
            profile.reset();
            setProfileOpen(true);
          }}
        >
          <span class="me-name">{me.name}</span>{' '}
          <span class="me-role">{me.role === 'owner' ? 'Owner' : 'Agent'}</span>
        </button>
        <button
          type="button"
          class="button button-ghost icon-only shortcuts-button"
          aria-label="Keyboard shortcuts"
          aria-haspopup="dialog"
          title="Keyboard shortcuts (?)"
          onClick={(event) => props.onShortcuts(event.currentTarget)}
        >
          <span aria-hidden="true">⌨</span>
        </button>
        <button type="button" class="button button-ghost" onClick={props.onSignOut}>
          Sign out
        </button>
      </div>
      {profileOpen && (
        <ProfileDialog
          me={me}
          profile={profile}
          onClose={() => {
            setProfileOpen(false);
            profileButton.current?.focus();
          }}
        />
      )}
    </header>
  );
}
