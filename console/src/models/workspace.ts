import { localOutboxStorage, type KeyValueStorage } from './outbox-storage';
import { effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import type { Agent } from '@parley/shared';
import type { ApiClient } from '../api/api-client';
import type { UploadFile } from '../api/file-upload';
import { asRequestError, type RequestError } from '../api/request-error';
import type { AgentConnection, ConnectAgent } from '../connection';
import type { Beeper } from '../platform/beeper';
import type { DesktopNotifier } from '../platform/desktop-notifier';
import type { SaveFile } from '../platform/save-file';
import { attachmentSettingsOf } from './attachment-rules';
import { createAuditLog } from './audit-log';
import { createAgentLoads } from './agent-loads';
import { createAgentsAdmin } from './agents-admin';
import { createCannedReplies } from './canned-replies';
import type { Clock } from './clock';
import { createComposer } from './composer';
import { createConversation } from './conversation';
import { createDirectory } from './directory';
import { createDownload } from './download';
import { createInbox } from './inbox';
import { createInboxListing } from './inbox-listing';
import { createNotifications } from './notifications';
import { createPendingFiles } from './pending-files';
import { createPresence } from './presence';
import { createProfile } from './profile';
import { createReports } from './reports';
import type { Router } from './router';
import { createSitesAdmin } from './sites-admin';
import { createVisitorErasure } from './visitor-erasure';
import { createVisitorHistory } from './visitor-history';

/** The pages of the console. */
export type Page = 'inbox' | 'settings' | 'reports';

export interface WorkspaceDeps {
  token: string;
  agent: Agent;
  api: ApiClient;
  /** Sends attached files to the relay before their message. */
  upload: UploadFile;
  connect: ConnectAgent;
  notifier: DesktopNotifier;
  beeper: Beeper;
  clock: Clock;
  focused: ReadonlySignal<boolean>;
  /** The address bar: which conversation is open. */
  router: Router;
  /** Where transcripts and exports go. */
  saveFile: SaveFile;
  /** The relay refused the socket's token: the session is over. */
  onUnauthorized: () => void;
  /** Where unsent replies survive a reload (localStorage); without it they live with the page. */
  storage?: KeyValueStorage;
}

/** Everything a signed-in agent works with, wired to one live connection. Disposed on sign-out. */
export function createWorkspace(deps: WorkspaceDeps) {
  const { api, focused, router } = deps;
  const connection: AgentConnection = deps.connect(deps.token);
  const directory = createDirectory(deps.agent);
  const meId = () => directory.me.value.id;
  const page = signal<Page>('inbox');
  const helloError = signal<RequestError | null>(null);

  const presence = createPresence({ connection, directory });
  const agentLoads = createAgentLoads({ connection });
  // Sent again once connected: with the same clientIds, the relay stores each of them once.
  const whenConnected = (send: () => void) => {
    if (directory.connection.value === 'connected') return send();
    const stop = connection.onState((state) => {
      if (state !== 'connected') return;
      stop();
      send();
    });
  };
  const conversation = createConversation({
    api,
    connection,
    meId,
    focused,
    whenConnected,
    ...(deps.storage ? { outboxStorage: localOutboxStorage(deps.storage, deps.agent.id) } : {}),
  });
  const inbox = createInbox({
    api,
    meId,
    viewingId: () => conversation.selectedId.value,
    latestMessage: async (conversationId, lastSeq) => {
      const { messages } = await connection.request('message:history', {
        conversationId,
        afterSeq: lastSeq - 1,
        limit: 1,
      });
      return messages.at(-1) ?? null;
    },
  });
  const inboxListing = createInboxListing({
    send: (conversationIds) => connection.request('inbox:listing', { conversationIds }),
  });
  const canned = createCannedReplies({ api });
  const attachmentSettings = (siteId: string) =>
    attachmentSettingsOf(directory.sites.value.find((site) => site.id === siteId));
  const files = createPendingFiles({ upload: deps.upload, settingsFor: attachmentSettings });
  const composer = createComposer({ conversation, canned, files, attachmentSettings });
  // The files of canned replies being written in settings: a box per form.
  const cannedFiles = createPendingFiles({ upload: deps.upload, settingsFor: attachmentSettings });
  const history = createVisitorHistory({ api });
  const notifications = createNotifications({
    notifier: deps.notifier,
    beeper: deps.beeper,
    focused,
    viewingId: conversation.selectedId,
    meId,
    open: (id) => openConversation(id),
  });
  const sitesAdmin = createSitesAdmin({ api, onSite: directory.applySite });
  const agentsAdmin = createAgentsAdmin({ api, onAgent: directory.applyAgent });
  const auditLog = createAuditLog({ api });
  const reports = createReports({ api, router, save: deps.saveFile });
  const profile = createProfile({
    api,
    meId,
    onAgent: (agent) => {
      directory.applyAgent(agent);
      agentsAdmin.applyAgent(agent);
    },
  });
  const transcriptDownload = createDownload({
    fetch: api.transcriptText,
    filename: (id) => `parley-conversation-${id}.txt`,
    save: deps.saveFile,
  });
  const siteExport = createDownload({
    fetch: api.exportSite,
    filename: (id) => `parley-${id}.ndjson`,
    save: deps.saveFile,
  });

  const visitorExport = createDownload({
    fetch: api.exportVisitor,
    filename: (id) => `parley-visitor-${id}.json`,
    save: deps.saveFile,
  });
  const visitorErasure = createVisitorErasure({
    api,
    // Their conversations are gone: leave the one on screen and list what remains.
    onErased: () => {
      conversation.deselect();
      router.open(null);
      void inbox.refresh();
      void inbox.refreshCounts();
    },
  });

  function openConversation(id: string): void {
    page.value = 'inbox';
    // Opening first marks it selected, so the address change below does not open it twice.
    void conversation.open(id);
    router.open(id);
  }

  /** Back to the list with nothing open (a new history entry, so Forward reopens it). */
  function leaveConversation(): void {
    conversation.deselect();
    router.open(null);
  }

  /** The inbox, with the conversation that was open (leaving the reports address if need be). */
  function showInbox(): void {
    if (router.route.value.page === 'reports') router.open(conversation.selectedId.value);
    page.value = 'inbox';
  }

  /** The owners' settings; they have no address of their own, so the inbox's is kept. */
  function showSettings(): void {
    if (router.route.value.page === 'reports') router.open(conversation.selectedId.value);
    page.value = 'settings';
  }

  async function hello(): Promise<void> {
    try {
      directory.applySession(await connection.request('agent:hello', {}));
      helloError.value = null;
    } catch (caught) {
      helloError.value = asRequestError(caught);
    }
  }

  // Chats already assigned to me, so a message in one of them can alert before I open that tab.
  async function trackMine(): Promise<void> {
    try {
      const mine = await api.listConversations({ status: 'active', agentId: meId(), limit: 200 });
      for (const row of mine.items) notifications.track(row.conversation, row.visitor);
      inbox.trackMine(mine.items);
    } catch (caught) {
      inbox.countsError.value = asRequestError(caught);
    }
  }

  let connectedBefore = false;
  async function onConnected(): Promise<void> {
    inboxListing.resay();
    await hello();
    if (connectedBefore) {
      // Events sent while we were away are lost; fetch the state again instead.
      await Promise.all([inbox.refresh(), inbox.refreshCounts(), conversation.reload()]);
    } else {
      // A conversation opened (from the address) before the first connect: watch it now.
      await conversation.rewatch();
    }
    connectedBefore = true;
  }

  const stops: (() => void)[] = [
    connection.onState((state) => {
      directory.connection.value = state;
      if (state === 'connected') void onConnected();
      if (state === 'unauthorized') deps.onUnauthorized();
    }),
    connection.on('conversation:updated', ({ conversation: updated, visitor }) => {
      notifications.applyConversation(updated, visitor);
      inbox.applyConversation(updated, visitor);
      conversation.applyConversation(updated, visitor);
      history.applyConversation(updated);
    }),
    connection.on('message:created', ({ message }) => {
      notifications.applyMessage(message);
      inbox.applyMessage(message);
      conversation.applyMessage(message);
    }),
    // The inbox's news of conversations this console does not show: their latest messages.
    connection.on('inbox:activity', ({ conversations }) => {
      for (const activity of conversations) {
        notifications.applyActivity(activity);
        inbox.applyMessage(activity.message);
      }
    }),
    connection.on('typing:changed', (event) => conversation.applyTyping(event)),
    connection.on('seen:changed', (event) => conversation.applySeen(event)),
    connection.on('visitor:updated', ({ visitor }) => {
      inbox.applyVisitor(visitor);
      conversation.applyVisitor(visitor);
    }),
    connection.on('agent:updated', ({ agent }) => {
      directory.applyAgent(agent);
      agentsAdmin.applyAgent(agent);
    }),
    connection.on('agent:removed', ({ agentId }) => {
      directory.removeAgent(agentId);
      agentsAdmin.removeAgent(agentId);
    }),
    effect(() => {
      for (const row of inbox.items.value) notifications.track(row.conversation, row.visitor);
    }),
    effect(() => inboxListing.list(inbox.items.value.map((row) => row.conversation.id))),
    // The sidebar follows the open conversation's visitor; canned replies of its site are preloaded.
    effect(() => {
      const open = conversation.conversation.value;
      if (!open) return;
      history.show(open.visitorId);
      canned.ensure(open.siteId);
    }),
    // The address decides what is open at start (a reload, a link) and on Back and Forward.
    // The reports page leaves the open conversation as it is, to find it again on return.
    effect(() => {
      const route = router.route.value;
      untracked(() => {
        if (route.page === 'reports') {
          page.value = 'reports';
          return;
        }
        if (page.value === 'reports') page.value = 'inbox';
        const id = route.conversationId;
        if (id === conversation.selectedId.value) return;
        if (id === null) {
          conversation.deselect();
          return;
        }
        page.value = 'inbox';
        void conversation.open(id);
      });
    }),
    notifications.dispose,
    reports.dispose,
    conversation.dispose,
    files.dispose,
    cannedFiles.dispose,
    inbox.dispose,
    inboxListing.dispose,
    () => connection.close(),
  ];

  void inbox.refresh();
  void inbox.refreshCounts();
  void trackMine();

  function dispose(): void {
    for (const stop of stops) stop();
  }

  return {
    connection,
    directory,
    page,
    helloError,
    presence,
    agentLoads,
    inbox,
    conversation,
    canned,
    cannedFiles,
    composer,
    history,
    notifications,
    sitesAdmin,
    agentsAdmin,
    auditLog,
    reports,
    profile,
    transcriptDownload,
    siteExport,
    visitorExport,
    visitorErasure,
    clock: deps.clock,
    router,
    openConversation,
    leaveConversation,
    showInbox,
    showSettings,
    dispose,
  };
}

export type Workspace = ReturnType<typeof createWorkspace>;
