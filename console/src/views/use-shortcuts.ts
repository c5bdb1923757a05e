import { useEffect } from 'preact/hooks';
import { shortcutFor, type ShortcutAction } from '../components/keyboard-shortcuts';
import type { Workspace } from '../models/workspace';

/**
 * Answers the console's single-key shortcuts while this view is shown (the listener goes with
 * it). While a modal dialog is open its keys are its own.
 */
export function useShortcuts(workspace: Workspace, openHelp: () => void): void {
  useEffect(() => {
    function onKey(event: KeyboardEvent): void {
      const action = shortcutFor(event);
      if (!action || document.querySelector('[aria-modal="true"]')) return;
      if (run(workspace, action, openHelp)) event.preventDefault();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [workspace, openHelp]);
}

/** Does what `action` asks; false when it does not apply here (so the key keeps its default). */
function run(workspace: Workspace, action: ShortcutAction, openHelp: () => void): boolean {
  if (action === 'help') {
    openHelp();
    return true;
  }
  if (workspace.page.value !== 'inbox') return false;
  const { conversation, inbox } = workspace;
  const open = conversation.conversation.value;
  const idle = conversation.busy.value === null;
  switch (action) {
    case 'next':
    case 'previous': {
      const items = inbox.items.value;
      const at = items.findIndex((row) => row.conversation.id === conversation.selectedId.value);
      const step = action === 'next' ? 1 : -1;
      const target = items[at === -1 ? 0 : at + step];
      if (!target) return false;
      workspace.openConversation(target.conversation.id);
      return true;
    }
    case 'reply':
      return focus('reply');
    case 'search':
      return focus('inbox-search');
    case 'take':
      if (open?.status !== 'queued' || !idle) return false;
      void conversation.take();
      return true;
    case 'close':
      if (!open || open.status === 'closed' || !idle) return false;
      void conversation.close();
      return true;
  }
}

function focus(id: string): boolean {
  const element = document.getElementById(id);
  if (!element) return false;
  element.focus();
  return true;
}
