import type { KeyValueStorage } from './outbox-storage';
import { effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import type { ApiClient } from '../api/api-client';
import type { UploadFile } from '../api/file-upload';
import type { ConnectAgent } from '../connection';
import type { Beeper } from '../platform/beeper';
import type { PageHistory } from '../platform/browser-history';
import type { DesktopNotifier } from '../platform/desktop-notifier';
import type { SaveFile } from '../platform/save-file';
import type { Clock } from './clock';
import { createRouter } from './router';
import { createSession } from './session';
import { createSessionRenewal } from './session-renewal';
import type { TokenStore } from './token-store';
import { createWorkspace, type Workspace } from './workspace';

export interface ConsoleDeps {
  api: ApiClient;
  upload: UploadFile;
  tokens: TokenStore;
  connect: ConnectAgent;
  notifier: DesktopNotifier;
  beeper: Beeper;
  clock: Clock;
  focused: ReadonlySignal<boolean>;
  history: PageHistory;
  /** The path the console is served under, e.g. `/console/`. */
  base: string;
  saveFile: SaveFile;
  /** Where unsent replies survive a reload. */
  storage?: KeyValueStorage;
}

/** The whole console: a session, and a workspace that exists exactly while someone is signed in. */
export function createConsoleApp(deps: ConsoleDeps) {
  const session = createSession({ api: deps.api, tokens: deps.tokens });
  const stopRenewal = createSessionRenewal({ api: deps.api, tokens: deps.tokens, session });
  const router = createRouter({ history: deps.history, base: deps.base });
  const workspace = signal<Workspace | null>(null);
  let workspaceToken: string | null = null;

  const stop = effect(() => {
    const state = session.state.value;
    const token = state.status === 'signed-in' ? state.token : null;
    if (token === workspaceToken) return;
    workspaceToken = token;
    untracked(() => {
      workspace.value?.dispose();
      workspace.value =
        state.status === 'signed-in'
          ? createWorkspace({
              ...deps,
              router,
              token: state.token,
              agent: state.agent,
              onUnauthorized: session.expire,
            })
          : null;
    });
  });

  /** Signing out on purpose also leaves the open conversation, so the next agent starts afresh. */
  function signOut(): void {
    session.signOut();
    router.clear();
  }

  function dispose(): void {
    stop();
    stopRenewal();
    workspace.peek()?.dispose();
    router.dispose();
  }

  return { session, router, workspace, signOut, dispose };
}

export type ConsoleApp = ReturnType<typeof createConsoleApp>;
