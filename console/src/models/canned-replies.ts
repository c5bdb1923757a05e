import { signal } from '@preact/signals';
import type { CannedReply, CannedReplyCreate, CannedReplyUpdate } from '@parley/shared';
import type { ApiClient } from '../api/api-client';
import { asRequestError, type RequestError } from '../api/request-error';
import { trackedRequest } from './tracked-request';

/** Saved answers per site: read by the reply box, managed by owners in settings. */
export function createCannedReplies(deps: {
  api: Pick<
    ApiClient,
    'listCannedReplies' | 'createCannedReply' | 'updateCannedReply' | 'deleteCannedReply'
  >;
}) {
  const { api } = deps;
  const bySite = signal<Readonly<Record<string, CannedReply[]>>>({});
  const loadError = signal<RequestError | null>(null);
  const saveError = signal<RequestError | null>(null);
  const saving = signal(false);
  const requested = new Set<string>();

  function put(siteId: string, replies: CannedReply[]): void {
    const sortedReplies = replies.slice().sort((a, b) => a.shortcut.localeCompare(b.shortcut));
    bySite.value = { ...bySite.value, [siteId]: sortedReplies };
  }

  async function load(siteId: string): Promise<void> {
    requested.add(siteId);
    try {
      const { items } = await api.listCannedReplies(siteId);
      put(siteId, items);
      loadError.value = null;
    } catch (caught) {
      requested.delete(siteId);
      loadError.value = asRequestError(caught);
    }
  }

  /** Loads a site's replies the first time they are needed. */
  function ensure(siteId: string): void {
    if (!requested.has(siteId)) void load(siteId);
  }

  function create(siteId: string, body: CannedReplyCreate): Promise<boolean> {
    return trackedRequest(saving, saveError, async () => {
      const reply = await api.createCannedReply(siteId, body);
      // The relay replaces a reply with the same shortcut, so the list does too.
      const others = (bySite.value[siteId] ?? []).filter((r) => r.shortcut !== reply.shortcut);
      put(siteId, [...others, reply]);
    });
  }

  /** Changes a reply's shortcut or text; it keeps its id. */
  function update(siteId: string, replyId: string, body: CannedReplyUpdate): Promise<boolean> {
    return trackedRequest(saving, saveError, async () => {
      const reply = await api.updateCannedReply(siteId, replyId, body);
      put(siteId, [...(bySite.value[siteId] ?? []).filter((r) => r.id !== reply.id), reply]);
    });
  }

  async function remove(siteId: string, replyId: string): Promise<void> {
    saveError.value = null;
    try {
      await api.deleteCannedReply(siteId, replyId);
      put(
        siteId,
        (bySite.value[siteId] ?? []).filter((reply) => reply.id !== replyId),
      );
    } catch (caught) {
      saveError.value = asRequestError(caught);
    }
  }

  return { bySite, loadError, saveError, saving, load, ensure, create, update, remove };
}

export type CannedReplies = ReturnType<typeof createCannedReplies>;
