/**
 * Presence shared by every relay through Redis. Each console is a member of its agent's sorted
 * set, scored with the moment its entry expires; the relay holding the socket renews its
 * members every few seconds. A relay that dies (kill -9, lost machine) stops renewing, so its
 * consoles count as gone within `entryTtlMs`, without anyone having to clean up after it.
 *
 * Keys, under the configured prefix: `presence:<agent>` (sorted set of `<node>/<socket>`),
 * `presence-since:<agent>` (connected since, epoch ms), `presence-left:<agent>` (last seen).
 * Times are the relays' clocks: keep them in sync (NTP) as for any cluster.
 */
import type { RedisClientType } from 'redis';
import type { Logger } from '../logger';
import type { AgentPresence } from './agent-presence';

/** How long a console's entry lives without renewal, and how often it is renewed. */
const ENTRY_TTL_MS = 9_000;
const RENEW_EVERY_MS = 3_000;
/** Bookkeeping keys of agents nobody asks about any more vanish after a day. */
const KEY_TTL_MS = 24 * 3600_000;

export class RedisPresence implements AgentPresence {
  /** This relay's consoles: agent id → socket ids. Only what this process holds itself. */
  readonly #local = new Map<string, Set<string>>();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisClientType,
    private readonly prefix: string,
    private readonly nodeId: string,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.#timer = setInterval(() => {
      this.#renew().catch((error: unknown) =>
        this.logger.error({ err: error }, 'could not renew agent presence in redis'),
      );
    }, RENEW_EVERY_MS);
    this.#timer.unref();
  }

  async connect(agentId: string, socketId: string): Promise<void> {
    let sockets = this.#local.get(agentId);
    if (!sockets) this.#local.set(agentId, (sockets = new Set()));
    sockets.add(socketId);
    const now = this.now();
    const wasConnected = (await this.#liveCount(agentId, now)) > 0;
    const multi = this.redis
      .multi()
      .zAdd(this.#key(agentId), { score: now + ENTRY_TTL_MS, value: this.#member(socketId) })
      .pExpire(this.#key(agentId), KEY_TTL_MS)
      .del(this.#leftKey(agentId));
    if (!wasConnected)
      multi.set(this.#sinceKey(agentId), String(now), {
        expiration: { type: 'PX', value: KEY_TTL_MS },
      });
    await multi.exec();
  }

  async disconnect(agentId: string, socketId: string): Promise<void> {
    const sockets = this.#local.get(agentId);
    sockets?.delete(socketId);
    if (sockets?.size === 0) this.#local.delete(agentId);
    const now = this.now();
    await this.redis.zRem(this.#key(agentId), this.#member(socketId));
    if ((await this.#liveCount(agentId, now)) > 0) return;
    await this.redis
      .multi()
      .set(this.#leftKey(agentId), String(now), { expiration: { type: 'PX', value: KEY_TTL_MS } })
      .del(this.#sinceKey(agentId))
      .exec();
  }

  async connected(agentIds: readonly string[]): Promise<Map<string, number>> {
    const now = this.now();
    const result = new Map<string, number>();
    if (agentIds.length === 0) return result;
    const multi = this.redis.multi();
    for (const id of agentIds) {
      multi.zCount(this.#key(id), now, '+inf');
      multi.get(this.#sinceKey(id));
    }
    const replies = (await multi.exec()) as unknown as (number | string | null)[];
    agentIds.forEach((id, index) => {
      const live = Number(replies[index * 2]);
      const since = replies[index * 2 + 1];
      if (live > 0) result.set(id, since ? Number(since) : now);
    });
    return result;
  }

  async absentSince(agentId: string): Promise<number | null> {
    const now = this.now();
    if ((await this.#liveCount(agentId, now)) > 0) return null;
    // First asked about an agent nobody has seen: the grace period starts now, on every node.
    await this.redis.set(this.#leftKey(agentId), String(now), {
      condition: 'NX',
      expiration: { type: 'PX', value: KEY_TTL_MS },
    });
    return Number((await this.redis.get(this.#leftKey(agentId))) ?? now);
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    // Consoles of a relay shutting down cleanly are gone now, not when their entries expire.
    const now = this.now();
    for (const [agentId, sockets] of this.#local) {
      for (const socketId of sockets)
        await this.redis.zRem(this.#key(agentId), this.#member(socketId));
      if ((await this.#liveCount(agentId, now)) === 0)
        await this.redis.set(this.#leftKey(agentId), String(now), {
          expiration: { type: 'PX', value: KEY_TTL_MS },
        });
    }
    this.#local.clear();
  }

  /** Pushes back the expiry of this relay's consoles and drops entries that expired. */
  async #renew(): Promise<void> {
    if (this.#local.size === 0) return;
    const now = this.now();
    const multi = this.redis.multi();
    for (const [agentId, sockets] of this.#local) {
      const key = this.#key(agentId);
      multi.zRemRangeByScore(key, '-inf', now);
      for (const socketId of sockets)
        multi.zAdd(key, { score: now + ENTRY_TTL_MS, value: this.#member(socketId) });
      multi.pExpire(key, KEY_TTL_MS);
      // "Last seen" for the case this relay dies: the grace period then counts from here.
      multi.set(this.#leftKey(agentId), String(now), {
        expiration: { type: 'PX', value: KEY_TTL_MS },
      });
    }
    await multi.exec();
  }

  #liveCount(agentId: string, now: number): Promise<number> {
    return this.redis.zCount(this.#key(agentId), now, '+inf');
  }

  #member(socketId: string): string {
    return `${this.nodeId}/${socketId}`;
  }
  #key(agentId: string): string {
    return `${this.prefix}presence:${agentId}`;
  }
  #sinceKey(agentId: string): string {
    return `${this.prefix}presence-since:${agentId}`;
  }
  #leftKey(agentId: string): string {
    return `${this.prefix}presence-left:${agentId}`;
  }
}
