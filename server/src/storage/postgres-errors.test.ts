import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isUnavailable } from './postgres-errors';

const databaseUrl = process.env['DATABASE_URL'];

/** The error PostgreSQL really answers `sql` with. */
async function errorOf(sql: string, params: unknown[]): Promise<unknown> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql, params);
    throw new Error(`${sql} did not fail`);
  } catch (error) {
    return error;
  } finally {
    await client.end();
  }
}

describe.skipIf(!databaseUrl)('which PostgreSQL errors mean "unavailable"', () => {
  it('a statement of ours with the wrong parameters is a bug, not an outage', async () => {
    const error = await errorOf('SELECT $1::int, $2::int', [1]);
    expect((error as { code?: string }).code).toBe('08P01');
    expect(isUnavailable(error)).toBe(false);
  });

  it('a refused connection is an outage', async () => {
    const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres' });
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(isUnavailable(error)).toBe(true);
  });
});
