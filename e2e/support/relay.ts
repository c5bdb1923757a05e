/**
 * The real relay as a child process (`node server/dist/main.js`, as `pnpm start` runs it), on a
 * free port with its own data directory. It can be stopped and started again on the same port and
 * data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_DIR, SERVER_MAIN } from './paths';

/** The owner account every test relay is created with. */
export const OWNER = {
  email: 'owner@shop.test',
  password: 'correct-horse-battery-9',
  name: 'Owner',
} as const;

export interface RelayOptions {
  /** smtp://host:port of a mail sink; without it the relay runs with email off. */
  smtpUrl?: string;
}

/** A running (or stopped) relay. */
export interface Relay {
  /** e.g. http://localhost:41234 */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The demo site created on first start: the site the host page embeds. */
  readonly siteId: string;
  /** Everything the process printed, for failure reports. */
  output(): string;
  /** SIGTERM and wait for a clean exit; the data directory stays. */
  stop(): Promise<void>;
  /** Starts again with the same port and data directory. */
  start(): Promise<void>;
  /** Stops and removes the data directory. */
  dispose(): Promise<void>;
}

/** The command that starts a relay process exactly as `pnpm start` does (from the repo root). */
export function serverCommand(): { command: string; args: string[]; cwd: string } {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(`${SERVER_MAIN} is missing: run \`pnpm build\` at the repository root first.`);
  }
  return { command: process.execPath, args: [SERVER_MAIN], cwd: REPO_DIR };
}

/** A TCP port nobody is listening on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a relay with a fresh data directory and waits for its banner. */
export async function startRelay(options: RelayOptions = {}): Promise<Relay> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-e2e-'));
  const port = await freePort();
  let log = '';
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let url = '';
  let siteId = '';

  async function start(): Promise<void> {
    const { command, args, cwd } = serverCommand();
    const proc = spawn(command, args, {
      cwd,
      env: {
        ...process.env,
        // Each relay here is the embedded default with its own data directory; CI's
        // DATABASE_URL and REDIS_URL are for the store and scale-out tests, not for these.
        DATABASE_URL: '',
        REDIS_URL: '',
        PORT: String(port),
        DATA_DIR: dataDir,
        SMTP_URL: options.smtpUrl ?? '',
        PARLEY_ADMIN_EMAIL: OWNER.email,
        PARLEY_ADMIN_PASSWORD: OWNER.password,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    let stdout = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      log += chunk.toString();
    });
    proc.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the relay did not start within 30 s:\n${log}`)),
        30_000,
      );
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the relay exited with ${code} before it was ready:\n${log}`));
      });
      proc.stdout!.on('data', () => {
        const running = /Parley is running at (\S+)/.exec(stdout);
        const site = /data-site="([^"]+)"/.exec(stdout);
        if (running?.[1] && site?.[1]) {
          clearTimeout(timer);
          url = running[1];
          siteId = site[1];
          resolve();
        }
      });
    });
  }

  async function stop(): Promise<void> {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const killed = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killed);
    child = null;
  }

  await start();
  return {
    get url() {
      return url;
    },
    port,
    dataDir,
    get siteId() {
      return siteId;
    },
    output: () => log,
    stop,
    start,
    async dispose() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
