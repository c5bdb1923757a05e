import { randomUUID } from 'node:crypto';
import { createServer, Socket, type Server } from 'node:net';
import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { createLogger } from '../src/logger';
import { LowdbStore } from '../src/storage/lowdb-store';
import { PostgresStore } from '../src/storage/postgres-store';
import { connectVisitor, eventually } from './harness';
import { cleanUpAfterEachTest } from './process-cleanup';
import { spawnServer } from './server-process';

const processes = cleanUpAfterEachTest();

interface HealthBody {
  status: string;
  reason?: string;
}

async function healthz(url: string): Promise<{ status: number; body: HealthBody }> {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: (await response.json()) as HealthBody };
}

/** A TCP relay to a real service, which the test can cut without stopping the service. */
async function tcpProxy(
  port: number,
): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = new Socket();
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    outbound.connect(port, '127.0.0.1');
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    cut: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    restore: () =>
      new Promise<void>((resolve) => server.listen(address.port, '127.0.0.1', resolve)),
  };
}

describe('/healthz', () => {
  it('turns 503 when the journal cannot be written, and message:send gets STORE_UNAVAILABLE, never an ack', async () => {
    const dataDir = await processes.tempDir('parley-health-');
    // 64 KB per file: enough for the first start, not for the messages below (EFBIG, as on a full disk).
    const server = await spawnServer(
      {
        DATA_DIR: dataDir,
        PARLEY_ADMIN_EMAIL: 'boss@example.com',
        PARLEY_ADMIN_PASSWORD: 'a long admin password',
      },
      { fileSizeBlocks: 128 },
    );
    processes.track(server);
    expect(await healthz(server.url)).toEqual({ status: 200, body: { status: 'ok' } });
    const siteId = /data-site="([\w-]+)"/.exec(server.output())![1]!;
    await using visitor = await connectVisitor(server.url, { siteId });
    await visitor.ok('visitor:hello', {});

    const text = 'Zamówienie nie dotarło. '.repeat(200).trim();
    let failure: { code: string } | undefined;
    for (let sent = 0; sent < 25 && !failure; sent += 1) {
      const reply = (await visitor.socket
        .timeout(10_000)
        .emitWithAck('message:send', { clientId: randomUUID(), text })) as {
        ok: boolean;
        error?: { code: string };
      };
      if (!reply.ok) failure = reply.error;
    }
    expect(failure?.code).toBe('STORE_UNAVAILABLE');

    const after = await visitor.socket
      .timeout(10_000)
      .emitWithAck('message:send', { clientId: randomUUID(), text: 'still there?' });
    expect(after).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE' } });
    const health = await healthz(server.url);
    expect(health.status).toBe(503);
    expect(health.body.status).toBe('unhealthy');
    expect(health.body.reason).toMatch(/journal write failed.*(EFBIG|too large)/i);
    // The process stays up to say so, rather than dying and losing the reason.
    expect(server.child.exitCode).toBeNull();
  }, 60_000);

  const databaseUrl = process.env.DATABASE_URL;
  it.skipIf(!databaseUrl)('turns 503 when PostgreSQL stops answering', async () => {
    const target = new URL(databaseUrl!);
    const proxy = await tcpProxy(Number(target.port || 5432));
    const viaProxy = new URL(databaseUrl!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const schema = `parley_health_${randomUUID().slice(0, 8)}`;
    const store = new PostgresStore({
      connectionString: viaProxy.href,
      schema,
      onIdleError: () => undefined,
    });
    await store.init();
    const app = await createApp({
      config: { publicUrl: undefined, redisUrl: undefined, smtpUrl: undefined },
      store,
      logger: createLogger('silent'),
    });
    const url = await app.listen(0);
    try {
      expect(await healthz(url)).toEqual({ status: 200, body: { status: 'ok' } });
      await proxy.cut();
      const health = await healthz(url);
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'unhealthy' });
      expect(health.body.reason).toMatch(/PostgreSQL/);
    } finally {
      await app.close();
      await store.close();
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });

  const redisUrl = process.env.REDIS_URL;
  it.skipIf(!redisUrl)(
    'turns 503 when Redis stops answering',
    async () => {
      const dataDir = await processes.tempDir('parley-health-');
      const proxy = await tcpProxy(Number(new URL(redisUrl!).port || 6379));
      const store = new LowdbStore(dataDir);
      await store.init();
      const app = await createApp({
        config: {
          publicUrl: undefined,
          redisUrl: `redis://127.0.0.1:${proxy.port}`,
          redisPrefix: `parley-health-${randomUUID()}:`,
          smtpUrl: undefined,
        },
        store,
        logger: createLogger('silent'),
      });
      const url = await app.listen(0);
      try {
        expect(await healthz(url)).toEqual({ status: 200, body: { status: 'ok' } });
        await proxy.cut();
        const health = await healthz(url);
        expect(health.status).toBe(503);
        expect(health.body).toMatchObject({ status: 'unhealthy' });
        expect(health.body.reason).toMatch(/Redis/);
        await proxy.restore();
        // Every Redis client of the relay reconnects (with backoff) before it can close cleanly.
        await eventually(async () => expect((await healthz(url)).status).toBe(200), 20_000);
      } finally {
        await app.close();
        await store.close();
      }
    },
    60_000,
  );
});
