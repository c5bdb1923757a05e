import type { ComponentChildren } from 'preact';
import type { ReportTable } from '../../api/api-client';
import type { Download } from '../../models/download';
import { CsvButton } from './CsvButton';

/** A titled part of the report, with its CSV download when it is one of the exported tables. */
export function ReportSection(props: {
  id: string;
  title: string;
  table?: ReportTable;
  csv: Download;
  children: ComponentChildren;
}) {
  const headingId = `report-${props.id}`;
  return (
    <section class="card report-section" aria-labelledby={headingId}>
      <header class="report-section-head">
        <h2 id={headingId}>{props.title}</h2>
        {props.table && <CsvButton table={props.table} csv={props.csv} describedBy={headingId} />}
      </header>
      {props.children}
    </section>
  );
}
