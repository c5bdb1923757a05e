import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [preact()],
  test: {
    name: 'console',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    // The stylesheet's contrast test reads it as text (`?raw`); other CSS stays stubbed out.
    css: { include: [/styles\.css\?raw$/] },
  },
});
