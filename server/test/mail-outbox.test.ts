import { describe, expect, it } from 'vitest';
import type { SiteList } from '@parley/shared';
import { api, connectVisitor, eventually, fixtureParagraphs, login } from './harness';
import { cleanUpAfterEachTest } from './process-cleanup';
import { spawnServer, type ServerProcess } from './server-process';
import { bodyOf, startSmtpSink } from './smtp-sink';

const ADMIN = {
  PARLEY_ADMIN_EMAIL: 'boss@example.com',
  PARLEY_ADMIN_PASSWORD: 'a long admin password',
};
const processes = cleanUpAfterEachTest();

async function start(env: Record<string, string>): Promise<ServerProcess> {
  return processes.track(await spawnServer({ ...ADMIN, ...env }));
}

async function demoSiteId(url: string): Promise<string> {
  const { token } = await login(url, ADMIN.PARLEY_ADMIN_EMAIL, ADMIN.PARLEY_ADMIN_PASSWORD);
  return (await api<SiteList>(url, token, 'GET', '/api/sites')).body.items[0]!.id;
}

describe('the outbox', () => {
  it('sends an email exactly once when the relay is killed in the middle of sending it', async () => {
    const dataDir = await processes.tempDir('parley-outbox-');
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
    const dataDir = await processes.tempDir('parley-outbox-');
    const server = await start({ DATA_DIR: dataDir });
    expect(server.output()).toMatch(/Email: +off \(set SMTP_URL\)/);
  });

  it('warns at start when the mail server does not answer, and still starts', async () => {
    const dataDir = await processes.tempDir('parley-outbox-');
    // A port nobody listens on.
    const server = await start({
      DATA_DIR: dataDir,
      SMTP_URL: 'smtp://127.0.0.1:1',
      LOG_LEVEL: 'warn',
    });
    await eventually(() => expect(server.output()).toMatch(/mail server does not answer/), 15_000);
  });
});
