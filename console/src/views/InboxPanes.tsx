import { useEffect, useRef } from 'preact/hooks';
import type { Workspace } from '../models/workspace';
import { ConversationView } from './ConversationView';
import { InboxView } from './InboxView';
import { VisitorSidebar } from './VisitorSidebar';

/** Which pane a narrow screen shows; wide screens show all three side by side. */
export type PaneView = 'list' | 'conversation' | 'details';

/** Where focus goes once a pane the agent asked for is on screen. */
const FOCUS_AFTER: Record<PaneView, string> = {
  list: '#inbox-list [role="option"][tabindex="0"]',
  conversation: '.details-button',
  details: '.visitor-back',
};

/**
 * The inbox list, the open conversation and its visitor. On a phone they are stacked views (the
 * stylesheet shows the one `data-view` names): a conversation opens full width, and its visitor's
 * details open from its header, each with a way back. Each view has its own address, so the
 * browser's Back goes back a view too.
 */
export function InboxPanes(props: { workspace: Workspace }) {
  const { workspace } = props;
  const selected = workspace.conversation.selectedId.value;
  const route = workspace.router.route.value;
  // The address names the conversation whose details are shown, so another one opens on its chat.
  const details = route.page === 'inbox' && route.visitor && route.conversationId === selected;
  const view: PaneView = !selected ? 'list' : details ? 'details' : 'conversation';
  const main = useRef<HTMLElement>(null);
  const focusNext = useRef<PaneView | null>(null);

  useEffect(() => {
    if (focusNext.current !== view) return;
    focusNext.current = null;
    main.current?.querySelector<HTMLElement>(FOCUS_AFTER[view])?.focus();
  }, [view]);

  function go(next: PaneView): void {
    focusNext.current = next;
    if (next === 'list') workspace.leaveConversation();
    else workspace.router.showVisitor(next === 'details');
  }

  return (
    <main class="panes" data-view={view} ref={main}>
      <InboxView workspace={workspace} />
      <ConversationView
        workspace={workspace}
        onBack={() => go('list')}
        onShowDetails={() => go('details')}
      />
      <VisitorSidebar workspace={workspace} onBack={() => go('conversation')} />
    </main>
  );
}
