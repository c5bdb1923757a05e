import { useCallback, useState } from 'preact/hooks';
import { ShortcutsDialog } from '../components/ShortcutsDialog';
import type { Workspace } from '../models/workspace';
import { InboxPanes } from './InboxPanes';
import { ReportsView } from './ReportsView';
import { SettingsView } from './SettingsView';
import { TopBar } from './TopBar';
import { useShortcuts } from './use-shortcuts';

/** The signed-in console: inbox list | conversation | visitor, the reports, or the owners' settings. */
export function WorkspaceView(props: { workspace: Workspace; onSignOut: () => void }) {
  const { workspace } = props;
  const page = workspace.page.value;
  const isOwner = workspace.directory.isOwner.value;
  // The shortcuts dialog, open or not, and where focus goes back to when it closes.
  const [help, setHelp] = useState<{ returnTo: HTMLElement | null } | null>(null);
  const openHelp = useCallback((from?: HTMLElement) => {
    const focused = from ?? document.activeElement;
    setHelp({ returnTo: focused instanceof HTMLElement ? focused : null });
  }, []);
  useShortcuts(workspace, openHelp);
  return (
    <div class="shell">
      <TopBar workspace={workspace} onSignOut={props.onSignOut} onShortcuts={openHelp} />
      <div class="shell-body">
        <nav class="rail" aria-label="Sections">
          <button
            type="button"
            class="rail-item"
            aria-current={page === 'inbox' ? 'page' : undefined}
            onClick={workspace.showInbox}
          >
            <span class="rail-icon" aria-hidden="true">
              ✉
            </span>
            Inbox
            {workspace.notifications.total.value > 0 && (
              <span class="rail-badge">
                {workspace.notifications.total.value}
                <span class="sr-only"> unread</span>
              </span>
            )}
          </button>
          <a
            class="rail-item"
            href={workspace.router.reportsHref()}
            aria-current={page === 'reports' ? 'page' : undefined}
            onClick={(event) => {
              // A plain click stays in the console; a middle or modified click opens another tab.
              if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
              event.preventDefault();
              workspace.reports.show();
            }}
          >
            <span class="rail-icon" aria-hidden="true">
              ▤
            </span>
            Reports
          </a>
          {isOwner && (
            <button
              type="button"
              class="rail-item"
              aria-current={page === 'settings' ? 'page' : undefined}
              onClick={workspace.showSettings}
            >
              <span class="rail-icon" aria-hidden="true">
                ⚙
              </span>
              Settings
            </button>
          )}
        </nav>
        {page === 'settings' && isOwner ? (
          <SettingsView workspace={workspace} />
        ) : page === 'reports' ? (
          <ReportsView workspace={workspace} />
        ) : (
          <InboxPanes workspace={workspace} />
        )}
      </div>
      {help && (
        <ShortcutsDialog
          onClose={() => {
            setHelp(null);
            help.returnTo?.focus();
          }}
        />
      )}
    </div>
  );
}
