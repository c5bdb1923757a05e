import { defineConfig } from 'vitest/config';

// One run covers every package; each package's own config sets its environment (node or DOM).
export default defineConfig({
  test: {
    projects: ['shared', 'server', 'widget', 'console'],
  },
});
