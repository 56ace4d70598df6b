import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeFixtures, fixturePath, runCli } from '@picturelock/test';

const BIN = fileURLToPath(new URL('../../node_modules/.bin/picturelock', import.meta.url));
const JOURNAL = '.picturelock-rename.jsonl';

/** `picturelock <args>` in-process: exit code, stdout and stderr. */
const run = runCli;

function folderWith(names: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'picturelock-naming-'));
  for (const n of names) writeFileSync(join(dir, n), `content of ${n}\n`);
  return dir;
}

/** Name -> content of every visible file: what must survive a rename and its undo. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of readdirSync(dir).sort()) if (!n.startsWith('.')) out[n] = readFileSync(join(dir, n), 'utf8');
  return out;
}

describe('picturelock name expand', () => {
  it('prints the acceptance name', async () => {
    const r = await run('name', 'expand', '{show}_{episode:02}_{version:v03}_{date:YYYYMMDD}', '--set', 'show=ABC', '--set', 'episode=3', '--set', 'version=7', '--set', 'date=2026-11-20');
    expect(r).toEqual({ code: 0, out: 'ABC_03_v007_20261120\n', err: '' });
  });

  it('refuses a bad template with its message (exit 2)', async () => {
    expect(await run('name', 'expand', '{show}{desc}', '--set', 'show=A', '--set', 'desc=B')).toEqual({
      code: 2,
      out: '',
      err: 'picturelock: template: `{show}` and `{desc}` can meet with no separator between them, so a name cannot be split back into the two fields; put a separator such as `_` between them or give one a fixed width\n',
    });
    expect(await run('name', 'expand', '{show|shout}', '--set', 'show=A')).toEqual({
      code: 2,
      out: '',
      err: 'picturelock: template: `{show|shout}`: unknown filter `shout` (known: upper, lower, slug, pad, truncate, replace)\n',
    });
  });

  it('prints the name and exits 1 when it is not legal on the target', async () => {
    expect(await run('name', 'expand', '{show}.{ext}', '--set', 'show=CON', '--set', 'ext=txt', '--os', 'windows')).toEqual({
      code: 1,
      out: 'CON.txt\n',
      err: 'error: `CON.txt`: `CON` is a reserved device name on Windows\n',
    });
  });
});

describeFixtures('picturelock name expand --for (ffprobe)', () => {
  it('fills {res} {fps} {tc} from a 1920x1080 23.976 JPEG 2000 MXF', async () => {
    // media/CATALOG.md: regxmllib/mxf-files/video1.mxf is jpeg2000 1920x1080 r=24000/1001, timecode 00:00:00:00.
    const r = await run('name', 'expand', '{show}_{res}_{fps}_{tc}', '--set', 'show=X', '--for', fixturePath('media/regxmllib/mxf-files/video1.mxf'));
    expect(r).toEqual({ code: 0, out: 'X_HD_23976_00000000\n', err: '' });
  });

  it('says a name claiming 25 fps and UHD is wrong for that file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'picturelock-naming-'));
    const name = 'chefs_table_s01e01_v01_VDM_UHD_25.mxf';
    writeFileSync(join(dir, name), readFileSync(fixturePath('media/regxmllib/mxf-files/video1.mxf')));
    const r = await run('name', 'check', join(dir, name), '--convention', 'platform-master', '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { findings: { code: string; message: string; expected?: string }[] };
    expect(report.findings.map((f) => [f.code, f.message, f.expected])).toEqual([
      ['NAMING_FACT_MISMATCH', '`chefs_table_s01e01_v01_VDM_UHD_25.mxf`: res `UHD` but the media is 1920x1080', 'HD'],
      ['NAMING_FACT_MISMATCH', '`chefs_table_s01e01_v01_VDM_UHD_25.mxf`: fps `25` but the media is 23.976 fps', '23976'],
    ]);
  });
});

describe('picturelock name check', () => {
  it('exits 1 over a folder with one good and one bad name, naming the bad segment', async () => {
    const dir = folderWith(['ABC_03_v007_20261120.mov', 'ABC_EP1_v007_20261120.mov']);
    const r = await run('name', 'check', dir, '--convention', 'house');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `error   NAMING_NAME_MISMATCH ${join(dir, 'ABC_EP1_v007_20261120.mov')}: \`ABC_EP1_v007_20261120\`: segment 2 \`EP1\` does not match \`{episode:02}\``,
    );
    expect(r.out).toContain('ABC_03_v007_20261120.mov   ok      show=ABC episode=3 version=7 date=2026-11-20');
    expect(r.out).toContain('FAIL: 1 error, 0 warnings, 0 info, 0 waived');
  });

  it('reads a convention from a JSON file and warns about a superseded version', async () => {
    const dir = folderWith(['PRJ-v003.mov', 'PRJ-v004.mov']);
    const conventionFile = join(dir, '.convention.json');
    writeFileSync(
      conventionFile,
      JSON.stringify({ schema: 'NamingConvention.1', id: 'prj', title: 'Project', templates: ['{project}-{version:v03}'], fields: { project: { allowed: ['PRJ'] } }, charset: 'A-Za-z0-9._-' }),
    );
    const r = await run('name', 'check', dir, '--convention', conventionFile, '--no-probe', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { findings: { code: string; message: string }[] };
    expect(report.findings.map((f) => [f.code, f.message])).toEqual([['NAMING_VERSION_SUPERSEDED', '`PRJ-v003.mov` is v003 but v004 already exists beside it']]);
  });

  it('refuses an invalid convention file (exit 2)', async () => {
    const dir = folderWith([]);
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ schema: 'NamingConvention.1', id: 'x', title: 'x', templates: ['{a'] }));
    expect(await run('name', 'check', dir, '--convention', file)).toEqual({
      code: 2,
      out: '',
      err: `picturelock: ${file}: templates.0: template \`{a\`: the \`{\` opened at column 1 is never closed\n`,
    });
  });
});

describe('picturelock name bump', () => {
  it('prints one above the highest version beside the file, padding kept', async () => {
    const dir = folderWith(['ABC_03_v003_20261120.mov', 'ABC_03_v004_20261121.mov', 'ABC_03_v009_20261121.wav']);
    expect(await run('name', 'bump', join(dir, 'ABC_03_v003_20261120.mov'))).toEqual({
      code: 0,
      out: 'ABC_03_v005_20261120.mov\n',
      err: 'version 4 already exists beside it, so the next version is 5\n',
    });
  });
});

describe('picturelock name rename', () => {
  it('is a dry run by default and refuses a plan with collisions', async () => {
    const dir = folderWith(['a_01.mov', 'b_01.mov', 'c_02.mov']);
    const before = snapshot(dir);
    const dry = await run('name', 'rename', dir, '--from', '{who}_{ep:02}', '--template', 'SHOW_{ep:03}_{who|upper}');
    expect(dry).toEqual({
      code: 0,
      out: 'rename     a_01.mov -> SHOW_001_A.mov\nrename     b_01.mov -> SHOW_001_B.mov\nrename     c_02.mov -> SHOW_002_C.mov\n3 to rename, 0 unchanged, 0 collisions, 0 refused\ndry run: nothing was renamed; add --apply to rename\n',
      err: '',
    });
    const clash = await run('name', 'rename', dir, '--from', '{who}_{ep:02}', '--template', 'SHOW_{ep:03}', '--apply');
    expect(clash.code).toBe(1);
    expect(clash.out).toContain('COLLISION  a_01.mov -> SHOW_001.mov: `a_01.mov` -> `SHOW_001.mov` collides with `b_01.mov` (renamed to the same name)');
    expect(clash.err).toBe('the plan has 2 problems; nothing was renamed\n');
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(join(dir, JOURNAL))).toBe(false);
  });

  it('an --apply killed halfway is finished by running it again, and --undo restores every name', async () => {
    const originals = Array.from({ length: 40 }, (_, i) => `clip_${String(i + 1).padStart(3, '0')}.mov`);
    const dir = folderWith(originals);
    const before = snapshot(dir);
    const args = ['name', 'rename', dir, '--from', 'clip_{num:03}', '--template', 'ABC_{num:04}_v001', '--apply'];

    // The real CLI in a child process, slowed to 100 ms a rename (test-only variable), killed
    // once the journal records five finished renames: deterministic without timing asserts.
    const child = spawn(BIN, args, { env: { ...process.env, PICTURELOCK_TEST_RENAME_DELAY_MS: '100' }, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const doneLines = () => (existsSync(join(dir, JOURNAL)) ? readFileSync(join(dir, JOURNAL), 'utf8').split('\n').filter((l) => l.includes('"kind":"done"')).length : 0);
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (doneLines() >= 5) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error(`the child exited (${child.exitCode}) before five renames`));
        }
      }, 10);
    });
    await exited;

    const done = doneLines();
    expect(done).toBeGreaterThanOrEqual(5);
    expect(done).toBeLessThan(40);
    const half = readdirSync(dir).filter((n) => !n.startsWith('.'));
    const renamedSoFar = half.filter((n) => n.startsWith('ABC_'));
    expect(renamedSoFar.length).toBeGreaterThanOrEqual(done);
    expect(renamedSoFar.length).toBeLessThan(40);
    // Every file is still there under its old name, its new name, or (killed between link and unlink) both.
    for (let i = 1; i <= 40; i++) {
      const oldName = `clip_${String(i).padStart(3, '0')}.mov`;
      const newName = `ABC_${String(i).padStart(4, '0')}_v001.mov`;
      expect(half.includes(oldName) || half.includes(newName)).toBe(true);
    }

    const dry = await run(...args.slice(0, -1));
    expect(dry.code).toBe(1);
    expect(dry.err).toContain("an unfinished rename (--template 'ABC_{num:04}_v001' --from 'clip_{num:03}') is recorded in");

    const finish = await run(...args);
    expect(finish.code).toBe(0);
    expect(finish.out).toMatch(/^finished the interrupted rename: renamed \d+ names \(\d+ already done\)\n$/);
    const after = snapshot(dir);
    expect(Object.keys(after)).toEqual(originals.map((_, i) => `ABC_${String(i + 1).padStart(4, '0')}_v001.mov`));
    expect(Object.values(after)).toEqual(Object.values(before));

    const undo = await run('name', 'rename', dir, '--undo');
    expect(undo).toEqual({ code: 0, out: 'restored 40 names\n', err: '' });
    expect(snapshot(dir)).toEqual(before);

    // A second undo finds every name already restored and changes nothing.
    expect(await run('name', 'rename', dir, '--undo')).toEqual({ code: 0, out: 'restored 0 names (40 already done)\n', err: '' });
    expect(snapshot(dir)).toEqual(before);
  });

  it('never overwrites a file that appears under a planned name before the run resumes', async () => {
    const dir = folderWith(['clip_001.mov', 'clip_002.mov']);
    expect((await run('name', 'rename', dir, '--from', 'clip_{num:03}', '--template', 'X_{num:02}', '--apply')).code).toBe(0);
    expect((await run('name', 'rename', dir, '--undo')).code).toBe(0);
    writeFileSync(join(dir, 'X_01.mov'), 'someone else\n');
    const r = await run('name', 'rename', dir, '--from', 'clip_{num:03}', '--template', 'X_{num:02}', '--apply');
    expect(r.code).toBe(1);
    expect(r.out).toContain('COLLISION  clip_001.mov -> X_01.mov: `clip_001.mov` -> `X_01.mov` collides with the existing `X_01.mov`, which stays');
    expect(readFileSync(join(dir, 'X_01.mov'), 'utf8')).toBe('someone else\n');
  });
});
