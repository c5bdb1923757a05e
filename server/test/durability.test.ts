import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationDetail } from '@parley/shared';
import { api, connectAgent, connectVisitor, fixtureParagraphs, login } from './harness';
import { runFailingServer, SERVER_MAIN, spawnServer, type ServerProcess } from './server-process';

const ADMIN = {
  PARLEY_ADMIN_EMAIL: 'boss@example.com',
  PARLEY_ADMIN_PASSWORD: 'a long admin password',
};
const running: ServerProcess[] = [];
const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-process-'));
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string): Promise<ServerProcess> {
  const server = await spawnServer({ DATA_DIR: dataDir, ...ADMIN });
  running.push(server);
  return server;
}

afterEach(async () => {
  for (const server of running.splice(0)) {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await server.exited;
  }
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the server process', () => {
  it('prints the console, the owner, the snippet and the demo page on first start, and reuses its data later', async () => {
    const dataDir = await tempDir();
    const first = await start(dataDir);
    const banner = first.output();
    expect(banner).toContain(`${first.url}/console`);
    expect(banner).toContain('boss@example.com / password: a long admin password');
    expect(banner).toMatch(
      /<script src="http:\/\/localhost:\d+\/widget\.js" data-site="[\w-]+" async><\/script>/,
    );
    expect(banner).toContain(`${first.url}/demo`);
    const siteId = /data-site="([\w-]+)"/.exec(banner)![1];
    const demo = await fetch(`${first.url}/demo`).then((r) => r.text());
    expect(demo).toContain(`data-site="${siteId}"`);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const second = await start(dataDir);
    expect(second.output()).not.toContain('password:');
    expect(/data-site="([\w-]+)"/.exec(second.output())![1]).toBe(siteId);
    await login(second.url, 'boss@example.com', 'a long admin password');
  });

  it('loses no acknowledged message when killed with SIGKILL mid-conversation', async () => {
    const dataDir = await tempDir();
    const { vi, ro, tl, pl } = await fixtureParagraphs();
    const texts = [...vi, ...ro, ...tl, ...pl];
    const server = await start(dataDir);
    const siteId = /data-site="([\w-]+)"/.exec(server.output())![1]!;
    const visitor = await connectVisitor(server.url, { siteId });
    const session = await visitor.ok('visitor:hello', {});

    // Send without waiting, so messages are in flight when the process dies.
    const acknowledged: { seq: number; text: string }[] = [];
    const sends = texts.map((text) =>
      visitor.socket
        .timeout(10_000)
        .emitWithAck('message:send', { clientId: randomUUID(), text })
        .then((reply: { ok: boolean; data?: { message: { seq: number } } }) => {
          if (reply.ok) acknowledged.push({ seq: reply.data!.message.seq, text });
        })
        .catch(() => undefined),
    );
    while (acknowledged.length < 10) await new Promise((resolve) => setTimeout(resolve, 2));
    server.child.kill('SIGKILL');
    await Promise.all(sends);
    visitor.socket.disconnect();
    expect(acknowledged.length).toBeGreaterThanOrEqual(10);

    const restarted = await start(dataDir);
    const owner = await login(restarted.url, ADMIN.PARLEY_ADMIN_EMAIL, ADMIN.PARLEY_ADMIN_PASSWORD);
    await using again = await connectVisitor(restarted.url, { siteId, token: session.token });
    const resumed = await again.ok('visitor:hello', {});
    expect(resumed.visitor.id).toBe(session.visitor.id);
    const detail = await api<ConversationDetail>(
      restarted.url,
      owner.token,
      'GET',
      `/api/conversations/${resumed.conversation!.id}`,
    );
    const stored = new Map(detail.body.messages.map((m) => [m.seq, m.text]));
    for (const { seq, text } of acknowledged) expect(stored.get(seq)).toBe(text);
    expect(detail.body.messages.map((m) => m.seq)).toEqual(
      detail.body.messages.map((_, i) => i + 1),
    );
  });

  it('keeps conversations, agents and chats in progress across a graceful restart', async () => {
    const dataDir = await tempDir();
    const server = await start(dataDir);
    const siteId = /data-site="([\w-]+)"/.exec(server.output())![1]!;
    const owner = await login(server.url, ADMIN.PARLEY_ADMIN_EMAIL, ADMIN.PARLEY_ADMIN_PASSWORD);
    const agent = await connectAgent(server.url, owner.token);
    await agent.ok('agent:hello', {});
    const visitor = await connectVisitor(server.url, { siteId });
    const session = await visitor.ok('visitor:hello', {});
    const { message } = await visitor.ok('message:send', {
      clientId: randomUUID(),
      text: 'Zamówienie nie dotarło',
    });
    agent.socket.disconnect();
    visitor.socket.disconnect();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const restarted = await start(dataDir);
    const sameOwner = await login(
      restarted.url,
      ADMIN.PARLEY_ADMIN_EMAIL,
      ADMIN.PARLEY_ADMIN_PASSWORD,
    );
    // The session token issued before the restart is still valid.
    await using agentAgain = await connectAgent(restarted.url, owner.token);
    await agentAgain.ok('agent:hello', {});
    const detail = await api<ConversationDetail>(
      restarted.url,
      sameOwner.token,
      'GET',
      `/api/conversations/${message.conversationId}`,
    );
    expect(detail.body.conversation).toMatchObject({ status: 'active', agentId: owner.agent.id });
    await using visitorAgain = await connectVisitor(restarted.url, {
      siteId,
      token: session.token,
    });
    const resumed = await visitorAgain.ok('visitor:hello', {});
    expect(resumed.conversation?.id).toBe(message.conversationId);
    const reply = visitorAgain.next<{ message: { text: string } }>('message:created');
    await agentAgain.ok('message:send', {
      conversationId: message.conversationId,
      clientId: randomUUID(),
      text: 'Sprawdzam to',
    });
    expect((await reply).message.text).toBe('Sprawdzam to');
  });

  it('refuses to start on a bad environment and names the variable', async () => {
    const dataDir = await tempDir();
    for (const [name, value] of [
      ['PORT', 'eighty'],
      ['PUBLIC_URL', 'not a url'],
      ['DATABASE_URL', 'mysql://localhost/db'],
      ['SMTP_URL', 'http://mail'],
      ['LOG_LEVEL', 'loud'],
      ['PARLEY_ADMIN_PASSWORD', 'short'],
    ]) {
      const result = await runFailingServer({ DATA_DIR: dataDir, [name!]: value! });
      expect(result.code, name).toBe(1);
      expect(result.stderr, name).toContain(name);
    }
  });
});

