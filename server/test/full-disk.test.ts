/**
 * A real full disk under the real bundle: the data directory is a small tmpfs, filled to the last
 * byte by a ballast file. Mounting needs root (a container run as root, CI); elsewhere it is skipped.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, open, rm, rmdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationDetail } from '@parley/shared';
import { api, connectVisitor, eventually, login } from './harness';
import { spawnServer, type ServerProcess } from './server-process';

const ADMIN = {
  PARLEY_ADMIN_EMAIL: 'boss@example.com',
  PARLEY_ADMIN_PASSWORD: 'a long admin password',
};

/** Whether this process may mount a tmpfs (tried once, for real). */
function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = path.join(os.tmpdir(), `parley-mount-probe-${process.pid}`);
  try {
    execFileSync('mkdir', ['-p', probe]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    return true;
  } catch {
    return false;
  } finally {
    execFileSync('rm', ['-rf', probe]);
  }
}

const mounts: string[] = [];
const running: ServerProcess[] = [];

afterEach(async () => {
  for (const server of running.splice(0)) {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await server.exited;
  }
  for (const mount of mounts.splice(0)) {
    execFileSync('umount', [mount]);
    await rmdir(mount);
  }
});

async function smallDisk(megabytes: number): Promise<string> {
  const mount = await mkdtemp(path.join(os.tmpdir(), 'parley-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', mount]);
  mounts.push(mount);
  return mount;
}

/** Writes `file` until the disk has no byte left. */
async function fillDisk(file: string): Promise<void> {
  const handle = await open(file, 'w');
  const block = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) await handle.write(block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
  // Whatever is left is smaller than a block: take it byte by byte.
  const tail = await open(file, 'a');
  try {
    for (;;) await tail.write(Buffer.alloc(512, 1));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await tail.close();
  }
}

async function healthz(url: string): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

type SendReply =
  | { ok: true; data: { message: { seq: number; text: string; conversationId: string } } }
  | { ok: false; error: { code: string; message: string } };

// A read-only remount is refused (EBUSY) while the relay holds its journal open for writing, so
// the disk fault tested for real is a full one; every write error takes the same path.
describe.skipIf(!canMountTmpfs())('a full disk', () => {
  it('refuses sends with STORE_UNAVAILABLE and REST writes with a 503, then recovers by itself when space returns, losing no acknowledged message', async () => {
    const disk = await smallDisk(8);
    const dataDir = path.join(disk, 'data');
    await mkdir(dataDir);
    const server = await spawnServer({ DATA_DIR: dataDir, ...ADMIN });
    running.push(server);
    const siteId = /data-site="([\w-]+)"/.exec(server.output())![1]!;
    const owner = await login(server.url, ADMIN.PARLEY_ADMIN_EMAIL, ADMIN.PARLEY_ADMIN_PASSWORD);
    const visitor = await connectVisitor(server.url, { siteId });
    await visitor.ok('visitor:hello', {});
    const send = async (clientId: string, text: string) =>
      (await visitor.socket
        .timeout(10_000)
        .emitWithAck('message:send', { clientId, text })) as SendReply;

    const acknowledged = new Map<number, string>();
    const first = await send(randomUUID(), 'Xin chào, tôi cần giúp đỡ với đơn hàng.');
    if (!first.ok) throw new Error(`the first send failed: ${first.error.code}`);
    acknowledged.set(first.data.message.seq, first.data.message.text);

    const ballast = path.join(disk, 'ballast');
    await fillDisk(ballast);
    // The journal's last page may still hold a line or two; a few sends use it up.
    const text = 'Zamówienie nie dotarło do dziś. '.repeat(100).trim();
    let refused: { clientId: string; code: string } | undefined;
    for (let attempt = 0; attempt < 10 && !refused; attempt += 1) {
      const clientId = randomUUID();
      const reply = await send(clientId, `${text} #${attempt}`);
      if (reply.ok) acknowledged.set(reply.data.message.seq, reply.data.message.text);
      else refused = { clientId, code: reply.error.code };
    }
    expect(refused?.code).toBe('STORE_UNAVAILABLE');
    // Refused before anything changes while the disk is full, not acknowledged.
    const meanwhile = await send(randomUUID(), 'still there?');
    expect(meanwhile).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE' } });
    const rest = await api<{ error: { code: string } }>(
      server.url,
      owner.token,
      'POST',
      `/api/sites/${siteId}/canned-replies`,
      { shortcut: 'hello', text: 'Bună ziua! Cu ce vă putem ajuta?' },
    );
    expect(rest.status).toBe(503);
    expect(rest.body.error.code).toBe('STORE_UNAVAILABLE');
    const unhealthy = await healthz(server.url);
    expect(unhealthy.status).toBe(503);
    expect(unhealthy.body.reason).toMatch(/journal write failed.*ENOSPC/);
    expect(server.child.exitCode).toBeNull();

    await rm(ballast);
    await eventually(async () => expect((await healthz(server.url)).status).toBe(200), 10_000);
    // The refused message sent again with its clientId is stored once; a new one goes through.
    const again = await send(refused!.clientId, `${text} again`);
    expect(again, JSON.stringify(again)).toMatchObject({ ok: true });
    if (again.ok) acknowledged.set(again.data.message.seq, again.data.message.text);
    const after = await send(randomUUID(), 'Salamat po, gumagana na ulit.');
    expect(after.ok).toBe(true);
    if (after.ok) acknowledged.set(after.data.message.seq, after.data.message.text);
    const saved = await api(
      server.url,
      owner.token,
      'POST',
      `/api/sites/${siteId}/canned-replies`,
      {
        shortcut: 'hello',
        text: 'Bună ziua! Cu ce vă putem ajuta?',
      },
    );
    expect(saved.status).toBe(201);
    visitor.socket.disconnect();

    // Killed, so the restart replays the journal the retry rewrote rather than a final snapshot.
    server.child.kill('SIGKILL');
    await server.exited;
    const restarted = await spawnServer({ DATA_DIR: dataDir, ...ADMIN });
    running.push(restarted);
    expect(restarted.output()).not.toContain('dropped its last line');
    const detail = await api<ConversationDetail>(
      restarted.url,
      owner.token,
      'GET',
      `/api/conversations/${first.data.message.conversationId}`,
    );
    const stored = detail.body.messages;
    expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
    for (const [seq, storedText] of acknowledged) {
      expect(stored.find((m) => m.seq === seq)?.text).toBe(storedText);
    }
    expect(new Set(stored.map((m) => m.clientId)).size).toBe(stored.length);
  }, 60_000);
});
