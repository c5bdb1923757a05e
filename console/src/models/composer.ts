import { computed, signal } from '@preact/signals';
import type { CannedReply } from '@parley/shared';
import type { CannedReplies } from './canned-replies';
import type { ConversationModel } from './conversation';

// "/" at the start or after a space, then the shortcut typed so far, at the end of the draft.
const SLASH_COMMAND = /(^|\s)\/([a-z0-9_-]*)$/;

/** The reply box: a draft per conversation and the `/shortcut` picker for canned replies. */
export function createComposer(deps: { conversation: ConversationModel; canned: CannedReplies }) {
  const { conversation, canned } = deps;
  const drafts = signal<Readonly<Record<string, string>>>({});
  const highlighted = signal(0);
  // Escape hides the picker until the draft changes again.
  const dismissedAt = signal<string | null>(null);

  const draft = computed(() => {
    const id = conversation.selectedId.value;
    return id ? (drafts.value[id] ?? '') : '';
  });

  const suggestions = computed<CannedReply[]>(() => {
    const text = draft.value;
    if (dismissedAt.value === text) return [];
    const match = SLASH_COMMAND.exec(text);
    const siteId = conversation.conversation.value?.siteId;
    if (!match || !siteId) return [];
    const typed = match[2] ?? '';
    return (canned.bySite.value[siteId] ?? []).filter((reply) => reply.shortcut.startsWith(typed));
  });

  function setDraft(text: string): void {
    const id = conversation.selectedId.value;
    if (!id) return;
    drafts.value = { ...drafts.value, [id]: text };
    highlighted.value = 0;
    const siteId = conversation.conversation.value?.siteId;
    if (siteId && SLASH_COMMAND.test(text)) canned.ensure(siteId);
    if (text === '') conversation.stopTyping();
    else conversation.noteTyping();
  }

  function moveHighlight(step: 1 | -1): void {
    const count = suggestions.value.length;
    if (count === 0) return;
    highlighted.value = (highlighted.value + step + count) % count;
  }

  /** Replaces the `/shortcut` being typed with the reply's text. */
  function accept(reply: CannedReply | undefined = suggestions.value[highlighted.value]): void {
    if (!reply) return;
    setDraft(draft.value.replace(SLASH_COMMAND, (_all, space: string) => space + reply.text));
  }

  function dismiss(): void {
    dismissedAt.value = draft.value;
  }

  /** Sends the draft as a reply, or as an internal note; the box empties only if something was sent. */
  function submit(internal: boolean): void {
    if (conversation.send(draft.value, internal)) setDraft('');
  }

  return { draft, suggestions, highlighted, setDraft, moveHighlight, accept, dismiss, submit };
}

export type Composer = ReturnType<typeof createComposer>;
