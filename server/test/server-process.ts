/** The real server as a child process, the way `pnpm start` runs it: the bundle on plain node. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The production bundle; test/build-server.ts (Vitest's globalSetup) builds it before the tests. */
export const SERVER_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const REPO_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** The command that starts a server process exactly as `pnpm start` does (from the repo root). */
export function serverCommand(): { command: string; args: string[]; cwd: string } {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(
      `${SERVER_MAIN} is missing: run \`pnpm --filter @parley/server build\` (Vitest's globalSetup does)`,
    );
  }
  return { command: process.execPath, args: [SERVER_MAIN], cwd: REPO_DIR };
}

/** CI exports DATABASE_URL and REDIS_URL for the tests that need them; these servers run embedded. */
const EMBEDDED = { DATABASE_URL: '', REDIS_URL: '', SMTP_URL: '' };

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything printed on stdout so far. */
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** How the process is confined, to make the disk fail for real. */
export interface ProcessLimits {
  /**
   * RLIMIT_FSIZE in 512-byte blocks (`ulimit -f`): a write past it fails with EFBIG, as on a
   * full disk. SIGXFSZ is ignored, so the write fails instead of killing the process.
   */
  fileSizeBlocks?: number;
  /** Options for node itself, before the bundle (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
}

function limited(
  command: string,
  args: string[],
  limits: ProcessLimits,
): { command: string; args: string[] } {
  if (limits.fileSizeBlocks === undefined) return { command, args };
  const script = `trap '' XFSZ; ulimit -f ${limits.fileSizeBlocks}; exec "$0" "$@"`;
  return { command: '/bin/sh', args: ['-c', script, command, ...args] };
}

/** Starts the server with `env` and waits for its banner. */
export async function spawnServer(
  env: Record<string, string>,
  limits: ProcessLimits = {},
): Promise<ServerProcess> {
  const server = serverCommand();
  const { command, args } = limited(
    server.command,
    [...(limits.nodeArgs ?? []), ...server.args],
    limits,
  );
  const { cwd } = server;
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...EMBEDDED, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    // Generous: a restarted node on a loaded 2-core machine can take a while to print its banner.
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${stdout}\n${stderr}`)),
      40_000,
    );
    const check = () => {
      const match = /Parley is running at (\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${stdout}\n${stderr}`));
    }, reject);
  });
  return { child, url, output: () => stdout, exited };
}

/** Runs the server expecting it to refuse to start; returns its exit code and stderr. */
export async function runFailingServer(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const { command, args, cwd } = serverCommand();
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...EMBEDDED, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}
