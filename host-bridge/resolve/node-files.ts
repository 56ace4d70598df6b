import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolveFiles } from './adapter.ts';

/**
 * File access for the Resolve adapter where Node is there (the CLI, the Workflow Integration
 * plugin's Electron main process): a private temporary folder for the EDL Resolve exports.
 * Resolve writes the file itself, so the folder must be one Resolve can reach (same machine).
 */
export function nodeResolveFiles(folder?: string): ResolveFiles {
  let dir = folder;
  let n = 0;
  return {
    tempPath: (extension) => {
      dir ??= mkdtempSync(join(tmpdir(), 'picturelock-resolve-'));
      return join(dir, `timeline-${process.pid}-${++n}.${extension}`);
    },
    readText: (path) => Promise.resolve(readFileSync(path, 'utf8')),
    exists: (path) => Promise.resolve(existsSync(path)),
    remove: (path) => Promise.resolve(rmSync(path, { force: true })),
  };
}
