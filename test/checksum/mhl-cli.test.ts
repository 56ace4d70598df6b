import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFixtures, fixturePath, runCli } from '@picturelock/test';

/** `picturelock <args>` in-process: exit code, stdout and stderr. */
const run = runCli;

describeFixtures('picturelock mhl verify on the shared fixtures', () => {
  it('scenario_05 (nested histories) verifies: exit 0 and the counts', async () => {
    const r = await run('mhl', 'verify', fixturePath('mhl/ascmhl/scenarios/scenario_05'));
    expect(r).toEqual({ code: 0, out: 'OK: 5 histories (7 generations); 13 files verified, 0 changed, 0 missing, 0 extra; 294 bytes hashed\n', err: '' });
  });

  it('a legacy EUC-JP hash list verifies', async () => {
    const r = await run('mhl', 'verify', fixturePath('mhl/mhl-tool/aux_files/aux_files_euc-jp_macln_日本人_2012-12-15_180223.mhl'));
    expect(r.out).toBe('OK: 1 legacy MHL file; 2 files verified, 0 changed, 0 missing, 0 extra; 554 bytes hashed\n');
    expect(r.code).toBe(0);
  });
});

describe('picturelock mhl create then verify', () => {
  it('seals a folder, verifies it, then lists a changed and an extra file and exits 1', async () => {
    const t = mkdtempSync(join(tmpdir(), 'picturelock-mhl-cli-'));
    mkdirSync(join(t, 'Clips'));
    writeFileSync(join(t, 'Clips', 'A001.mov'), 'picture');
    writeFileSync(join(t, 'report.txt'), 'report');
    const created = await run('mhl', 'create', t, '--hash', 'xxh64,md5');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^created ascmhl\/0001_picturelock-mhl-cli-\w+_\d{4}-\d\d-\d\d_\d{6}Z\.mhl\n2 new, 0 verified, 0 failed, 0 missing; 13 bytes hashed\n$/);
    const gen = readFileSync(join(t, 'ascmhl', readdirSync(join(t, 'ascmhl')).find((n) => n.endsWith('.mhl'))!), 'utf8');
    expect(gen).toContain('<md5 action="original"');
    expect(gen).toContain('<xxh64 action="original"');

    expect(await run('mhl', 'verify', t)).toMatchObject({ code: 0, out: 'OK: 1 history (1 generations); 2 files verified, 0 changed, 0 missing, 0 extra; 13 bytes hashed\n' });

    writeFileSync(join(t, 'Clips', 'A001.mov'), 'pictures');
    writeFileSync(join(t, 'Clips', 'A002.mov'), 'more');
    const failed = await run('mhl', 'verify', t);
    expect(failed.code).toBe(1);
    expect(failed.out.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0])).toEqual(['changed', 'changed', 'changed', 'extra', 'FAILED:']); // size, md5, xxh64
    expect(failed.out).toContain('Clips/A001.mov is 8 bytes, the MHL recorded 7 bytes');
    expect(failed.out).toContain('Clips/A002.mov is on disk but no generation of ascmhl records it');
  });

  it('bad usage exits 2: an unknown hash format, a folder that is not there', async () => {
    expect((await run('mhl', 'create', tmpdir(), '--hash', 'crc32')).code).toBe(2);
    const missing = await run('mhl', 'verify', join(tmpdir(), 'no-such-folder-for-picturelock'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such folder or .mhl file');
  });
});
