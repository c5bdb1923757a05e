import { computed, effect, signal, untracked } from '@preact/signals';
import type { Report } from '@parley/shared';
import type { ApiClient, ReportTable } from '../api/api-client';
import { asRequestError, type RequestError } from '../api/request-error';
import type { SaveFile } from '../platform/save-file';
import { createDownload } from './download';
import {
  formatReportSearch,
  parseReportSearch,
  toReportQuery,
  type ReportFilterState,
} from './report-filters';
import type { Router } from './router';

/**
 * The reports page: its filters live in the address (so a report is a link, and Back and Forward
 * step through filter changes); the report is fetched each time the page shows. The last filters
 * are kept, so returning to Reports from the inbox shows them again.
 */
export function createReports(deps: {
  api: Pick<ApiClient, 'report' | 'reportCsv'>;
  router: Router;
  save: SaveFile;
}) {
  const { api, router } = deps;
  /** The canonical query string of the filters last shown. */
  const search = signal('');
  const filters = computed(() => parseReportSearch(search.value));
  const report = signal<Report | null>(null);
  const loading = signal(false);
  const error = signal<RequestError | null>(null);
  /** Only the answer to the latest request is shown; older ones may arrive after it. */
  let latest = 0;

  const csv = createDownload({
    fetch: (table) =>
      deps.api.reportCsv({ ...toReportQuery(filters.peek()), table: table as ReportTable }),
    filename: (table) => {
      const shown = report.peek()?.filters;
      const range = shown ? `-${shown.fromDate}-to-${shown.toDate}` : '';
      return `parley-report-${table}${range}.csv`;
    },
    save: deps.save,
  });

  async function load(): Promise<void> {
    const request = ++latest;
    const wanted = search.peek();
    loading.value = true;
    error.value = null;
    try {
      const answer = await api.report(toReportQuery(parseReportSearch(wanted)));
      if (request !== latest) return;
      report.value = answer;
    } catch (caught) {
      if (request !== latest) return;
      error.value = asRequestError(caught);
    } finally {
      if (request === latest) loading.value = false;
    }
  }

  const stop = effect(() => {
    const route = router.route.value;
    if (route.page !== 'reports') return;
    const canonical = formatReportSearch(parseReportSearch(route.search));
    // Each visit and each filter change fetches afresh: the figures move as chats happen.
    untracked(() => {
      search.value = canonical;
      void load();
    });
  });

  /** Changes some filters: a new address (history entry), and so a new report. */
  function change(patch: Partial<ReportFilterState>): void {
    router.openReports(formatReportSearch({ ...filters.peek(), ...patch }));
  }

  /** Opens the reports page with the filters it had last. */
  function show(): void {
    router.openReports(search.peek());
  }

  /** Fetches the same report again (after an error, or for fresh figures). */
  function retry(): void {
    void load();
  }

  return { filters, report, loading, error, csv, change, show, retry, dispose: stop };
}

export type Reports = ReturnType<typeof createReports>;
