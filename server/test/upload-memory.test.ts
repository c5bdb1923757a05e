/**
 * A 10 MB file from a slow client is streamed to storage, not gathered in memory: the server
 * process's resident memory (VmRSS in /proc) stays well below the file's size above what it used
 * before, at its peak during the upload, and the file comes back byte for byte.
 *
 * Every socket read makes a fresh buffer, garbage once written on; V8 collects it only when its
 * own thresholds say so, which on a quiet server can be after tens of megabytes. Left alone,
 * VmRSS would then rise with the bytes received whatever the server keeps, so the process is
 * started with a probe (memory-probe.fixture.mjs) that the test asks to collect garbage every
 * 100 ms while it samples VmRSS every 10 ms.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { connectVisitor } from './harness';
import { cleanUpAfterEachTest } from './process-cleanup';
import { PDF } from './sample-files';
import { slowUpload } from './slow-upload';
import { startOn, storeData, storeKinds } from './store-process';
import { download, type Uploaded } from './uploads';

const { tempDir, track } = cleanUpAfterEachTest();

const MB = 1024 * 1024;
/** The default largest file a site accepts. */
const FILE_BYTES = 10 * MB;
/** Well below the file's size: a server holding the file whole could not stay under it. */
const MAX_GROWTH_BYTES = 6 * MB;
const PROBE = fileURLToPath(new URL('./memory-probe.fixture.mjs', import.meta.url));

/** The process's resident set size, in bytes. */
async function rss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb) * 1024;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

describe.skipIf(process.platform !== 'linux').each(storeKinds())(
  'a slow 10 MB upload (%s)',
  (kind) => {
    it('does not grow the server’s memory by the file’s size', { timeout: 90_000 }, async () => {
      await using data = await storeData(kind, await tempDir());
      const { server, siteId } = await startOn(data, {
        nodeArgs: ['--expose-gc', `--import=${PROBE}`],
      });
      track(server);
      const pid = server.child.pid!;
      const collect = () => server.child.kill('SIGUSR2');
      await using visitor = await connectVisitor(server.url, { siteId });
      const { token } = await visitor.ok('visitor:hello', {});
      const upload = (body: Buffer, pauseMs: number) =>
        slowUpload({
          url: server.url,
          siteId,
          token,
          name: 'katalog.pdf',
          body,
          chunkBytes: 64 * 1024,
          pauseMs,
        });

      // The first upload warms up what any upload needs once (code, connections, buffers).
      const warmUp = await upload(Buffer.concat([PDF, randomBytes(MB)]), 0).response;
      expect(warmUp.status).toBe(201);
      const before: number[] = [];
      for (let i = 0; i < 5; i++) {
        collect();
        await pause(100);
        before.push(await rss(pid));
      }
      const baseline = Math.max(...before);

      // 160 chunks of 64 KB, 15 ms apart: about 2.5 s.
      const file = Buffer.concat([PDF, randomBytes(FILE_BYTES - PDF.length)]);
      const started = Date.now();
      const slow = upload(file, 15);
      let peak = 0;
      let samples = 0;
      let uploading = true;
      const sampling = (async () => {
        for (let tick = 0; uploading; tick++) {
          if (tick % 10 === 0) collect();
          peak = Math.max(peak, await rss(pid));
          samples += 1;
          await pause(10);
        }
      })();
      const answer = await slow.response;
      const seconds = (Date.now() - started) / 1000;
      uploading = false;
      await sampling;
      expect(answer.status, answer.body).toBe(201);
      const held = [...server.output().matchAll(/^memory-probe (.*)$/gm)].map(
        (line) => JSON.parse(line[1]!) as { heapUsed: number; external: number },
      );
      console.info(
        `${kind}: ${mb(FILE_BYTES)} in 64 KB chunks over ${seconds.toFixed(1)} s; VmRSS ` +
          `baseline ${mb(baseline)}, peak ${mb(peak)} (+${mb(peak - baseline)}, ${samples} ` +
          `samples); after collections heap at most ${mb(Math.max(...held.map((h) => h.heapUsed)))}, ` +
          `buffers at most ${mb(Math.max(...held.map((h) => h.external)))}`,
      );
      expect(seconds, 'the client was slow').toBeGreaterThan(1.5);
      expect(peak - baseline).toBeLessThan(MAX_GROWTH_BYTES);

      const stored = (JSON.parse(answer.body) as Uploaded).id;
      const { message } = await visitor.ok('message:send', {
        clientId: randomUUID(),
        attachmentIds: [stored],
      });
      const back = await download(`${server.url}${message.attachments![0]!.url}`);
      expect(back.status).toBe(200);
      expect(sha256(back.bytes)).toBe(sha256(file));
    });
  },
);
