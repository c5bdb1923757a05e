import { CannedReplyFields } from './CannedReplyFields';
import type { Site } from '@parley/shared';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { attachmentSettingsOf } from '../../models/attachment-rules';
import type { CannedReplies } from '../../models/canned-replies';
import { fileBox, type PendingFiles } from '../../models/pending-files';
import { CannedReplyItem } from './CannedReplyItem';

/** Saved answers per site, inserted in the reply box with "/shortcut", with files if need be. */
export function CannedRepliesSettings(props: {
  canned: CannedReplies;
  sites: Site[];
  files: PendingFiles;
}) {
  const { canned, sites, files } = props;
  const [siteId, setSiteId] = useState<string | null>(sites[0]?.id ?? null);
  const [shortcut, setShortcut] = useState('');
  const [text, setText] = useState('');
  const current = siteId ?? sites[0]?.id ?? null;
  const site = sites.find((candidate) => candidate.id === current);
  const boxId = `new-canned-reply:${current ?? ''}`;
  const box = fileBox(files, boxId, current ?? '');

  useEffect(() => {
    if (current) void canned.load(current);
  }, [current, canned]);

  async function add(event: Event): Promise<void> {
    event.preventDefault();
    if (!current || box.waitingFor) return;
    const attachmentIds = files.ready(boxId).map((file) => file.id);
    const ok = await canned.create(current, {
      shortcut: shortcut.replace(/^\//, ''),
      text,
      ...(attachmentIds.length > 0 && { attachmentIds }),
    });
    if (ok) {
      setShortcut('');
      setText('');
      files.clear(boxId);
    }
  }

  if (!current) return <p class="muted">Create a site first.</p>;
  const replies = canned.bySite.value[current] ?? [];

  return (
    <div class="settings-stack">
      <label class="field field-narrow">
        <span>Site</span>
        <select value={current} onChange={(e) => setSiteId(e.currentTarget.value)}>
          {sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
        </select>
      </label>
      <ErrorNotice error={canned.loadError.value} onRetry={() => void canned.load(current)} />
      <ErrorNotice
        error={canned.saveError.value}
        onDismiss={() => (canned.saveError.value = null)}
      />
      <section class="card">
        <h2>Canned replies</h2>
        {replies.length === 0 ? (
          <p class="muted">No canned replies for this site yet.</p>
        ) : (
          <ul class="canned-list">
            {replies.map((reply) => (
              <CannedReplyItem
                key={reply.id}
                reply={reply}
                site={site}
                files={files}
                saving={canned.saving.value}
                onSave={(body) => canned.update(current, reply.id, body)}
                onDelete={() => void canned.remove(current, reply.id)}
              />
            ))}
          </ul>
        )}
      </section>
      <form class="card" onSubmit={(event) => void add(event)}>
        <h2>Add a canned reply</h2>
        <CannedReplyFields
          shortcut={shortcut}
          text={text}
          onShortcut={setShortcut}
          onText={setText}
          files={box}
          settings={attachmentSettingsOf(site)}
          placeholder="thanks"
        />
        <div class="form-actions">
          <button
            type="submit"
            class="button button-primary"
            disabled={canned.saving.value || box.waitingFor !== null}
          >
            Save canned reply
          </button>
        </div>
      </form>
    </div>
  );
}
