import type { AuditAction, AuditEntry } from '@parley/shared';
import { useEffect } from 'preact/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { AuditLogModel } from '../../models/audit-log';

const ACTION_TEXT: Record<AuditAction, string> = {
  'agent.created': 'added the account',
  'agent.updated': 'changed the account',
  'agent.removed': 'removed the account',
  'site.created': 'created the site',
  'site.updated': 'changed the settings of',
  'site.secret-rotated': 'replaced the identity secret of',
  'site.exported': 'exported the conversations of',
  'canned-reply.saved': 'saved the canned reply',
  'canned-reply.deleted': 'deleted the canned reply',
  'visitor.exported': 'exported the data of visitor',
  'visitor.erased': 'erased visitor',
  'conversation.taken-over-capacity': 'took beyond capacity the chat',
};

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function AuditRow(props: { entry: AuditEntry }) {
  const { entry } = props;
  return (
    <tr>
      <td>
        <time dateTime={entry.at}>{when(entry.at)}</time>
      </td>
      <td>{entry.actorName}</td>
      <td>
        {ACTION_TEXT[entry.action] ?? entry.action} <strong>{entry.target.label}</strong>
      </td>
      <td>{entry.changes.join(', ')}</td>
    </tr>
  );
}

/** Who changed accounts, sites, secrets and settings, and who exported or erased data. */
export function AuditLogSettings(props: { log: AuditLogModel }) {
  const { log } = props;
  useEffect(() => {
    void log.load();
  }, [log]);
  const entries = log.items.value;
  return (
    <section class="card" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <p class="muted">
        Owner actions on your sites: accounts, roles, secrets, settings, exports and erasures, and
        chats taken beyond capacity. Passwords, secrets and erased visitors’ data are never written
        here.
      </p>
      <ErrorNotice error={log.error.value} onRetry={() => void log.load(log.offset.value)} />
      {entries.length === 0 ? (
        !log.loading.value && !log.error.value && <p class="muted">Nothing recorded yet.</p>
      ) : (
        <table class="audit-table" aria-label="Audit log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <AuditRow key={entry.id} entry={entry} />
            ))}
          </tbody>
        </table>
      )}
      <div class="pager">
        <button
          type="button"
          class="button button-secondary"
          disabled={!log.hasNewer() || log.loading.value}
          onClick={() => void log.newer()}
        >
          Newer
        </button>
        <button
          type="button"
          class="button button-secondary"
          disabled={!log.hasOlder() || log.loading.value}
          onClick={() => void log.older()}
        >
          Older
        </button>
      </div>
    </section>
  );
}
