import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// `vite dev` forwards API and socket traffic to a relay started with PORT=3100 (see REST-CONTRACT).
const relay = 'http://localhost:3100';

export default defineConfig({
  base: '/console/',
  plugins: [preact()],
  build: { outDir: 'dist', assetsDir: 'assets', target: 'es2022' },
  server: {
    proxy: {
      '/api': relay,
      '/socket.io': { target: relay, ws: true },
      '/widget.js': relay,
    },
  },
});
