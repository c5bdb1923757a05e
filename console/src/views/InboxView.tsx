import type { InboxCounts } from '@parley/shared';
import { AssignedNotice } from '../components/AssignedNotice';
import { ConversationRow } from '../components/ConversationRow';
import { ErrorNotice } from '../components/ErrorNotice';
import { INBOX_TABS, type InboxTab } from '../models/inbox-tabs';
import type { Workspace } from '../models/workspace';

const LABELS: Record<InboxTab, string> = {
  queue: 'Queue',
  mine: 'Mine',
  all: 'All',
  offline: 'Offline',
  missed: 'Missed',
  closed: 'Closed',
};

const EMPTY: Record<InboxTab, string> = {
  queue: 'Nobody is waiting. New visitors appear here.',
  mine: 'No chats are assigned to you.',
  all: 'No open chats.',
  offline: 'No offline messages.',
  missed: 'No missed chats: every visitor got an answer.',
  closed: 'No closed chats yet.',
};

/** The left pane: search, the tabs with live counts, and the paged list. */
export function InboxView(props: { workspace: Workspace }) {
  const { inbox, conversation, notifications, directory, clock } = props.workspace;
  const tab = inbox.tab.value;
  const counts = inbox.counts.value;
  const items = inbox.items.value;
  const selected = conversation.selectedId.value;
  const multiSite = directory.sites.value.length > 1;

  function onTabKey(event: KeyboardEvent, index: number): void {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = INBOX_TABS[(index + step + INBOX_TABS.length) % INBOX_TABS.length];
    if (!next) return;
    inbox.selectTab(next);
    document.getElementById(`inbox-tab-${next}`)?.focus();
  }

  function onListKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const options = Array.from(
      (event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="option"]'),
    );
    const index = options.indexOf(document.activeElement as HTMLElement);
    const next =
      options[
        Math.max(0, Math.min(options.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))
      ];
    next?.focus();
  }

  return (
    <section class="pane inbox" aria-label="Inbox">
      <div class="inbox-head">
        <h1 class="sr-only">Inbox</h1>
        <input
          id="inbox-search"
          type="search"
          class="search"
          aria-label="Search conversations"
          placeholder="Search messages, names, emails"
          value={inbox.search.value}
          onInput={(event) => inbox.setSearch(event.currentTarget.value)}
        />
        <div role="tablist" aria-label="Conversations" class="tabs">
          {INBOX_TABS.map((id, index) => (
            <button
              key={id}
              id={`inbox-tab-${id}`}
              type="button"
              role="tab"
              class="tab"
              aria-selected={!inbox.searching.value && tab === id}
              aria-controls="inbox-list"
              tabIndex={tab === id ? 0 : -1}
              onClick={() => inbox.selectTab(id)}
              onKeyDown={(event) => onTabKey(event, index)}
            >
              {LABELS[id]}
              <Count counts={counts} tab={id} />
              {id === 'mine' && <NewBadge count={inbox.newMine.value} />}
            </button>
          ))}
        </div>
        <ErrorNotice error={inbox.countsError.value} onRetry={() => void inbox.refreshCounts()} />
      </div>
      {inbox.searching.value && (
        <p class="inbox-caption" role="status">
          {inbox.loading.value ? 'Searching…' : `${inbox.total.value} found in all conversations`}
        </p>
      )}
      <ErrorNotice error={inbox.error.value} onRetry={() => void inbox.refresh()} />
      <AssignedNotice workspace={props.workspace} />
      <div class="inbox-body">
        <div
          id="inbox-list"
          role="listbox"
          aria-label={inbox.searching.value ? 'Search results' : LABELS[tab]}
          class="conversation-list"
          aria-busy={inbox.loading.value}
          onKeyDown={onListKey}
        >
          {items.map((row, index) => (
            <ConversationRow
              key={row.conversation.id}
              row={row}
              selected={row.conversation.id === selected}
              focusable={selected ? row.conversation.id === selected : index === 0}
              unread={notifications.unread.value[row.conversation.id] ?? 0}
              now={clock.now.value}
              siteName={multiSite ? directory.siteName(row.conversation.siteId) : null}
              agentName={directory.agentName(row.conversation.agentId)}
              meId={directory.me.value.id}
              query={inbox.searching.value ? inbox.search.value : undefined}
              onOpen={() => props.workspace.openConversation(row.conversation.id)}
            />
          ))}
        </div>
        {!inbox.loading.value && items.length === 0 && !inbox.error.value && (
          <p class="empty">{inbox.searching.value ? 'No conversation matches.' : EMPTY[tab]}</p>
        )}
        {inbox.hasMore.value && (
          <button
            type="button"
            class="button button-ghost load-more"
            disabled={inbox.loadingMore.value}
            onClick={() => void inbox.loadMore()}
          >
            {inbox.loadingMore.value ? 'Loading…' : 'Load more'}
          </button>
        )}
      </div>
    </section>
  );
}

function Count(props: { counts: InboxCounts | null; tab: InboxTab }) {
  if (!props.counts) return null;
  const value = props.counts[props.tab];
  return (
    <span
      class={`tab-count ${props.tab === 'queue' && value > 0 ? 'tab-count-alert' : ''}`}
      aria-hidden="true"
    >
      {value > 999 ? '999+' : value}
    </span>
  );
}

/** Chats that became mine since Mine was last shown; the notice above the list says it in words. */
function NewBadge(props: { count: number }) {
  if (props.count === 0) return null;
  return (
    <span class="tab-count tab-count-new" aria-hidden="true">
      +{props.count}
    </span>
  );
}
