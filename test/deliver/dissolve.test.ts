import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DeliverPlan } from '@picturelock/core';
import { planAt } from './media.ts';
import { runCli } from '@picturelock/test';

/**
 * A dissolve rendered for real: two generated clips (a test pattern and colour bars, each with
 * its own tone), a cut with a 12-frame dissolve on picture and sound, and the same cut as two
 * hard cuts (the outgoing clip held through the dissolve, and the incoming one from the cut).
 * The master's frames, decoded and hashed with ffmpeg's framemd5, equal the hard cuts' outside
 * the dissolve and neither of them inside it.
 */
const run = promisify(execFile);
const RATE = '24000/1001';

let work: string;
let media: string;

async function makeClip(path: string, pattern: string, reel: string, tc: string, tone: number): Promise<void> {
  await run('ffmpeg', [
    '-nostdin', '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `${pattern}=size=128x72:rate=${RATE}`,
    '-f', 'lavfi', '-i', `sine=frequency=${tone}:sample_rate=48000`,
    '-frames:v', '200', '-t', String((200 * 1001) / 24000),
    '-c:v', 'prores_ks', '-profile:v', '0', '-pix_fmt', 'yuv422p10le',
    '-c:a', 'pcm_s24le', '-ac', '1',
    '-timecode', tc, '-metadata:s:v:0', `reel_name=${reel}`,
    '-f', 'mov', path,
  ]);
}

/** Record 01:00:00:00: A from its 01:00:00:00 for 48 frames, then B from 02:00:00:00. */
const HEAD = 'TITLE: MIX v1\nFCM: NON-DROP FRAME\n\n';
const EDLS = {
  dissolve: `${HEAD}001  AAA      AA/V  C        01:00:00:00 01:00:02:00 01:00:00:00 01:00:02:00\n002  AAA      AA/V  C        01:00:02:00 01:00:02:00 01:00:02:00 01:00:02:00\n002  BBB      AA/V  D    012 02:00:00:00 02:00:01:12 01:00:02:00 01:00:03:12\n`,
  holdA: `${HEAD}001  AAA      AA/V  C        01:00:00:00 01:00:02:12 01:00:00:00 01:00:02:12\n002  BBB      AA/V  C        02:00:00:12 02:00:01:12 01:00:02:12 01:00:03:12\n`,
  cutB: `${HEAD}001  AAA      AA/V  C        01:00:00:00 01:00:02:00 01:00:00:00 01:00:02:00\n002  BBB      AA/V  C        02:00:00:00 02:00:01:12 01:00:02:00 01:00:03:12\n`,
};

/** Plans and runs the cut with a ProRes master; returns the master's path and the plan. */
async function rendered(name: keyof typeof EDLS): Promise<{ master: string; stem: string; plan: DeliverPlan; out: string }> {
  const edl = join(work, `${name}.edl`);
  writeFileSync(edl, EDLS[name]);
  const out = join(work, name);
  const p = await runCli('deliver', 'plan', edl, '--profile', 'youtube.upload.sdr', '--with', 'prores-422hq', '--media', media, '--out', out);
  expect(p.code).toBe(0);
  const r = await runCli('deliver', 'run', out, '--jobs', '3');
  expect(r.out).toContain('OK: 4 verified, 0 failed');
  const plan = planAt(out);
  const job = (id: string) => plan.jobs.find((j) => j.id === id)!;
  const pkg = join(out, plan.packageFolder);
  return { master: join(pkg, job('04-prores-422hq').output.folder, job('04-prores-422hq').output.name), stem: join(pkg, job('02-stems-a1').output.folder, job('02-stems-a1').output.name), plan, out };
}

/** The md5 of every decoded frame, in order. */
async function frameMd5s(path: string): Promise<string[]> {
  const { stdout } = await run('ffmpeg', ['-nostdin', '-v', 'error', '-i', path, '-map', '0:v:0', '-f', 'framemd5', '-']);
  return stdout.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',').pop()!.trim());
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'pl-dissolve-'));
  media = join(work, 'media');
  await run('mkdir', ['-p', media]);
  // 24 frames of head before each source in, 200 frames in all.
  await makeClip(join(media, 'AAA.mov'), 'testsrc2', 'AAA', '00:59:59:00', 440);
  await makeClip(join(media, 'BBB.mov'), 'smptebars', 'BBB', '01:59:59:00', 1000);
}, 60_000);

