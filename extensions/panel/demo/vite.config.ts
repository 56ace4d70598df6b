import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The panel demo (`picturelock demo`, `npm start`) and its bench page: `picturelock demo`
 * builds them once into a temporary folder and serves that (`vite` in this folder also works
 * for development). JSX compiles with Vite's built-in oxc transform (automatic runtime).
 */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  server: { host: '127.0.0.1', strictPort: false },
  optimizeDeps: { entries: ['index.html', 'bench.html'], include: ['react', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime', 'zustand', 'zustand/vanilla'] },
  base: './',
  build: {
    chunkSizeWarningLimit: 4096,
    outDir: fileURLToPath(new URL('../../../dist/panel-demo', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: { input: { index: fileURLToPath(new URL('index.html', import.meta.url)), bench: fileURLToPath(new URL('bench.html', import.meta.url)) } },
  },
});
