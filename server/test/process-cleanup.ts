/**
 * Server processes and data directories a test file starts, killed and removed after each test
 * whatever its outcome, so a failing test leaves no relay running and no files behind.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { ServerProcess } from './server-process';

/** Registers the clean-up for the calling test file; call at its top level. */
export function cleanUpAfterEachTest() {
  const running: ServerProcess[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const server of running.splice(0)) {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await server.exited;
    }
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  return {
    /** A fresh directory under the system's temp folder, removed after the test. */
    async tempDir(prefix = 'parley-process-'): Promise<string> {
      const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    /** Kills `server` after the test if it still runs. */
    track<T extends ServerProcess>(server: T): T {
      running.push(server);
      return server;
    },
  };
}