describe('the data directory', () => {
  it('refuses a second server on the same data directory while the first runs', async () => {
    const dataDir = await tempDir();
    await start(dataDir);
    const second = await runFailingServer({ DATA_DIR: dataDir, ...ADMIN });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('in use by another Parley process');
  });

  it('restarts at once after kill -9, ten rounds in a row', async () => {
    const dataDir = await tempDir();
    let server = await start(dataDir);
    for (let round = 0; round < 10; round += 1) {
      server.child.kill('SIGKILL');
      // No waiting for the exit: a supervisor restarts as soon as it sees the signal sent.
      server = await start(dataDir);
      expect((await fetch(`${server.url}/healthz`)).status, `round ${round + 1}`).toBe(200);
    }
  }, 120_000);

  it('is not blocked by a pid file from an older release naming a live process', async () => {
    const dataDir = await tempDir();
    // The test runner itself is alive, as a reused pid would be.
    await writeFile(path.join(dataDir, 'parley.pid'), String(process.pid));
    const server = await start(dataDir);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('drops a torn last journal line with a warning, and refuses damage elsewhere until `repair`', async () => {
    const dataDir = await tempDir();
    const journal = async () => {
      const db = JSON.parse(await readFile(path.join(dataDir, 'db.json'), 'utf8')) as {
        generation: number;
      };
      return path.join(dataDir, `journal-${db.generation}.ndjson`);
    };
    const first = await start(dataDir);
    await login(first.url, ADMIN.PARLEY_ADMIN_EMAIL, ADMIN.PARLEY_ADMIN_PASSWORD);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    await appendFile(await journal(), '{"op":"setting","key":"x","va');
    const second = await start(dataDir);
    expect(second.output()).toContain('dropped its last line 1');
    await login(second.url, ADMIN.PARLEY_ADMIN_EMAIL, ADMIN.PARLEY_ADMIN_PASSWORD);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const damaged = await journal();
    await writeFile(
      damaged,
      '{"op":"setting","key":"a","value":"a"}\n#garbage#\n{"op":"setting","key":"b","value":"b"}\n',
    );
    const refused = await runFailingServer({ DATA_DIR: dataDir, ...ADMIN });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${damaged} is damaged at line 2`);
    expect(refused.stderr).toContain('repair');

    const repaired = await promisify(execFile)(process.execPath, [SERVER_MAIN, 'repair'], {
      env: { ...process.env, DATA_DIR: dataDir },
    });
    expect(repaired.stdout).toContain(`${damaged}: removed line(s) 2`);
    const third = await start(dataDir);
    const owner = await login(third.url, ADMIN.PARLEY_ADMIN_EMAIL, ADMIN.PARLEY_ADMIN_PASSWORD);
    expect(owner.token).toBeTruthy();
  }, 60_000);
  it('starts from db.prev.json and the journals when db.json is damaged, keeping every acknowledged message', async () => {
    const dataDir = await tempDir();
    const db = path.join(dataDir, 'db.json');
    const previous = path.join(dataDir, 'db.prev.json');
    const { vi, ro } = await fixtureParagraphs();
    const acknowledged: { seq: number; text: string }[] = [];
    let siteId = '';
    let token: string | undefined;
    let conversationId = '';
    const chat = async (server: ServerProcess, texts: string[]) => {
      siteId ||= /data-site="([\w-]+)"/.exec(server.output())![1]!;
      await using visitor = await connectVisitor(server.url, { siteId, ...(token && { token }) });
      token = (await visitor.ok('visitor:hello', {})).token;
      for (const text of texts) {
        const { message } = await visitor.ok('message:send', { clientId: randomUUID(), text });
        acknowledged.push({ seq: message.seq, text });
        conversationId = message.conversationId;
      }
    };

    const first = await start(dataDir);
    await chat(first, vi.slice(0, 5));
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // Acknowledged, then killed: these five are only in the journal, after db.json.
    const second = await start(dataDir);
    await chat(second, ro.slice(0, 5));
    second.child.kill('SIGKILL');
    await second.exited;

    const text = await readFile(db, 'utf8');
    await writeFile(db, text.slice(0, text.length / 2));
    const third = await start(dataDir);
    expect(third.output()).toContain(`${db} is damaged`);
    expect(third.output()).toContain(`started from ${previous}`);
    const owner = await login(third.url, ADMIN.PARLEY_ADMIN_EMAIL, ADMIN.PARLEY_ADMIN_PASSWORD);
    const detail = await api<ConversationDetail>(
      third.url,
      owner.token,
      'GET',
      `/api/conversations/${conversationId}`,
    );
    expect(detail.body.messages.map((m) => [m.seq, m.text])).toEqual(
      acknowledged.map(({ seq, text }) => [seq, text]),
    );
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);

    // Nothing usable left: the start stops and says what to do.
    for (const file of [db, previous]) await writeFile(file, '{"format":1,"genera');
    const refused = await runFailingServer({ DATA_DIR: dataDir, ...ADMIN });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${db} is damaged`);
    expect(refused.stderr).toContain(`${previous} cannot be used either`);
    expect(refused.stderr).toContain('restore db.json from a backup');
  }, 60_000);
});
