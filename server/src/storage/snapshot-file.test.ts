import { describe, expect, it } from 'vitest';
import { emptySnapshot, MemoryState, type Snapshot } from './memory-state';
import { snapshotChunks } from './snapshot-file';
import {
  allParagraphs,
  loadFixtureTexts,
  makeConversation,
  makeMessage,
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

  it('writes the state as of the snapshot, not the messages that arrived while it was written', async () => {
    const state = new MemoryState();
    const site = makeSite();
    const conversation = makeConversation(site.id, 'visitor_1');
    state.apply({ op: 'site', site });
    state.apply({ op: 'conversation', conversation });
    const message = (seq: number, text: string) => ({
      ...makeMessage(conversation.id, text),
      seq,
    });
    state.apply({ op: 'message', message: message(1, 'Xin chào') });
    state.apply({ op: 'message', message: message(2, 'Bună ziua') });
    const source = state.toSnapshot(3);
    state.apply({ op: 'message', message: message(3, 'Dzień dobry') });
    const written = JSON.parse((await collect(snapshotChunks(source))).join('')) as Snapshot;
    expect(written.messages.map((m) => m.text)).toEqual(['Xin chào', 'Bună ziua']);
    expect(written.conversations[0]!.lastSeq).toBe(2);
    expect(written.generation).toBe(3);
  });
});
