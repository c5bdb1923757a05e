/**
 * Reports on the embedded store: one pass over the in-memory records, in slices that give the
 * event loop back between them, so a month over 100,000 conversations never holds up the relay's
 * messages for long. Nothing is copied: records are only ever replaced, never changed in place.
 */
import type { Conversation, RatingComment } from '@parley/shared';
import { AgentTally, type Span } from '../reports/agent-tally';
import { clockOf } from '../reports/business-time';
import { measure } from '../reports/conversation-measures';
import { FigureTally, type VisitorFacts } from '../reports/figure-tally';
import type { ReportAggregates, ReportScope } from '../reports/report-aggregates';
import { nextTurn, SLICE_MS } from '../ops/work-slices';
import { compareCodeUnits } from './conversation-filter';
import type { MemoryState } from './memory-state';

const RETURN_WINDOW_MS = 72 * 3_600_000;
const MAX_COMMENTS = 200;

export async function reportFromMemory(
  state: MemoryState,
  scope: ReportScope,
): Promise<ReportAggregates> {
  const sites = new Set(scope.siteIds);
  const from = Date.parse(scope.from);
  const to = Date.parse(scope.to);
  const now = Date.parse(scope.now);
  const clock = clockOf(scope.timeZone);
  const totals = new FigureTally();
  const days = new Map<string, FigureTally>();
  const bySite = new Map<string, FigureTally>();
  const heatmap = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  const agents = new Map<string, AgentTally>();
  const agentOf = (id: string) => {
    let tally = agents.get(id);
    if (!tally) agents.set(id, (tally = new AgentTally(id)));
    return tally;
  };
  const assignees = new Set<string>();
  const comments: RatingComment[] = [];

  let looked = 0;
  let sliceStart = performance.now();
  for (const conversation of state.conversations.values()) {
    if (++looked % 64 === 0 && performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
    if (!sites.has(conversation.siteId)) continue;
    const created = Date.parse(conversation.createdAt);
    if (created < from || created >= to) continue;
    if (scope.agentId !== null && conversation.agentId !== scope.agentId) continue;

    const measures = measure(conversation, scope);
    const facts = visitorFacts(state, conversation, created);
    const local = clock.local(created);
    totals.add(conversation, measures, facts);
    tallyOf(days, local.date).add(conversation, measures, facts);
    tallyOf(bySite, conversation.siteId).add(conversation, measures, facts);
    heatmap[local.weekday]![local.hour]! += 1;

    for (const message of state.messages.get(conversation.id) ?? []) {
      if (message.author === 'agent' && !message.internal && message.agentId)
        agentOf(message.agentId).messagesSent += 1;
    }
    const { agentId, rating } = conversation;
    if (agentId) {
      assignees.add(agentId);
      const agent = agentOf(agentId);
      agent.handled += 1;
      agent.addFirstResponse(measures.firstResponseMs);
      if (rating?.csat != null) {
        agent.csatAnswers += 1;
        if (rating.csat >= 4) agent.csatSatisfied += 1;
      }
      if (measures.isChat && conversation.assignedAt) {
        const closedAt = conversation.closedAt ? Date.parse(conversation.closedAt) : now;
        agent.addChat(Date.parse(conversation.assignedAt), closedAt);
      }
    }
    if (rating?.comment && rating.comment.trim()) {
      comments.push({
        conversationId: conversation.id,
        siteId: conversation.siteId,
        agentId,
        csat: rating.csat,
        nps: rating.nps,
        comment: rating.comment,
        createdAt: rating.createdAt,
      });
    }
  }

  const span: Span = { start: from, end: Math.min(to, now) };
  const considered = new Set(assignees);
  for (const agent of state.agents.values()) {
    if (agent.siteIds.some((siteId) => sites.has(siteId))) considered.add(agent.id);
  }
  const workload = [];
  for (const id of [...considered].sort(compareCodeUnits)) {
    if (scope.agentId !== null && id !== scope.agentId) continue;
    const row = (agents.get(id) ?? new AgentTally(id)).result(span, historyOf(state, id));
    if (row.handled > 0 || row.messagesSent > 0 || row.onlineMs > 0) workload.push(row);
    await nextTurn();
  }

  comments.sort(
    (a, b) =>
      compareCodeUnits(b.createdAt, a.createdAt) ||
      compareCodeUnits(a.conversationId, b.conversationId),
  );
  // Sorting each slice's durations takes a while on a big month: turns of the loop in between.
  const totalFigures = await totals.settle(nextTurn);
  const byDay = [];
  for (const date of [...days.keys()].sort())
    byDay.push({ date, figures: await days.get(date)!.settle(nextTurn) });
  const bySiteFigures = [];
  for (const [siteId, tally] of bySite)
    bySiteFigures.push({ siteId, figures: await tally.settle(nextTurn) });
  return {
    totals: totalFigures,
    byDay,
    bySite: bySiteFigures,
    heatmap,
    agents: workload,
    comments: comments.slice(0, MAX_COMMENTS),
  };
}

/** Whether the visitor came before (returning), and whether they came back within 72 h (not resolved). */
function visitorFacts(
  state: MemoryState,
  conversation: Conversation,
  created: number,
): VisitorFacts {
  const closedAt = conversation.closedAt ? Date.parse(conversation.closedAt) : null;
  let returning = false;
  let cameBack = false;
  for (const [id, other] of state.conversationStartsByVisitor.get(conversation.visitorId) ?? []) {
    if (id === conversation.id) continue;
    if (other < created) returning = true;
    if (closedAt !== null && other > closedAt && other <= closedAt + RETURN_WINDOW_MS)
      cameBack = true;
  }
  const resolved =
    conversation.status === 'closed' && conversation.firstResponseAt !== null && !cameBack;
  return { returning, resolved };
}

function historyOf(state: MemoryState, agentId: string) {
  const changes = state.agentStatusHistory.get(agentId) ?? [];
  return [...changes].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function tallyOf(tallies: Map<string, FigureTally>, key: string): FigureTally {
  let tally = tallies.get(key);
  if (!tally) tallies.set(key, (tally = new FigureTally()));
  return tally;
}
