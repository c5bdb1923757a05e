/**
 * Writes `<file>.gz` beside every script of the widget build, compressed with Zopfli: a gzip
 * stream every browser reads, about 4 % smaller than zlib's best, which is too slow to make per
 * request but costs nothing once per build. The server sends these files to browsers that ask
 * for gzip (server/src/http/static-bundle.ts); brotli it still makes itself.
 */
import { gzipAsync } from '@gfx/zopfli';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Compresses every `.js` under `dir` (recursively) into `.js.gz`. */
export async function precompress(dir: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const scripts = entries.filter((e) => e.isFile() && e.name.endsWith('.js'));
  await Promise.all(
    scripts.map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name);
      await writeFile(`${file}.gz`, await gzipAsync(await readFile(file), { numiterations: 15 }));
    }),
  );
}
