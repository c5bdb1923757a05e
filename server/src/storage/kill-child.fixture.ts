/**
 * Child process of the kill -9 test in lowdb-store.test.ts: appends messages to one conversation
 * from several concurrent writers, forever, printing each acknowledged message as a JSON line.
 * Usage: node --import tsx kill-child.fixture.ts <dataDir> <conversationId> <compactAfterRecords>
 */
import { LowdbStore } from './lowdb-store';
import { allParagraphs, loadFixtureTexts, makeMessage } from './store-contract-fixtures';

const [dataDir, conversationId, compactAfterRecords] = process.argv.slice(2);
if (!dataDir || !conversationId || !compactAfterRecords)
  throw new Error('usage: <dataDir> <conversationId> <compactAfterRecords>');

const paragraphs = allParagraphs(await loadFixtureTexts());
const store = new LowdbStore(dataDir, { compactAfterRecords: Number(compactAfterRecords) });
await store.init();
let next = 0;

async function writer(): Promise<never> {
  for (;;) {
    const i = next++;
    const input = makeMessage(conversationId!, `${paragraphs[i % paragraphs.length]} #${i}`, {
      clientId: `kill-${i}`,
    });
    const { message } = await store.appendMessage(input);
    // Pipes are written synchronously on Linux, so a printed line was acknowledged before any kill.
    process.stdout.write(
      `${JSON.stringify({ seq: message.seq, clientId: message.clientId, text: message.text })}\n`,
    );
  }
}

await Promise.all(Array.from({ length: 8 }, writer));
