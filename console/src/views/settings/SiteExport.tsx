import { ErrorNotice } from '../../components/ErrorNotice';
import type { Download } from '../../models/download';

/** Every conversation of the site as one NDJSON file, for backups or another tool. */
export function SiteExport(props: { siteId: string; exporter: Download }) {
  const { exporter, siteId } = props;
  const busy = exporter.pending.value === siteId;
  return (
    <section class="card" aria-labelledby="export-title">
      <h3 id="export-title">Export</h3>
      <p class="muted">
        Downloads every conversation of this site, with its visitor and all messages (internal notes
        included), one JSON object per line.
      </p>
      <ErrorNotice error={exporter.errorFor(siteId)} onDismiss={exporter.dismiss} />
      <button
        type="button"
        class="button button-secondary"
        aria-busy={busy}
        disabled={exporter.pending.value !== null}
        onClick={() => void exporter.start(siteId)}
      >
        Export conversations
      </button>
      {busy && (
        <p class="hint" role="status">
          Preparing the export…
        </p>
      )}
    </section>
  );
}
