import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { planAt } from './media.ts';
import { runCli } from '@picturelock/test';
import { makeExampleMedia } from '../../examples/make-media.ts';

/**
 * The acceptance sequence of examples/README.md ("Delivering the example"), on the stand-in
 * media `npm run example-media` writes: plan, run, verify and MHL-verify a package of the
 * scene, first over a range that avoids the two shots the example was built to lack, then the
 * whole cut, whose picture job fails naming them.
 */
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const EDL = join(EXAMPLES, 'scene-v1.edl');

let work: string;
let media: string;

function plan(out: string, ...more: string[]) {
  return runCli('deliver', 'plan', EDL, '--rate', '23.976', '--profile', 'youtube.upload.sdr', '--media', media, '--out', out, ...more);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'pl-example-'));
  media = join(work, 'media');
  await makeExampleMedia(media);
}, 120_000);

describe('the example delivered on stand-in media', () => {
  it('writes one file a row of media.csv', async () => {
    const again: string[] = [];
    const paths = await makeExampleMedia(media, { onFile: (p, kept) => kept && again.push(p) });
    expect(paths.map((p) => p.slice(media.length + 1))).toEqual([
      'A001C003_250314_R1AB.mov', 'A001C004_250314_R1AB.mov', 'A001C005_250314_R1AB.mov', 'A001C006_250314_R1AB.mov',
      'A002C002_250316_R3FD.mov', 'A002C004_250316_R3FD.mov', 'A002C008_250316_R3FD.mov',
      'B002C001_250315_R2C1.mov', 'B002C004_250315_R2C1.mov', 'B002C004_250317_R2C1.mov', 'B003C002_250316_R4K2.mov', 'B003C005_250316_R4K2.mov',
      'MX_THE_LOCK_TEMP_v2.wav', 'SH010_comp_v011.mov', 'SR004_42A-1.wav', 'SR004_42A-3.wav',
    ]);
    // A second run keeps what is there.
    expect(again).toHaveLength(16);
  }, 60_000);

  it('plans, renders, verifies and seals 01:00:11:18-01:00:23:07: the dissolve, the 50 % shot and the music', async () => {
    const out = join(work, 'pkg-out');
    const p = await plan(out, '--range', '01:00:11:18-01:00:23:07');
    expect([p.code, p.out.split('\n').filter((l) => /^(error|warning) /.test(l))]).toEqual([0, []]);
    const planned = planAt(out);
    const picture = planned.jobs[0]!.segments.video.map((s) => (s.kind === 'dissolve' ? `dissolve ${s.frames}: ${s.from.kind === 'media' ? `${s.from.clip} ${s.from.trim.start}-${s.from.trim.end}` : s.from.kind} x ${s.to.kind === 'media' ? `${s.to.clip} ${s.to.trim.start}-${s.to.trim.end}` : s.to.kind}` : s.kind === 'media' ? `${s.clip} ${s.frames}: ${s.trim.start}-${s.trim.end}${s.speed.num !== s.speed.den ? ` at ${s.speed.num}/${s.speed.den}` : ''}` : s.kind));
    // Frames from each file's first frame (README: handles); the dissolve reads 24 frames of A002C002's tail handle.
    expect(picture).toEqual([
      '42A-4 1: 207-208',
      '42D-1 66: 104-170',
      'dissolve 24: 42D-1 170-194 x 42D-3 188-212',
      '42D-3 66: 212-278',
      '42E-1 48: 336-360 at 1/2',
      '42F-2 72: 300-372',
    ]);
    const r = await runCli('deliver', 'run', out);
    expect(r.out).toMatch(/^OK: 3 verified, 0 failed \(3 run, 0 already verified\); sealed in ascmhl\/0001_THE-LOCK-SC42-v1_/m);
    expect(r.code).toBe(0);
    const v = await runCli('deliver', 'verify', out);
    expect(v.out.split('\n').filter((l) => /^(ok|FAIL|OK|FAILED)/.test(l))).toEqual([
      'ok       web/THE-LOCK-SC42-v1_WEB-H264_320x180_23976.mp4',
      'ok       stems/THE-LOCK-SC42-v1_STEM-A1_AUDIO_23976.wav',
      'ok       stems/THE-LOCK-SC42-v1_STEM-A2_AUDIO_23976.wav',
      'OK: 3 of 3 deliverables pass; MHL verified',
    ]);
    expect(v.code).toBe(0);
    const m = await runCli('mhl', 'verify', out);
    expect(m.out).toMatch(/^OK: 1 history \(1 generations\); 8 files verified, 0 changed, 0 missing, 0 extra/);
    expect(m.code).toBe(0);
    const done = planAt(out);
    expect(done.jobs.map((j) => [j.id, j.state, j.result?.durationFrames])).toEqual([
      ['01-web-h264', 'verified', 277],
      ['02-stems-a1', 'verified', 277 * 2002],
      ['03-stems-a2', 'verified', 277 * 2002],
    ]);
  }, 60_000);

  it('relinks the production sound by its BWF time reference over 01:00:00:00-01:00:09:12', async () => {
    const out = join(work, 'head');
    expect((await plan(out, '--range', '01:00:00:00-01:00:09:12')).code).toBe(0);
    const planned = planAt(out);
    const a1 = planned.jobs.find((j) => j.id === '02-stems-a1')!;
    // 42A-1 from source 14:21:07:12: 228 frames into SR004_42A-1.wav (14:20:58:00), then silence.
    expect(a1.segments.audio[0]!.map((s) => (s.kind === 'media' ? [planned.sources[s.source]!.path.split('/').pop(), planned.sources[s.source]!.startTimecode, s.trim.start, s.frames] : [s.kind, s.frames]))).toEqual([
      ['SR004_42A-1.wav', '14:20:58:00', 228, 96],
      ['silence', 132],
    ]);
    expect((await runCli('deliver', 'run', out)).code).toBe(0);
    expect((await runCli('deliver', 'verify', out)).code).toBe(0);
  }, 60_000);

  it('fails the picture of the whole cut naming the ambiguous and the missing shot; the stems are delivered', async () => {
    const out = join(work, 'whole');
    const p = await plan(out);
    expect(p.code).toBe(1);
    expect(p.out.split('\n').filter((l) => /^(error|warning) /.test(l)).map((l) => l.replace(/ +/, ' '))).toEqual([
      'error event 013 (42G-1, reel C001C001): no media matches by reel, clip name, source timecode  [CONFORM_MEDIA_MISSING]',
      'error event 007 (42C-2) matches 2 media files (B002C004_250315_R2C1.mov, B002C004_250317_R2C1.mov); 2 share reel B002C004; clip name "42C-2" matches none of them; both contain source 15:42:31:04-15:42:33:10: no rule can choose between B002C004_250315_R2C1.mov and B002C004_250317_R2C1.mov  [CONFORM_MATCH_AMBIGUOUS]',
      'warning event 007 (42C-2) at 01:00:09:12 has no media; the 1 job that needs it will fail when run  [DELIVER_SOURCE_MISSING]',
      'warning event 013 (42G-1) at 01:00:23:07 has no media; the 1 job that needs it will fail when run  [DELIVER_SOURCE_MISSING]',
    ]);
    const r = await runCli('deliver', 'run', out);
    expect(r.code).toBe(1);
    expect(planAt(out).jobs.map((j) => [j.id, j.state, j.reason])).toEqual([
      ['01-web-h264', 'failed', 'cannot be rendered by ffmpeg honestly: event 007 (42C-2) at 01:00:09:12 has no media (reel B002C004); event 013 (42G-1) at 01:00:23:07 has no media (reel C001C001)'],
      ['02-stems-a1', 'verified', undefined],
      ['03-stems-a2', 'verified', undefined],
    ]);
    const v = await runCli('deliver', 'verify', out);
    expect(v.code).toBe(1);
    expect(v.out).toContain('FAILED: 2 of 3 deliverables pass; MHL verified');
  }, 60_000);
});
