import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PostgresStore } from './postgres-store';
import { makeSite } from './store-contract-fixtures';

const databaseUrl = process.env.DATABASE_URL;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs `sql` as the test's administrator, on the database DATABASE_URL names. */
async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A database of its own, since read-only is set per database and applies to new connections. */
async function throwawayDatabase(): Promise<string> {
  const name = `parley_ro_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE "${name}"`);
  cleanups.push(() => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = new URL(databaseUrl!);
  url.pathname = `/${name}`;
  return url.href;
}

/** Switches the database's transactions to read-only (or back) and cuts the open connections. */
async function setReadOnly(database: string, on: boolean): Promise<void> {
  const name = new URL(database).pathname.slice(1);
  await admin(`ALTER DATABASE "${name}" SET default_transaction_read_only = ${on ? 'on' : 'off'}`);
  await admin(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
  );
}

/** Each outcome of `attempts` calls: 'ok' or the error's code. */
async function outcomes(attempts: number, write: () => Promise<unknown>): Promise<string[]> {
  const results: string[] = [];
  for (let i = 0; i < attempts; i += 1) {
    results.push(
      await write().then(
        () => 'ok',
        (error: unknown) => String((error as { code?: unknown }).code),
      ),
    );
  }
  return results;
}

describe.skipIf(!databaseUrl)('PostgresStore when the database refuses writes', () => {
  it('answers STORE_UNAVAILABLE and an unhealthy check while read-only, and writes again once it is not', async () => {
    const database = await throwawayDatabase();
    const store = new PostgresStore({ connectionString: database, onIdleError: () => undefined });
    await store.init();
    cleanups.push(() => store.close());
    const stored = await store.createSite(makeSite());

    await setReadOnly(database, true);
    const refused = makeSite();
    // The pool may first meet a connection the termination cut: that is STORE_UNAVAILABLE too.
    expect(await outcomes(3, () => store.createSite(refused))).toEqual([
      'STORE_UNAVAILABLE',
      'STORE_UNAVAILABLE',
      'STORE_UNAVAILABLE',
    ]);
    expect(await store.getSite(refused.id)).toBeNull();
    expect(await store.getSite(stored.id)).toEqual(stored);
    expect(await store.health()).toEqual({
      ok: false,
      reason: expect.stringMatching(/only accepts reads/),
    });

    await setReadOnly(database, false);
    const after = await outcomes(3, () => store.createSite(makeSite()));
    expect(after.at(-1)).toBe('ok');
    expect(after.every((outcome) => outcome === 'ok' || outcome === 'STORE_UNAVAILABLE')).toBe(
      true,
    );
    expect(await store.health()).toEqual({ ok: true });
  });
});
