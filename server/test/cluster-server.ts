/**
 * The relay suite's cluster mode: two node processes (see cluster.ts) on a fresh database and
 * Redis key space, reached directly (no nginx): visitors on one node, agents on the other, so
 * every relay test also proves that nothing depends on which process a socket is connected to.
 */
import { PostgresStore } from '../src/storage/postgres-store';
import { CLUSTER_OWNER, startCluster, type Cluster } from './cluster';

export const OWNER = CLUSTER_OWNER;

/** True when this run has what the cluster mode needs (CI sets both). */
export function clusterAvailable(): boolean {
  return Boolean(process.env['DATABASE_URL'] && process.env['REDIS_URL']);
}

/** Two nodes and a store on their database, for the test's own reads. */
export async function startTwoNodes(
  env: Record<string, string>,
): Promise<{ cluster: Cluster; store: PostgresStore; dispose(): Promise<void> }> {
  const cluster = await startCluster({ nodes: 2, nginx: false, env });
  const store = new PostgresStore({ connectionString: cluster.database.url });
  await store.init();
  return {
    cluster,
    store,
    async dispose() {
      await store.close();
      await cluster[Symbol.asyncDispose]();
    },
  };
}
