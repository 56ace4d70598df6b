// Package boundaries are lint errors, so the build fails when an arrow points the wrong way:
// time <- timeline <- formats/checks (core) <- host-bridge <- extensions, cli.
import tseslint from 'typescript-eslint';

const otherPackages = ['@picturelock/host-bridge', '@picturelock/cli', '@picturelock/panel', '@picturelock/premiere', '@picturelock/resolve', '@picturelock/test'];
// One deliberate subpath: the browser-safe half of host-bridge, for the panel bundles.
const deepImports = { group: ['@picturelock/*/*', '!@picturelock/host-bridge/browser'], message: 'Import a package only through its public entry (its index.ts).' };
// A relative path that climbs out of its package into another one (`../../core/time/rate.ts`).
const crossPackageRelative = {
  regex: '^(\\.\\./)+(core|host-bridge|cli|extensions|test)/',
  message: 'Reach another package through its name (@picturelock/...), never by a relative path.',
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/*.tmp.ts', 'dist/**', '**/dist/**', 'extensions/premiere/jsx/**', 'test-output/**', '**/*.js', '!eslint.config.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/test/**', 'core/**/*.test.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*'], message: 'core is pure: node:* belongs in host-bridge.' },
          { group: ['fs', 'path', 'os', 'child_process', 'crypto', 'stream', 'url'], message: 'core is pure: Node built-ins belong in host-bridge.' },
          { group: ['react', 'react-dom', 'zustand', 'playwright-core', 'commander'], message: 'core imports no UI, CLI or browser library.' },
          { group: ['@picturelock/*'], message: 'core imports nothing from another package.' },
        ],
      }],
      'no-restricted-globals': ['error',
        ...['window', 'document', 'navigator', 'localStorage', 'fetch', 'process', 'Buffer', 'require', 'app', 'qe', '$', 'CSInterface', '__dirname'].map((name) => ({ name, message: `core touches no host, DOM or Node global (${name}).` })),
      ],
    },
  },
  {
    files: ['host-bridge/**/*.ts', 'cli/**/*.ts', 'extensions/**/*.ts', 'extensions/**/*.tsx', 'test/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [deepImports, crossPackageRelative] }],
    },
  },
  {
    files: ['host-bridge/**/*.ts'],
    ignores: ['host-bridge/**/*.test.ts', 'host-bridge/test/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [deepImports, crossPackageRelative,
          { group: otherPackages.filter((p) => p !== '@picturelock/host-bridge'), message: 'host-bridge imports only core.' }],
      }],
    },
  },
);
