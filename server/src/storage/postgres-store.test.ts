import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { describe } from 'vitest';
import { PostgresStore } from './postgres-store';
import { describeStoreContract } from './store.contract';

const databaseUrl = process.env.DATABASE_URL;

/** A schema of its own per test, so parallel runs on one database never collide. */
async function openPostgresStore(connectionString: string) {
  const schema = `parley_test_${randomBytes(6).toString('hex')}`;
  let store = new PostgresStore({ connectionString, schema });
  await store.init();
  return {
    store,
    reopen: async () => {
      await store.close();
      store = new PostgresStore({ connectionString, schema });
      await store.init();
      return store;
    },
    cleanup: async () => {
      await store.close();
      const client = new Client({ connectionString });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

// CI (.ci/run) always sets DATABASE_URL, so this only skips on a machine without PostgreSQL.
describe.skipIf(!databaseUrl)('PostgresStore', () => {
  describeStoreContract('PostgreSQL', () => openPostgresStore(databaseUrl!));
});
