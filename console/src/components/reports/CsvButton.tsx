import type { ReportTable } from '../../api/api-client';
import type { Download } from '../../models/download';
import { ErrorNotice } from '../ErrorNotice';

/** Saves one table of the report as CSV, fetched with the session token. */
export function CsvButton(props: { table: ReportTable; csv: Download; describedBy: string }) {
  const { csv, table } = props;
  const pending = csv.pending.value === table;
  return (
    <div class="csv-download">
      <button
        type="button"
        class="button button-ghost"
        aria-describedby={props.describedBy}
        disabled={csv.pending.value !== null}
        onClick={() => void csv.start(table)}
      >
        {pending ? 'Downloading…' : 'Download CSV'}
      </button>
      <ErrorNotice error={csv.errorFor(table)} onDismiss={csv.dismiss} />
    </div>
  );
}
