/**
 * With UPDATE_SCREENSHOTS=1 (`pnpm screenshots`), copies the README's small set of pictures from
 * this run into docs/screenshots/. Plain test runs leave the committed pictures alone, so running
 * the tests never changes tracked files.
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DOCS_SCREENSHOTS_DIR, SCREENSHOTS_DIR } from './paths';

/** The README's pictures; each must stay small enough for a repository. */
const FOR_DOCS = [
  'widget-chat-desktop.png',
  'widget-mobile.png',
  'widget-rating.png',
  'console-inbox.png',
  'console-conversation.png',
  'console-settings.png',
  'console-reports.png',
  'widget-files.png',
  'console-files.png',
  'console-conversation-dark.png',
  'console-phone-conversation.png',
];
const MAX_BYTES = 200 * 1024;

export default async function globalTeardown(): Promise<void> {
  if (process.env['UPDATE_SCREENSHOTS'] !== '1') return;
  await mkdir(DOCS_SCREENSHOTS_DIR, { recursive: true });
  for (const name of FOR_DOCS) {
    const source = path.join(SCREENSHOTS_DIR, name);
    const size = await stat(source).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) continue;
    if (size > MAX_BYTES) {
      process.stderr.write(
        `docs/screenshots: skipped ${name} (${Math.round(size / 1024)} KB > 200 KB)\n`,
      );
      continue;
    }
    await copyFile(source, path.join(DOCS_SCREENSHOTS_DIR, name));
  }
}
