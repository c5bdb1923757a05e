/** Where things are, resolved from this file so the suite runs from any checkout. */
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_DIR = fileURLToPath(new URL('../../', import.meta.url));
/** The e2e package. */
export const E2E_DIR = fileURLToPath(new URL('../', import.meta.url));
/** The relay's production bundle (`pnpm build` writes it), run the way `pnpm start` runs it. */
export const SERVER_MAIN = fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));
/** Built front ends the relay serves. */
export const WIDGET_BUNDLE = fileURLToPath(new URL('../../widget/dist/widget.js', import.meta.url));
export const CONSOLE_BUNDLE = fileURLToPath(
  new URL('../../console/dist/index.html', import.meta.url),
);
/** Realistic non-ASCII texts, kept in the repository's fixtures folder. */
export const FIXTURE_TEXTS_DIR = fileURLToPath(
  new URL('../../fixtures/customer-service/', import.meta.url),
);
/** Every run's pictures (ignored by git). */
export const SCREENSHOTS_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));
/** The small current set the README shows. */
export const DOCS_SCREENSHOTS_DIR = fileURLToPath(
  new URL('../../docs/screenshots/', import.meta.url),
);