describe('deliver: a dissolve rendered with xfade and acrossfade', () => {
  it('plans the dissolve with the frames each side reads', async () => {
    const edl = join(work, 'plan-only.edl');
    writeFileSync(edl, EDLS.dissolve);
    const out = join(work, 'plan-only');
    expect((await runCli('deliver', 'plan', edl, '--profile', 'youtube.upload.sdr', '--media', media, '--out', out)).code).toBe(0);
    const job = planAt(out).jobs[0]!;
    expect(job.blockers).toEqual([]);
    expect(job.segments.video.map((s) => (s.kind === 'dissolve' ? [s.kind, s.frames, s.recordIn, s.from.kind === 'media' ? s.from.trim : s.from.kind, s.to.kind === 'media' ? s.to.trim : s.to.kind] : s.kind === 'media' ? [s.clip, s.frames, s.trim] : [s.kind]))).toEqual([
      // A: file frame 24 is 01:00:00:00; the dissolve reads its 12 frames of tail handle past 01:00:02:00 (file frame 72).
      ['AAA', 48, { start: 24, end: 72 }],
      ['dissolve', 12, '01:00:02:00', { start: 72, end: 84 }, { start: 24, end: 36 }],
      ['BBB', 24, { start: 36, end: 60 }],
    ]);
  }, 60_000);

  it('renders the exact frame count, the hard cuts outside the dissolve and a mix of both inside it', async () => {
    const [mix, holdA, cutB] = await Promise.all([rendered('dissolve'), rendered('holdA'), rendered('cutB')]);
    const [m, a, b] = await Promise.all([frameMd5s(mix.master), frameMd5s(holdA.master), frameMd5s(cutB.master)]);
    expect([m.length, a.length, b.length]).toEqual([84, 84, 84]);
    // Before the dissolve (record 0..47) all three show A; after it (60..83) the mix shows B.
    expect(m.slice(0, 48)).toEqual(a.slice(0, 48));
    expect(m.slice(0, 48)).toEqual(b.slice(0, 48));
    expect(m.slice(60)).toEqual(b.slice(60));
    // Inside it, frames 49..58 are neither A's tail handle nor B's head.
    for (let f = 49; f <= 58; f++) {
      expect([f, m[f] === a[f], m[f] === b[f]]).toEqual([f, false, false]);
    }
    // The sound: 84 frames of 2002 samples, cross-faded; the stem verified against its plan.
    const probe = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=duration_ts', '-of', 'csv=p=0', mix.stem]);
    expect(Number(probe.stdout.trim())).toBe(84 * 2002);
    expect(mix.plan.jobs.map((j) => [j.id, j.state])).toEqual([
      ['01-web-h264', 'verified'],
      ['02-stems-a1', 'verified'],
      ['03-stems-a2', 'verified'],
      ['04-prores-422hq', 'verified'],
    ]);
    expect((await runCli('deliver', 'verify', mix.out)).code).toBe(0);
  }, 120_000);

  it('fails the job, naming the side and the frames, when the media lacks the tail handle', async () => {
    // A dissolve of 200 frames after the cut needs A's frames 72 to 272; the file holds 200.
    const edl = join(work, 'short.edl');
    writeFileSync(edl, `${HEAD}001  AAA      V     C        01:00:00:00 01:00:02:00 01:00:00:00 01:00:02:00\n002  AAA      V     C        01:00:02:00 01:00:02:00 01:00:02:00 01:00:02:00\n002  BBB      V     D    150 02:00:00:00 02:00:06:06 01:00:02:00 01:00:08:06\n`);
    const out = join(work, 'short');
    expect((await runCli('deliver', 'plan', edl, '--profile', 'youtube.upload.sdr', '--media', media, '--out', out)).code).toBe(0);
    const r = await runCli('deliver', 'run', out);
    expect(r.code).toBe(1);
    expect(planAt(out).jobs[0]!.reason).toBe(
      'cannot be rendered by ffmpeg honestly: 150-frame dissolve on V1 at 01:00:02:00: the outgoing side event 001 (AAA) reads source frames 72 to 222 (01:00:02:00 to 01:00:08:06) of ' +
        `${join(media, 'AAA.mov')}, which holds 200 frames (00:59:59:00 to 01:00:07:08): 22 frames of tail handle missing for the dissolve`,
    );
  }, 60_000);
});
