/**
 * The shipped nginx config (deploy/nginx/parley.conf) rendered for a test and run as a child
 * process: no root paths, no system service, its own prefix directory under the OS temp dir.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The file operators install; the tests run exactly this one. */
export const NGINX_CONF = fileURLToPath(new URL('../../deploy/nginx/parley.conf', import.meta.url));

/** Debian puts nginx in /usr/sbin, which a non-root PATH often lacks; NGINX_BIN overrides. */
function nginxBinary(): string {
  const configured = process.env['NGINX_BIN'];
  if (configured) return configured;
  return existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
}

/**
 * Fills the template's placeholders: `{{LISTEN}}`, and the `server {{NODE}} …;` line repeated once
 * per node with its parameters (max_fails, fail_timeout) kept. Comment lines are left alone.
 */
export function renderNginxConfig(template: string, target: { listen: string; nodes: string[] }) {
  const lines = template.split('\n').flatMap((line) => {
    if (line.trimStart().startsWith('#')) return [line];
    if (line.includes('{{NODE}}'))
      return target.nodes.map((node) => line.replace('{{NODE}}', node));
    return [line.replaceAll('{{LISTEN}}', target.listen)];
  });
  const rendered = lines.join('\n');
  const left = lines.find((line) => !line.trimStart().startsWith('#') && line.includes('{{'));
  if (left !== undefined) throw new Error(`unrendered placeholder in nginx config: ${left.trim()}`);
  return rendered;
}

/**
 * What the distribution's nginx.conf provides around a conf.d file in production: the main and
 * events contexts, and temp paths and logs, here all inside the prefix.
 */
const MAIN_CONF = `worker_processes 1;
events { worker_connections 4096; }
http {
    client_body_temp_path temp/client_body;
    proxy_temp_path temp/proxy;
    fastcgi_temp_path temp/fastcgi;
    uwsgi_temp_path temp/uwsgi;
    scgi_temp_path temp/scgi;
    access_log logs/access.log;
    include parley.conf;
}
`;

/** A running nginx in front of some nodes. */
export interface Nginx extends AsyncDisposable {
  url: string;
  port: number;
  /** Its prefix directory (rendered config, logs). */
  prefix: string;
  /** error.log so far, for failure messages. */
  errors(): Promise<string>;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (nginx cannot pick one itself). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitForPort(url: string, exited: Promise<unknown>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  exited.then(
    () => (gone = true),
    () => (gone = true),
  );
  while (!gone && Date.now() < deadline) {
    // Any answer, even a 502 from nginx itself, means it is listening.
    const answered = await fetch(`${url}/nginx-probe`).then(
      () => true,
      () => false,
    );
    if (answered) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** Renders the shipped config for `nodes` (HOST:PORT) and starts nginx on a free port. */
export async function startNginx(nodes: string[]): Promise<Nginx> {
  const template = await readFile(NGINX_CONF, 'utf8');
  const prefix = await mkdtemp(path.join(os.tmpdir(), 'parley-nginx-'));
  // Workers run as `nobody` when the master is root; they must reach the temp paths.
  await chmod(prefix, 0o755);
  await mkdir(path.join(prefix, 'logs'));
  await mkdir(path.join(prefix, 'temp'));
  await writeFile(path.join(prefix, 'nginx.conf'), MAIN_CONF);
  const errorLog = path.join(prefix, 'logs', 'error.log');
  const errors = () => readFile(errorLog, 'utf8').catch(() => '');

  // Another process may take the port between freePort and nginx's bind: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    await writeFile(
      path.join(prefix, 'parley.conf'),
      renderNginxConfig(template, { listen: `127.0.0.1:${port}`, nodes }),
    );
    const child = spawn(
      nginxBinary(),
      [
        '-p',
        `${prefix}/`,
        '-c',
        path.join(prefix, 'nginx.conf'),
        '-g',
        `daemon off; pid ${path.join(prefix, 'nginx.pid')}; error_log ${errorLog} warn;`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', (error) => {
        stderr += String(error);
        resolve();
      });
    });
    const orphan = () => child.kill('SIGKILL');
    process.once('exit', orphan);
    const url = `http://127.0.0.1:${port}`;
    if (await waitForPort(url, exited, 5000)) {
      let stopped = false;
      const stop = async () => {
        if (stopped) return;
        stopped = true;
        process.off('exit', orphan);
        // SIGTERM is nginx's fast shutdown; SIGQUIT would wait for every WebSocket to close.
        if (child.exitCode === null) child.kill('SIGTERM');
        await exited;
      };
      return {
        url,
        port,
        prefix,
        errors,
        stop,
        async [Symbol.asyncDispose]() {
          await stop();
          await rm(prefix, { recursive: true, force: true });
        },
      };
    }
    process.off('exit', orphan);
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    const log = `${stderr}\n${await errors()}`;
    if (attempt >= 3 || !log.includes('Address already in use')) {
      await rm(prefix, { recursive: true, force: true });
      throw new Error(`nginx did not start:\n${log}`);
    }
  }
}
