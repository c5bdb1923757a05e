/**
 * A server process on either store, for the tests of what happens under the bundle itself
 * (kills, memory): embedded on a data directory, or PostgreSQL on a fresh database when this run
 * has DATABASE_URL (CI does).
 */
import { freshDatabase, type TestDatabase } from './cluster';
import { spawnServer, type ProcessLimits, type ServerProcess } from './server-process';

/** Which store the process keeps its data (and files) in. */
export type StoreKind = 'embedded' | 'postgresql';

/** The stores this run can test. */
export function storeKinds(): StoreKind[] {
  return process.env['DATABASE_URL'] ? ['embedded', 'postgresql'] : ['embedded'];
}

export const ADMIN = { email: 'boss@example.com', password: 'a long admin password' };

/** Where a process keeps its data: restart a process on the same one to find it again. */
export interface StoreData extends AsyncDisposable {
  kind: StoreKind;
  dataDir: string;
  /** The PostgreSQL database (postgresql only). */
  database: TestDatabase | null;
}

export async function storeData(kind: StoreKind, dataDir: string): Promise<StoreData> {
  const database = kind === 'postgresql' ? await freshDatabase() : null;
  return {
    kind,
    dataDir,
    database,
    async [Symbol.asyncDispose]() {
      await database?.[Symbol.asyncDispose]();
    },
  };
}

/** A started server and the demo site its first start created. */
export interface StoreServer {
  server: ServerProcess;
  siteId: string;
}

/** Starts the bundle on `data`; resolves once it listens. */
export async function startOn(data: StoreData, limits: ProcessLimits = {}): Promise<StoreServer> {
  const server = await spawnServer(
    {
      DATA_DIR: data.dataDir,
      PARLEY_ADMIN_EMAIL: ADMIN.email,
      PARLEY_ADMIN_PASSWORD: ADMIN.password,
      ...(data.database ? { DATABASE_URL: data.database.url } : {}),
    },
    limits,
  );
  const siteId = /data-site="([\w-]+)"/.exec(server.output())?.[1];
  if (!siteId) throw new Error(`no demo site in the banner:\n${server.output()}`);
  return { server, siteId };
}
