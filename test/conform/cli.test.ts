import { runCli } from '@picturelock/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const example = (name: string) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'picturelock-conform-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `picturelock <args>` in-process: exit code, stdout and stderr. */
const run = runCli;

/** The finding lines of a text report: severity, code and event. */
const lines = (out: string) =>
  out
    .split('\n')
    .map((l) => /^(error|warning|info)\s+(\S+)\s.*?(?:event (\d{3}))?/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]} ${m[2]}${/event (\d{3})/.exec(m.input)?.[1] ? ` ${/event (\d{3})/.exec(m.input)![1]}` : ''}`);

describe('picturelock check / conform / diff on the bundled example', () => {
  it('check examples/scene-v1.edl reports the flash frame at 008 and exits 0 (warnings only)', async () => {
    const r = await run('check', example('scene-v1.edl'));
    expect(r.code).toBe(0);
    expect(lines(r.out)).toEqual(['warning CHECK_FLASH_FRAME 008', 'info CHECK_OVERLAP 005', 'info CHECK_TRANSITION 010', 'info CHECK_SPEED_CHANGE 011', 'info RATE_INFERRED', 'info EDL_EVENT_STACKED 005']);
    expect(r.out).toContain('event 008 is 1 frame long, shorter than 3');
  });

  it('check --flash-frames 1 lets the 1-frame event pass', async () => {
    const r = await run('check', example('scene-v1.edl'), '--flash-frames', '1', '--rate', '23.976');
    expect(lines(r.out).filter((l) => !l.startsWith('info'))).toEqual([]);
  });

  it('conform --media media.csv --handles 8 reports 007 ambiguous, 013 missing, 012 and 014 short tails (8 and 5 frames) and exits 1', async () => {
    const html = join(dir, 'conform.html');
    const pulls = join(dir, 'pulls.csv');
    const r = await run('conform', example('scene-v1.edl'), '--media', example('media.csv'), '--handles', '8', '--report', html, '--pull-list', pulls);
    expect(r.code).toBe(1);
    expect(lines(r.out)).toEqual(['error CONFORM_MATCH_AMBIGUOUS 007', 'error CONFORM_HANDLES_SHORT 012', 'error CONFORM_MEDIA_MISSING 013', 'error CONFORM_HANDLES_SHORT 014', 'info EDL_EVENT_STACKED 005', 'info CONFORM_LIST_RATE_FROM_MEDIA']);
    expect(r.out).toContain('event 012: tail handle 0 frames, 8 short of the 8 asked for');
    expect(r.out).toContain('event 014: tail handle 3 frames, 5 short of the 8 asked for');
    expect(r.out).toContain('FAIL: 4 errors, 0 warnings, 2 info, 0 waived');
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(page).toMatch(/<rect class="finding" data-code="CONFORM_HANDLES_SHORT"[^>]*fill="#b3261e"/);
    expect(page).toContain('<h2>Events and their media</h2>');
    expect(page).toContain('<script>');
    const pull = readFileSync(pulls, 'utf8').split('\r\n');
    expect(pull[0]).toBe('event,track,shot,role,reel,clip,media,path,source in,source out,frames,handles,record in,record out');
    expect(pull[1]).toBe('001,V1,42A-1,event,A001C003,42A-1,A001C003_250314_R1AB.mov,/Volumes/THE_LOCK_RAID/OCF/DAY01/A001/A001C003_250314_R1AB.mov,14:21:07:04,14:21:11:20,112,8,01:00:00:00,01:00:04:00');
  });

  it('conform --json prints the foundation report with the event table', async () => {
    const r = await run('conform', example('scene-v1.edl'), '--media', example('media.ale'), '--handles', '8', '--json');
    const report = JSON.parse(r.out) as { schema: string; summary: { error: number }; sections: { title: string; rows?: string[][] }[] };
    expect(report.schema).toBe('picturelock.report/1');
    expect(report.summary.error).toBe(4);
    const table = report.sections.find((s) => s.title === 'Events and their media')!;
    expect(table.rows!.find((row) => row[0] === '014')!.slice(-2)).toEqual(['652', '3']);
  });

  it('conform --relink-out writes an EDL that names the camera originals and leaves 007 and 013 offline', async () => {
    const out = join(dir, 'relinked.edl');
    const r = await run('conform', example('scene-v1.edl'), '--media', example('media.csv'), '--relink-out', out);
    expect(r.err).toBe(`wrote ${out}: 12 events relinked, 2 left offline (007, 013)\n`);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('* SOURCE FILE: A001C003_250314_R1AB.mov');
    expect(text).not.toContain('C001C001_');
  });

  it('diff v1 v2 prints the changes and writes a change EDL that inspect reads back', async () => {
    const edl = join(dir, 'changes.edl');
    const r = await run('diff', example('scene-v1.edl'), example('scene-v2.edl'), '--change-edl', edl);
    expect(r.code).toBe(0);
    const changes = lines(r.out).filter((l) => l.startsWith('info DIFF_') && !l.includes('SHIFTED'));
    expect(changes).toEqual([
      'info DIFF_TRIM_TAIL 001',
      'info DIFF_TRIM_TAIL 002',
      'info DIFF_TRIM_TAIL 003',
      'info DIFF_VFX_VERSION 005',
      'info DIFF_EVENT_ADDED 006',
      'info DIFF_TRIM_HEAD 007',
      'info DIFF_EVENT_MOVED 009',
      'info DIFF_EVENT_DELETED 013',
      'info DIFF_EVENT_REPLACED 014',
    ]);
    expect(r.out).toContain('shot SH010_COMP changed version, SH010_comp_v011 -> SH010_comp_v012');
    const back = await run('inspect', edl, '--json');
    expect(back.code).toBe(0);
    const tl = (JSON.parse(back.out) as { timelines: { tracks: { name: string; events: { event: string | number; clip: string; recordIn: string }[] }[] }[] }).timelines[0]!;
    expect(tl.tracks.map((t) => [t.name, t.events.map((e) => `${e.event} ${e.clip}`)])).toEqual([
      ['V1', ['001 42A-1', '006 42E-3', '007 42A-3', '009 42F-2', '014 42A-2']],
      ['V2', ['005 SH010_comp_v012']],
      ['A1', ['002 42A-1']],
      ['A2', ['003 MX_THE_LOCK_TEMP_v2.wav']],
    ]);
  });

  it('bad usage exits 2 with the reason', async () => {
    expect(await run('conform', example('scene-v1.edl'), '--media', example('media.csv'), '--match', 'reel,size')).toEqual({ code: 2, out: '', err: 'picturelock: --match: "size" is not a match rule; use path, file, reel, clip, timecode\n' });
  });
});
