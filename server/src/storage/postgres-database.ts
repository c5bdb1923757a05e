/**
 * A `pg` Pool with the two ways PostgresStore talks to it: single statements and transactions.
 * `pg` is imported here on open, so a process on the embedded store never loads the driver.
 */
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { unavailableOr } from './postgres-errors';

/** How to open the pool. */
export interface PostgresDatabaseOptions {
  connectionString: string;
  /** Pool size (default 10). */
  maxConnections?: number;
  /** Told about errors of idle pooled connections (e.g. the server restarted); the pool replaces them. */
  onIdleError?: (error: Error) => void;
}

/** An open connection pool. */
export class PostgresDatabase {
  readonly #pool: Pool;

  private constructor(pool: Pool) {
    this.#pool = pool;
  }

  /** Loads the driver and creates the pool (connections open on first use). */
  static async open(options: PostgresDatabaseOptions): Promise<PostgresDatabase> {
    const { Pool } = await import('pg');
    const pool = new Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
    });
    // Without a listener an idle connection's error would crash the process.
    pool.on('error', (error) => options.onIdleError?.(error));
    return new PostgresDatabase(pool);
  }

  /** Runs one statement and returns its rows. */
  async query<R extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.#pool.query<R>(sql, params)).rows;
    } catch (error) {
      throw unavailableOr(error);
    }
  }

  /** Runs `work` in a transaction on one connection: committed if it resolves, rolled back if it throws. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect().catch((error: unknown) => {
      throw unavailableOr(error);
    });
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A failed ROLLBACK means the connection itself is gone: drop it from the pool below.
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw unavailableOr(error);
    } finally {
      client.release(broken);
    }
  }

  /**
   * Resolves once PostgreSQL answers and takes writes; rejects on an error, after `timeoutMs`, or
   * with {@link ReadOnlyDatabase} when its transactions are read-only (a standby after a failover,
   * `default_transaction_read_only`).
   */
  async ping(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`PostgreSQL did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    const answer = this.#pool
      .query<{ readOnly: string }>(`SELECT current_setting('transaction_read_only') AS "readOnly"`)
      .then((result) => {
        if (result.rows[0]?.readOnly === 'on') throw new ReadOnlyDatabase();
      });
    // A late answer (or failure) after the timeout must not surface as an unhandled rejection.
    answer.catch(() => undefined);
    try {
      await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes every connection. */
  async end(): Promise<void> {
    await this.#pool.end();
  }
}

/** PostgreSQL answers, but only reads: every write would fail. */
export class ReadOnlyDatabase extends Error {
  override readonly name = 'ReadOnlyDatabase';
  constructor() {
    super('PostgreSQL only accepts reads (transaction_read_only is on)');
  }
}
