import { describe, expect, it } from 'vitest';
import { emptySnapshot, type Snapshot } from './memory-state';
import { snapshotChunks } from './snapshot-file';
import {
  allParagraphs,
  loadFixtureTexts,
  makeConversation,
  makeSite,
} from './store-contract-fixtures';

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

async function bigSnapshot(conversations: number): Promise<Snapshot> {
  const paragraphs = allParagraphs(await loadFixtureTexts());
  const site = makeSite();
  const snapshot = emptySnapshot();
  snapshot.generation = 7;
  snapshot.sites.push(site);
  for (let i = 0; i < conversations; i += 1) {
    snapshot.conversations.push(makeConversation(site.id, `visitor_${i}`));
  }
  snapshot.settings.push(['greeting', paragraphs[0]!]);
  return snapshot;
}

describe('writing db.json in slices', () => {
  it('writes exactly what JSON.stringify writes, in many chunks', async () => {
    const snapshot = await bigSnapshot(3_000);
    const chunks = await collect(snapshotChunks(snapshot, { sliceMs: 0, chunkChars: 4096 }));
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.join('')).toBe(JSON.stringify(snapshot));
  });

  it('lets other work run between slices', async () => {
    const snapshot = await bigSnapshot(3_000);
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const before = turns;
    // Consumed without any I/O, so only the serializer's own yields can let the ticker run.
    await collect(snapshotChunks(snapshot, { sliceMs: 0 }));
    ticking = false;
    expect(turns - before).toBeGreaterThan(10);
  });
});
