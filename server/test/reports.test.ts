import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Report } from '@parley/shared';
import {
  api,
  connectAgent,
  connectVisitor,
  createAgent,
  eventually,
  fixtureParagraphs,
  login,
  relayModes,
  startServer,
  type TestServer,
} from './harness';

/** A Polish visitor asks; the online agent answers, closes, and the visitor rates the chat. */
async function answeredAndRated(server: TestServer, agentToken: string, comment: string) {
  const { pl } = await fixtureParagraphs();
  await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
  await visitor.ok('visitor:hello', { locale: 'pl' });
  const asked = await visitor.ok('message:send', { clientId: randomUUID(), text: pl[0]! });
  const conversationId = asked.message.conversationId;
  await using agent = await connectAgent(server.agentUrl, agentToken);
  await agent.ok('agent:hello', {});
  await eventually(async () => {
    const sent = await agent.request('message:send', {
      conversationId,
      clientId: randomUUID(),
      text: pl[1]!,
    });
    expect(sent.ok).toBe(true);
  });
  // Long enough to show as time chatting (reports count tenths of seconds).
  await pause(300);
  await agent.ok('conversation:close', { conversationId });
  await visitor.ok('rating:submit', { conversationId, csat: 5, nps: 9, comment });
  return conversationId;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A visitor asks and leaves before anyone answers: a missed chat. */
async function missed(server: TestServer) {
  const { ro } = await fixtureParagraphs();
  await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
  await visitor.ok('visitor:hello', { locale: 'ro' });
  const sent = await visitor.ok('message:send', { clientId: randomUUID(), text: ro[0]! });
  await visitor.ok('conversation:close', { conversationId: sent.message.conversationId });
  return sent.message.conversationId;
}

describe.each(relayModes())('reports over the API (%s)', (mode) => {
  it('shows what happened today: an answered, rated chat and a missed one, per agent and per site; agents see their own row', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    // The owner is away (the first start's account is not answering); Minh answers everything.
    const minh = await createAgent(server, owner.token, 'Minh');
    await using minhConsole = await connectAgent(server.agentUrl, minh.token);
    await minhConsole.ok('agent:hello', {});
    await minhConsole.ok('agent:status', { status: 'online' });
    const comment = '=HYPERLINK("x") Bardzo dziękuję, wszystko jasne!';
    const answered = await answeredAndRated(server, minh.token, comment);
    await pause(300);
    await minhConsole.ok('agent:status', { status: 'away' });
    await missed(server);

    const { status, body: report } = await api<Report>(
      server.url,
      owner.token,
      'GET',
      '/api/reports?period=today&timeZone=Europe/Warsaw',
    );
    expect(status).toBe(200);
    expect(report.filters).toMatchObject({
      siteIds: [server.owner.siteId],
      period: 'today',
      timeZone: 'Europe/Warsaw',
      businessHours: false,
    });
    expect(report.filters.fromDate).toBe(report.filters.toDate);
    const { totals } = report;
    expect(totals).toMatchObject({ conversations: 2, chats: 2, missed: 1, closed: 2, resolved: 1 });
    expect(totals.firstResponse.count).toBe(1);
    expect(totals.firstResponse.median).toBeGreaterThanOrEqual(0);
    expect(totals.resolutionRate).toBe(0.5);
    expect(totals.satisfaction).toMatchObject({
      ratings: 1,
      csatAnswers: 1,
      csat: 1,
      averageRating: 5,
    });
    expect(totals.nps).toMatchObject({ responses: 1, promoters: 1, score: 100 });
    expect(report.trend).toHaveLength(1);
    expect(report.trend[0]!.figures.conversations).toBe(2);
    expect(report.heatmap.flat().reduce((sum, count) => sum + count, 0)).toBe(2);
    expect(report.comments).toEqual([
      expect.objectContaining({ conversationId: answered, comment, csat: 5, nps: 9 }),
    ]);
    expect(report.scorecard.rows).toEqual([
      expect.objectContaining({ siteId: server.owner.siteId, siteName: expect.any(String) }),
    ]);
    const minhRow = report.agents.find((row) => row.agentId === minh.agent.id)!;
    expect(minhRow).toMatchObject({ name: 'Minh', handled: 1, peakConcurrent: 1, messagesSent: 1 });
    expect(minhRow.timeOnline).toBeGreaterThanOrEqual(0.6);
    expect(minhRow.timeChatting).toBeGreaterThanOrEqual(0.3);
    expect(minhRow.timeChatting).toBeLessThan(minhRow.timeOnline);
    // The whole team is listed, the owner too, though they answered nothing.
    expect(report.agents.map((row) => row.agentId).sort()).toEqual(
      [minh.agent.id, owner.agent.id].sort(),
    );

    const own = await api<Report>(server.url, minh.token, 'GET', '/api/reports?period=today');
    expect(own.status).toBe(200);
    expect(own.body.totals.conversations).toBe(2);
    expect(own.body.agents.map((row) => row.agentId)).toEqual([minh.agent.id]);
    const colleague = await api(
      server.url,
      minh.token,
      'GET',
      `/api/reports?agentId=${owner.agent.id}`,
    );
    expect(colleague.status).toBe(403);

    const byAgent = await api<Report>(
      server.url,
      owner.token,
      'GET',
      `/api/reports?period=today&agentId=${minh.agent.id}`,
    );
    expect(byAgent.body.totals).toMatchObject({ conversations: 1, missed: 0 });
  });

  it('exports each table as CSV, with formulas defused, and refuses what it cannot answer', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const ana = await createAgent(server, owner.token, 'Ana');
    await using anaConsole = await connectAgent(server.agentUrl, ana.token);
    await anaConsole.ok('agent:hello', {});
    await anaConsole.ok('agent:status', { status: 'online' });
    const comment = '=1+1, "quoted" and\nmultiline';
    const answered = await answeredAndRated(server, ana.token, comment);

    const response = await fetch(`${server.url}/api/reports.csv?period=7d&table=comments`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="parley-comments-/,
    );
    const csv = await response.text();
    const [header, row] = csv.split('\r\n');
    expect(header).toBe('conversation id,site id,agent id,CSAT,NPS,comment,rated at');
    expect(row).toContain(
      `${answered},${server.owner.siteId},${ana.agent.id},5,9,"'=1+1, ""quoted"" and\nmultiline",`,
    );

    const trend = await fetch(`${server.url}/api/reports.csv?period=7d&table=trend`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    const lines = (await trend.text()).trim().split('\r\n');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatch(/^date,conversations,chats,/);
    expect(
      lines
        .slice(1)
        .map((line) => Number(line.split(',')[1]))
        .reduce((a, b) => a + b),
    ).toBe(1);

    for (const [query, code] of [
      ['period=custom&from=2026-11-01', 'VALIDATION_FAILED'],
      ['period=custom&from=2026-11-05&to=2026-11-01', 'VALIDATION_FAILED'],
      ['period=custom&from=2020-01-01&to=2026-11-01', 'VALIDATION_FAILED'],
      ['timeZone=Mars/Olympus_Mons', 'VALIDATION_FAILED'],
      ['month=2026-13&period=month', 'VALIDATION_FAILED'],
      ['period=yesterday', 'VALIDATION_FAILED'],
      ['siteIds=some-other-site', 'FORBIDDEN'],
    ] as const) {
      const refused = await api<{ error: { code: string } }>(
        server.url,
        owner.token,
        'GET',
        `/api/reports?${query}`,
      );
      expect(refused.status, query).toBe(code === 'FORBIDDEN' ? 403 : 400);
      expect(refused.body.error.code, query).toBe(code);
    }
    const anonymous = await fetch(`${server.url}/api/reports`);
    expect(anonymous.status).toBe(401);
  });
});
