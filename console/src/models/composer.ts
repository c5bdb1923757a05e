import { computed, signal } from '@preact/signals';
import type { AttachmentSettings, CannedReply } from '@parley/shared';
import type { CannedReplies } from './canned-replies';
import type { ConversationModel } from './conversation';
import { waitingFor as filesWaitingFor, type PendingFiles } from './pending-files';

// "/" at the start or after a space, then the shortcut typed so far, at the end of the draft.
const SLASH_COMMAND = /(^|\s)\/([a-z0-9_-]*)$/;

/**
 * The reply box: a draft and attached files per conversation, and the `/shortcut` picker for
 * canned replies.
 */
export function createComposer(deps: {
  conversation: ConversationModel;
  canned: CannedReplies;
  files: PendingFiles;
  attachmentSettings: (siteId: string) => AttachmentSettings;
}) {
  const { conversation, canned, files } = deps;
  const drafts = signal<Readonly<Record<string, string>>>({});
  const highlighted = signal(0);
  // Escape hides the picker until the draft changes again.
  const dismissedAt = signal<string | null>(null);

  const draft = computed(() => {
    const id = conversation.selectedId.value;
    return id ? (drafts.value[id] ?? '') : '';
  });

  const attached = computed(() => {
    const id = conversation.selectedId.value;
    return id ? files.items.value.filter((item) => item.boxId === id) : [];
  });

  const refusals = computed(() => {
    const shown = files.refusals.value;
    return shown && shown.boxId === conversation.selectedId.value ? shown.messages : [];
  });

  /** What this conversation's site lets agents attach; null until the conversation is loaded. */
  const attachmentSettings = computed(() => {
    const siteId = conversation.conversation.value?.siteId;
    return siteId ? deps.attachmentSettings(siteId) : null;
  });

  /** Why Send waits although there is something to send; null when it does not wait. */
  const waitingFor = computed(() => filesWaitingFor(attached.value));

  const canSend = computed(
    () =>
      waitingFor.value === null &&
      (draft.value.trim() !== '' || attached.value.some((item) => item.state === 'ready')),
  );

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

  /** Replaces the `/shortcut` being typed with the reply's text, and attaches the reply's files. */
  function accept(reply: CannedReply | undefined = suggestions.value[highlighted.value]): void {
    if (!reply) return;
    setDraft(draft.value.replace(SLASH_COMMAND, (_all, space: string) => space + reply.text));
    const current = conversation.conversation.value;
    // Sent by id: the relay sends a copy of each into this conversation.
    if (current && reply.attachments?.length)
      files.addStored(current.id, current.siteId, reply.attachments);
  }

  function dismiss(): void {
    dismissedAt.value = draft.value;
  }

  /** Attaches files (chosen, dropped or pasted) to the open conversation's message. */
  function attach(chosen: readonly File[]): void {
    const current = conversation.conversation.value;
    if (current) files.add(current.id, current.siteId, chosen);
  }

  /**
   * Sends the draft and the uploaded files as a reply, or as an internal note; the box empties
   * only if something was sent. Waits while files are uploading or failed.
   */
  function submit(internal: boolean): void {
    const id = conversation.selectedId.value;
    if (!id || !canSend.value) return;
    if (conversation.send(draft.value, internal, files.take(id))) setDraft('');
  }

  return {
    draft,
    attached,
    refusals,
    attachmentSettings,
    waitingFor,
    canSend,
    suggestions,
    highlighted,
    setDraft,
    moveHighlight,
    accept,
    dismiss,
    attach,
    removeFile: files.remove,
    retryFile: files.retry,
    dismissRefusals: files.dismissRefusals,
    submit,
  };
}

export type Composer = ReturnType<typeof createComposer>;
