import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// One config for the test runner (and, later, the panel's build). Workspace packages are
// consumed from their TypeScript sources through their `exports` entries: no build step.
export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'host-bridge/**/*.test.ts', 'cli/**/*.test.ts', 'extensions/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    reporters: ['default', fileURLToPath(new URL('./test/summary-reporter.ts', import.meta.url))],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
