import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteList } from '@parley/shared';
import { api, connectVisitor, eventually, fixtureParagraphs, login } from './harness';
import { spawnServer, type ServerProcess } from './server-process';
import { bodyOf, startSmtpSink } from './smtp-sink';

const ADMIN = {
  PARLEY_ADMIN_EMAIL: 'boss@example.com',
  PARLEY_ADMIN_PASSWORD: 'a long admin password',
};
const running: ServerProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const server of running.splice(0)) {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await server.exited;
  }
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = await spawnServer({ ...ADMIN, ...env });
  running.push(server);
  return server;
}

async function demoSiteId(url: string): Promise<string> {
  const { token } = await login(url, ADMIN.PARLEY_ADMIN_EMAIL, ADMIN.PARLEY_ADMIN_PASSWORD);
  return (await api<SiteList>(url, token, 'GET', '/api/sites')).body.items[0]!.id;
}

describe('the outbox', () => {
  it('sends an email exactly once when the relay is killed in the middle of sending it', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-outbox-'));
    dirs.push(dataDir);
    await using smtp = await startSmtpSink();
    const { pl } = await fixtureParagraphs();
    // The mail server takes the email's data and hangs before answering.
    smtp.hold = true;
    const first = await start({ DATA_DIR: dataDir, SMTP_URL: smtp.url });
    expect(first.output()).toMatch(/Email: +on \(127\.0\.0\.1:\d+\)/);
    const siteId = await demoSiteId(first.url);
    {
      await using visitor = await connectVisitor(first.url, { siteId });
      await visitor.ok('visitor:hello', {});
      await visitor.ok('offline:leave', { name: 'Ania', email: 'ania@example.pl', text: pl[0]! });
    }
    await eventually(() => expect(smtp.held).toHaveLength(1), 10_000);
    first.child.kill('SIGKILL');
    await first.exited;

    // Back up at once on the same data; the mail server answers again.
    smtp.hold = false;
    const second = await start({ DATA_DIR: dataDir, SMTP_URL: smtp.url });
    // The dead relay's claim runs out (30 s lease), then the email goes out, once.
    await eventually(() => expect(smtp.mails).toHaveLength(1), 50_000);
    expect(smtp.mails[0]!.to).toEqual([ADMIN.PARLEY_ADMIN_EMAIL]);
    expect(await bodyOf(smtp.mails[0]!)).toContain(pl[0]);
    // Nothing more follows: the outbox recorded it as sent.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(smtp.mails).toHaveLength(1);
    expect(second.child.exitCode).toBeNull();
  }, 90_000);

  it('without SMTP_URL the banner says email is off', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-outbox-'));
    dirs.push(dataDir);
    const server = await start({ DATA_DIR: dataDir });
    expect(server.output()).toMatch(/Email: +off \(set SMTP_URL\)/);
  });

  it('warns at start when the mail server does not answer, and still starts', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-outbox-'));
    dirs.push(dataDir);
    // A port nobody listens on.
    const server = await start({
      DATA_DIR: dataDir,
      SMTP_URL: 'smtp://127.0.0.1:1',
      LOG_LEVEL: 'warn',
    });
    await eventually(() => expect(server.output()).toMatch(/mail server does not answer/), 15_000);
  });
});
