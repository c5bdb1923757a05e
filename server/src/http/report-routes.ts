/**
 * GET /api/reports (JSON) and GET /api/reports.csv?table=… (one table as CSV): the service-quality
 * figures of the sites the caller serves. Owners see every agent; an agent sees their own row.
 */
import type { ParsedReportQuery, Report } from '@parley/shared';
import { reportQuerySchema } from '@parley/shared/schemas';
import { Router, type RequestHandler, type Response } from 'express';
import type { Relay } from '../conversations/relay';
import { assembleReport } from '../reports/assemble-report';
import { reportCsv } from '../reports/report-csv';
import { resolveReport } from '../reports/report-scope';
import type { AgentRecord } from '../storage/store';
import { parse } from './http-errors';
import { signedIn } from './require-agent';

export function reportRoutes(deps: { relay: Relay; requireAgent: RequestHandler }): Router {
  const { relay } = deps;
  const router = Router();

  router.get('/api/reports', deps.requireAgent, async (req, res) => {
    const query = parse(reportQuerySchema, req.query);
    res.json(await reportFor(relay, signedIn(res), query));
  });

  router.get('/api/reports.csv', deps.requireAgent, async (req, res) => {
    const query = parse(reportQuerySchema, req.query);
    const report = await reportFor(relay, signedIn(res), query);
    const table = query.table ?? 'trend';
    sendCsv(res, `parley-${table}-${report.filters.fromDate}-${report.filters.toDate}.csv`);
    res.send(reportCsv(report, table));
  });

  return router;
}

async function reportFor(
  relay: Relay,
  viewer: AgentRecord,
  query: ParsedReportQuery,
): Promise<Report> {
  const [sites, agents] = await Promise.all([relay.store.listSites(), relay.store.listAgents()]);
  const served = sites.filter((site) => viewer.siteIds.includes(site.id));
  const { filters, scope } = resolveReport(viewer, served, query, relay.conversations.timestamp());
  const aggregates = await relay.store.reportAggregates(scope);
  const team = agents.filter(
    (agent) =>
      agent.siteIds.some((siteId) => filters.siteIds.includes(siteId)) &&
      (filters.agentId === null || agent.id === filters.agentId),
  );
  const report = assembleReport(aggregates, filters, {
    sites: new Map(served.map((site) => [site.id, site.name])),
    agents: new Map(agents.map((agent) => [agent.id, agent.name])),
    team: team.map((agent) => agent.id),
  });
  // Agents see how their sites do, and how they do themselves: not each colleague.
  if (viewer.role !== 'owner')
    report.agents = report.agents.filter((row) => row.agentId === viewer.id);
  return report;
}

function sendCsv(res: Response, filename: string): void {
  res.type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
}
