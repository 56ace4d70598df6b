import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe } from 'vitest';

/** `../shared/fixtures` beside the checkout: real files other people wrote. Read-only. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));
export const HAVE_FIXTURES = existsSync(FIXTURES_DIR);

/** A path inside the shared fixtures (`interchange/otio-cmx3600/gap_test.edl`). */
export function fixturePath(relative: string): string {
  return join(FIXTURES_DIR, relative);
}

export function readFixtureText(relative: string): string {
  return readFileSync(fixturePath(relative), 'utf8');
}

export function readFixtureBytes(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(relative)));
}

let told = false;

/** `describe` over the shared fixtures; without them the block is skipped with one line that says why. */
export function describeFixtures(name: string, body: () => void): void {
  if (!HAVE_FIXTURES && !told) {
    told = true;
    process.stdout.write(`skipping shared-fixture tests: ${FIXTURES_DIR} is absent (it sits beside the checkout in CI)\n`);
  }
  describe.skipIf(!HAVE_FIXTURES)(name, body);
}

/** The Resolve Python bridge as the extension ships it, for tests that run it under python3. */
export const RESOLVE_BRIDGE_SCRIPT = fileURLToPath(new URL('../../extensions/resolve/bridge/picturelock_bridge.py', import.meta.url));
