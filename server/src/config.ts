/**
 * Configuration comes from the environment only, validated once at start. A bad value stops the
 * server with a message naming the variable, rather than failing later in some request.
 */
import path from 'node:path';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import type { RelayLimits } from './rate-limits/limits';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

/** Prepended to the keys this server keeps in Redis (PARLEY_REDIS_PREFIX). */
export const DEFAULT_REDIS_PREFIX = 'parley:';

/**
 * A rate limit written `COUNT/SECONDS` ("60/5": 60 in any 5 s), for the limits a deployment may
 * need to change: a large team behind one address, a load test.
 */
const rateLimitSetting = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .regex(/^\d{1,9}\/\d{1,7}$/, 'must be COUNT/SECONDS, e.g. 60/5')
    .transform((value) => {
      const [points, durationSeconds] = value.split('/').map(Number) as [number, number];
      return { points, durationSeconds };
    })
    .refine((limit) => limit.points >= 1 && limit.durationSeconds >= 1, {
      message: 'COUNT and SECONDS must be at least 1',
    })
    .optional(),
);

const envSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  PUBLIC_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/ })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  ),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  ),
  PARLEY_DATABASE_SCHEMA: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'must be a plain SQL identifier')
      .default('public'),
  ),
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).optional(),
  ),
  PARLEY_REDIS_PREFIX: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[\x21-\x7e]{1,64}$/, 'must be 1 to 64 printable characters without spaces')
      .default(DEFAULT_REDIS_PREFIX),
  ),
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  ),
  SMTP_INBOUND_PORT: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(0).max(65_535).optional(),
  ),
  SMTP_INBOUND_DOMAIN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[a-z0-9.-]+$/i, 'must be a domain name, e.g. reply.example.com')
      .optional(),
  ),
  PARLEY_ADMIN_EMAIL: z.preprocess(emptyAsUndefined, z.email().optional()),
  PARLEY_ADMIN_PASSWORD: z.preprocess(
    emptyAsUndefined,
    z.string().min(8, 'must be at least 8 characters').optional(),
  ),
  METRICS_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[\x21-\x7e]{16,256}$/, 'must be 16 to 256 printable characters')
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(LOG_LEVELS).default('info')),
  PARLEY_AGENT_GRACE_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  ),
  TRUST_PROXY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default('false')
      .transform((value, ctx): TrustProxy => {
        const text = value.trim();
        if (text === 'true') return true;
        if (text === 'false') return false;
        if (/^\d+$/.test(text)) return Number(text);
        const list = text.split(',').map((part) => part.trim());
        try {
          proxyaddr.compile(list);
        } catch (error) {
          ctx.addIssue({
            code: 'custom',
            message: `must be true, false, a number of hops or a list of addresses/CIDRs (${(error as Error).message})`,
          });
          return z.NEVER;
        }
        return list;
      }),
  ),
  PARLEY_ADDRESS_LIMIT_SCALE: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(1_000_000).default(1),
  ),
  PARLEY_REQUEST_LIMIT: rateLimitSetting,
  PARLEY_MESSAGE_LIMIT: rateLimitSetting,
  PARLEY_SIGN_IN_FAILURE_LIMIT: rateLimitSetting,
  PARLEY_DIGEST_MINUTES: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .min(0.01)
      .max(24 * 60)
      .default(10),
  ),
});

/**
 * Which proxies' X-Forwarded-For to believe, as Express's `trust proxy` takes it: true (all),
 * false (none: the socket's peer is the client), a number of hops, or addresses/CIDRs/names.
 */
export type TrustProxy = boolean | number | string[];

/** The server's validated configuration. */
export interface Config {
  port: number;
  dataDir: string;
  /** The origin visitors and agents reach this server at; defaults to http://localhost:PORT. */
  publicUrl: string | undefined;
  databaseUrl: string | undefined;
  /** PostgreSQL schema holding Parley's tables, so several deployments can share a database. */
  databaseSchema: string;
  redisUrl: string | undefined;
  /** Prefix of the keys kept in Redis, so several deployments (or test runs) can share one. */
  redisPrefix: string;
  smtpUrl: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  /** The bearer token GET /metrics requires; unset, /metrics refuses everyone. */
  metricsToken: string | undefined;
  /** How long an agent whose consoles all disconnected keeps their chats. */
  agentGraceMs: number;
  /** Whose X-Forwarded-For gives the client address (for rate limits and logs). */
  trustProxy: TrustProxy;
  /** Multiplies every per-address rate limit's allowance (shared addresses: NAT, CGNAT). */
  addressLimitScale: number;
  /** Limits the environment changes (PARLEY_REQUEST_LIMIT, …); the rest keep their defaults. */
  limits: Partial<
    Pick<RelayLimits, 'socketRequests' | 'messagesPerVisitor' | 'signInFailuresPerAddress'>
  >;
  /** At most one email per site to its owners about offline messages and missed chats per this. */
  digestMinutes: number;
  /** Where the relay receives visitors' email replies (SMTP); unset, it receives none. */
  smtpInboundPort: number | undefined;
  /** The domain of reply addresses (`reply+…@domain`); default: PUBLIC_URL's host name. */
  smtpInboundDomain: string | undefined;
}

/** Thrown for a bad environment; the message names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the configuration from `env`. Throws ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${String(issue.path[0])}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    publicUrl: e.PUBLIC_URL,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.PARLEY_DATABASE_SCHEMA,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.PARLEY_REDIS_PREFIX,
    smtpUrl: e.SMTP_URL,
    adminEmail: e.PARLEY_ADMIN_EMAIL,
    adminPassword: e.PARLEY_ADMIN_PASSWORD,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    agentGraceMs: e.PARLEY_AGENT_GRACE_MS,
    trustProxy: e.TRUST_PROXY,
    addressLimitScale: e.PARLEY_ADDRESS_LIMIT_SCALE,
    limits: {
      ...(e.PARLEY_REQUEST_LIMIT && { socketRequests: e.PARLEY_REQUEST_LIMIT }),
      ...(e.PARLEY_MESSAGE_LIMIT && { messagesPerVisitor: e.PARLEY_MESSAGE_LIMIT }),
      ...(e.PARLEY_SIGN_IN_FAILURE_LIMIT && {
        signInFailuresPerAddress: e.PARLEY_SIGN_IN_FAILURE_LIMIT,
      }),
    },
    digestMinutes: e.PARLEY_DIGEST_MINUTES,
    smtpInboundPort: e.SMTP_INBOUND_PORT,
    smtpInboundDomain: e.SMTP_INBOUND_DOMAIN,
  };
}
