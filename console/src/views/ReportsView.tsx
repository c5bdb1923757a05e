import type { Report } from '@parley/shared';
import { ErrorNotice } from '../components/ErrorNotice';
import { AgentWorkloadTable } from '../components/reports/AgentWorkloadTable';
import { HeadlineCards } from '../components/reports/HeadlineCards';
import { RatingComments } from '../components/reports/RatingComments';
import { ReportFiltersForm } from '../components/reports/ReportFiltersForm';
import { ReportSection } from '../components/reports/ReportSection';
import { ScorecardTable } from '../components/reports/ScorecardTable';
import { TrendChart } from '../components/reports/TrendChart';
import { WeekHeatmap } from '../components/reports/WeekHeatmap';
import { formatSeconds } from '../format/duration';
import { formatCount, formatShare } from '../format/report-number';
import type { Workspace } from '../models/workspace';
import { drawLineChart, type ChartSeries, type DrawLineChart } from '../platform/line-chart';

/** Service quality over a period: headline figures, trends, the heatmap, agents, sites, comments. */
export function ReportsView(props: { workspace: Workspace; draw?: DrawLineChart }) {
  const { reports, directory, router } = props.workspace;
  const report = reports.report.value;
  const me = directory.me.value;
  // Agents see their own row only, so choosing a colleague would show nothing.
  const agents = directory.isOwner.value ? directory.agents.value : [me];
  return (
    <main class="reports" aria-labelledby="reports-title" aria-busy={reports.loading.value}>
      <header class="reports-head">
        <h1 id="reports-title">Reports</h1>
        {report && (
          <p class="muted">
            {report.filters.fromDate === report.filters.toDate
              ? report.filters.fromDate
              : `${report.filters.fromDate} to ${report.filters.toDate}`}{' '}
            · {report.filters.timeZone}
            {report.filters.businessHours && ' · business hours only'}
          </p>
        )}
      </header>
      <ReportFiltersForm
        filters={reports.filters.value}
        shown={report?.filters ?? null}
        sites={directory.sites.value}
        agents={agents}
        onChange={reports.change}
      />
      <ErrorNotice error={reports.error.value} onRetry={reports.retry} />
      {reports.loading.value && (
        <p class="muted" role="status">
          Loading the report…
        </p>
      )}
      {report && (
        <ReportBody
          report={report}
          workspace={props.workspace}
          draw={props.draw ?? drawLineChart}
          conversationHref={router.conversationHref}
        />
      )}
    </main>
  );
}

function ReportBody(props: {
  report: Report;
  workspace: Workspace;
  draw: DrawLineChart;
  conversationHref: (id: string) => string;
}) {
  const { report, workspace } = props;
  const { csv } = workspace.reports;
  const days = report.trend.map((day) => day.date);
  const line = (
    label: string,
    pick: (figures: Report['totals']) => number | null,
    format: (value: number) => string,
  ): ChartSeries => ({ label, values: report.trend.map((day) => pick(day.figures)), format });
  const siteNames = new Map(report.scorecard.rows.map((row) => [row.siteId, row.siteName]));
  return (
    <>
      <section class="report-section" aria-label="Headline figures">
        <HeadlineCards figures={report.totals} />
      </section>
      <ReportSection id="trend" title="Trend" table="trend" csv={csv}>
        <div class="trend-grid">
          <TrendChart
            title="Conversations per day"
            days={days}
            scale="count"
            draw={props.draw}
            series={[
              line('Conversations', (f) => f.conversations, formatCount),
              line('Missed', (f) => f.missed, formatCount),
            ]}
          />
          <TrendChart
            title="Median first response per day"
            days={days}
            scale="seconds"
            draw={props.draw}
            series={[
              line('First response', (f) => f.firstResponse.median, formatSeconds),
              line('Time in queue', (f) => f.queueTime.median, formatSeconds),
            ]}
          />
          <TrendChart
            title="Resolution rate and CSAT per day"
            days={days}
            scale="share"
            draw={props.draw}
            series={[
              line('Resolution rate', (f) => f.resolutionRate, formatShare),
              line('CSAT', (f) => f.satisfaction.csat, formatShare),
            ]}
          />
        </div>
      </ReportSection>
      <ReportSection id="heatmap" title="Busiest hours" table="heatmap" csv={csv}>
        <WeekHeatmap heatmap={report.heatmap} timeZone={report.filters.timeZone} />
      </ReportSection>
      <ReportSection id="agents" title="Agents" table="agents" csv={csv}>
        <AgentWorkloadTable agents={report.agents} />
      </ReportSection>
      <ReportSection id="scorecard" title="Network scorecard" table="scorecard" csv={csv}>
        <ScorecardTable scorecard={report.scorecard} />
      </ReportSection>
      <ReportSection id="comments" title="Comments" table="comments" csv={csv}>
        <RatingComments
          comments={report.comments}
          siteName={(siteId) => siteNames.get(siteId) ?? workspace.directory.siteName(siteId)}
          agentName={workspace.directory.agentName}
          href={props.conversationHref}
          onOpen={workspace.openConversation}
        />
      </ReportSection>
    </>
  );
}
