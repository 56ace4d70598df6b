import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, openSync, readSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DeliverPlan, type DeliverReportJson } from '@picturelock/core';
import { runCli } from '@picturelock/test';
import { generateExampleMedia, planAt } from './media.ts';

/**
 * End to end on media generated here: three clips of the example project (cut short, 256x144
 * so DNxHR accepts them), a four-event cut of them, then plan -> run -> verify -> mhl verify,
 * an interrupted run resumed, a corrupted byte, and a rule the render cannot meet.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'node_modules/.bin/picturelock');

const EDL = `TITLE: DELIVER TEST v2
FCM: NON-DROP FRAME

001  A001C003 V     C        14:21:03:04 14:21:04:04 01:00:00:00 01:00:01:00
* FROM CLIP NAME:  A001C003_250314_R1AB

002  SH010    V     C        15:02:14:00 15:02:14:12 01:00:01:00 01:00:01:12
* FROM CLIP NAME:  SH010_comp_v011

003  A001C003 A     C        14:21:03:04 14:21:04:12 01:00:00:00 01:00:01:12
* FROM CLIP NAME:  A001C003_250314_R1AB

004  MX001    A2    C        00:00:01:00 00:00:02:12 01:00:00:00 01:00:01:12
* FROM CLIP NAME:  MX_THE_LOCK_TEMP_v2.wav
`;

let work: string;
let media: string;
let edl: string;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out.sort();
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'pl-deliver-'));
  media = join(work, 'media');
  await generateExampleMedia(media, ['A001C003_250314_R1AB', 'SH010_comp_v011', 'MX_THE_LOCK_TEMP_v2'], { width: 256, height: 144, maxFrames: 96 });
  edl = join(work, 'cut.edl');
  writeFileSync(edl, EDL);
}, 120_000);

describe('deliver: plan, run, verify and seal a package', () => {
  let out: string;
  let pkg: string;

  it('plans the profile deliverable, the extras and one stem a track', async () => {
    out = join(work, 'pkg');
    const r = await runCli('deliver', 'plan', edl, '--profile', 'youtube.upload.sdr', '--out', out, '--media', media, '--with', 'prores-422hq,dnxhr-hqx');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const plan = planAt(out);
    pkg = join(out, plan.packageFolder);
    expect(plan.jobs.map((j) => [j.id, `${j.output.folder}/${j.output.name}`, j.range, j.blockers])).toEqual([
      ['01-web-h264', 'web/DELIVER-TEST-v2_WEB-H264_256x144_23976.mp4', { start: 0, end: 36 }, []],
      ['02-stems-a1', 'stems/DELIVER-TEST-v2_STEM-A1_AUDIO_23976.wav', { start: 0, end: 36 }, []],
      ['03-stems-a2', 'stems/DELIVER-TEST-v2_STEM-A2_AUDIO_23976.wav', { start: 0, end: 36 }, []],
      ['04-prores-422hq', 'masters/DELIVER-TEST-v2_MASTER-PRORES422HQ_256x144_23976.mov', { start: 0, end: 36 }, []],
      ['05-dnxhr-hqx', 'masters/DELIVER-TEST-v2_MASTER-DNXHRHQX_256x144_23976.mov', { start: 0, end: 36 }, []],
    ]);
    // The picture: 24 frames of A001C003 from its 5th frame (14:21:03:04), 12 of the comp from its 3rd (15:02:14:00).
    expect(plan.jobs[3]!.segments.video.map((s) => (s.kind === 'media' ? [s.clip, s.trim.start, s.trim.end, s.frames] : [s.kind, s.frames]))).toEqual([
      ['A001C003_250314_R1AB', 4, 28, 24],
      ['SH010_comp_v011', 2, 14, 12],
    ]);
    // Planning again gives the same bytes.
    const before = readFileSync(join(out, 'deliver-plan.json'), 'utf8');
    const again = await runCli('deliver', 'plan', edl, '--profile', 'youtube.upload.sdr', '--out', out, '--media', media, '--with', 'prores-422hq,dnxhr-hqx');
    expect(again.out).toContain('re-planned: 0 stale (none), 0 added, 0 removed');
    expect(readFileSync(join(out, 'deliver-plan.json'), 'utf8')).toBe(before);
  }, 60_000);

  it('runs, checks every output and seals the package', async () => {
    const r = await runCli('deliver', 'run', join(out, 'deliver-plan.json'), '--jobs', '3');
    expect(r.out).toContain('OK: 5 verified, 0 failed (5 run, 0 already verified); sealed in ascmhl/0001_DELIVER-TEST-v2_');
    expect(r.code).toBe(0);
    const plan = planAt(out);
    expect(plan.jobs.map((j) => [j.id, j.state, j.attempts, j.result?.durationFrames])).toEqual([
      ['01-web-h264', 'verified', 1, 36],
      ['02-stems-a1', 'verified', 1, 36 * 2002],
      ['03-stems-a2', 'verified', 1, 36 * 2002],
      ['04-prores-422hq', 'verified', 1, 36],
      ['05-dnxhr-hqx', 'verified', 1, 36],
    ]);
    expect(plan.jobs[3]!.result!.checks.map((c) => `${c.rule} ${c.actual} ${c.outcome}`)).toEqual([
      'Is the container mov? mov pass',
      'Is the programme at least 36 frames? 36 frames at 24000/1001 (23.976) (1.502 s) pass',
      'Is the programme at most 36 frames? 36 frames at 24000/1001 (23.976) (1.502 s) pass',
      'Is the video codec prores 422hq (apch)? prores HQ (apch) pass',
      'Is the raster 256x144? 256x144 pass',
      'Is the frame rate 24000/1001 (23.976)? 24000/1001 (23.976) pass',
      'Is the frame rate constant? constant pass',
      'Is the video 10-bit? 10-bit pass',
      'Is the chroma subsampling 4:2:2? 4:2:2 (yuv422p10le) pass',
      'Are the colour primaries tagged bt709? bt709 pass',
      'Is the transfer tagged bt709? bt709 pass',
      'Is the matrix tagged bt709? bt709 pass',
      'Is the range limited? limited pass',
      'Is every audio stream pcm? pcm_s24le pass',
      'Is every audio stream at 48000 Hz? 48000 Hz pass',
      'Is every audio stream 24-bit? 24-bit pass',
      'Is the total channel count 2? 2 (2 stereo) pass',
      'Does the programme start at 01:00:00:00? 01:00:00:00 pass',
    ]);
    const files = filesUnder(pkg).map((p) => p.slice(pkg.length + 1));
    expect(files.filter((f) => !f.startsWith('ascmhl/'))).toEqual([
      'lists/DELIVER-TEST-v2.edl',
      'lists/DELIVER-TEST-v2.otio',
      'lists/DELIVER-TEST-v2.xml',
      'masters/DELIVER-TEST-v2_MASTER-DNXHRHQX_256x144_23976.mov',
      'masters/DELIVER-TEST-v2_MASTER-PRORES422HQ_256x144_23976.mov',
      'reports/DELIVER-TEST-v2_delivery-report_0001.html',
      'reports/DELIVER-TEST-v2_delivery-report_0001.json',
      'stems/DELIVER-TEST-v2_STEM-A1_AUDIO_23976.wav',
      'stems/DELIVER-TEST-v2_STEM-A2_AUDIO_23976.wav',
      'web/DELIVER-TEST-v2_WEB-H264_256x144_23976.mp4',
    ]);
    const report = JSON.parse(readFileSync(join(pkg, 'reports/DELIVER-TEST-v2_delivery-report_0001.json'), 'utf8')) as DeliverReportJson;
    expect(report.summary).toEqual({ deliverables: 5, verified: 5, failed: 0, notDone: 0 });
    expect(report.timeline).toMatchObject({ name: 'DELIVER TEST v2', rate: '23.976', startTimecode: '01:00:00:00', durationFrames: 36 });
    expect(report.deliverables.map((d) => [d.path, d.duration, d.sizeBytes === statSync(join(pkg, d.path)).size, d.checksum?.algorithm])).toEqual([
      ['web/DELIVER-TEST-v2_WEB-H264_256x144_23976.mp4', '00:00:01:12', true, 'xxh64'],
      ['stems/DELIVER-TEST-v2_STEM-A1_AUDIO_23976.wav', '1.502 s', true, 'xxh64'],
      ['stems/DELIVER-TEST-v2_STEM-A2_AUDIO_23976.wav', '1.502 s', true, 'xxh64'],
      ['masters/DELIVER-TEST-v2_MASTER-PRORES422HQ_256x144_23976.mov', '00:00:01:12', true, 'xxh64'],
      ['masters/DELIVER-TEST-v2_MASTER-DNXHRHQX_256x144_23976.mov', '00:00:01:12', true, 'xxh64'],
    ]);
    expect(report.sources.map((s) => s.path.split('/').pop())).toEqual(['A001C003_250314_R1AB.mov', 'SH010_comp_v011.mov', 'MX_THE_LOCK_TEMP_v2.wav']);
    const html = readFileSync(join(pkg, 'reports/DELIVER-TEST-v2_delivery-report_0001.html'), 'utf8');
    // Self-contained: no script, no external stylesheet, image or link.
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(/<script|<link|src=|href="http/i.test(html)).toBe(false);
    expect(html).toContain('masters/DELIVER-TEST-v2_MASTER-PRORES422HQ_256x144_23976.mov');
    expect(html).toContain('<span class="pill verdict pass">PASS</span>');
  }, 120_000);

  it('verifies the package, and the MHL on its own', async () => {
    const v = await runCli('deliver', 'verify', join(out, 'deliver-plan.json'));
    expect(v.out.split('\n').filter((l) => /^(ok|FAIL) /.test(l))).toEqual([
      'ok       web/DELIVER-TEST-v2_WEB-H264_256x144_23976.mp4',
      'ok       stems/DELIVER-TEST-v2_STEM-A1_AUDIO_23976.wav',
      'ok       stems/DELIVER-TEST-v2_STEM-A2_AUDIO_23976.wav',
      'ok       masters/DELIVER-TEST-v2_MASTER-PRORES422HQ_256x144_23976.mov',
      'ok       masters/DELIVER-TEST-v2_MASTER-DNXHRHQX_256x144_23976.mov',
    ]);
    expect(v.code).toBe(0);
    const m = await runCli('mhl', 'verify', pkg);
    expect(m.out).toContain('OK: 1 history (1 generations); 10 files verified, 0 changed, 0 missing, 0 extra');
    expect(m.code).toBe(0);
  }, 60_000);

  it('fails verify on a corrupted byte, for that file only', async () => {
    const target = join(pkg, 'masters/DELIVER-TEST-v2_MASTER-PRORES422HQ_256x144_23976.mov');
    const fd = openSync(target, 'r+');
    const at = Math.floor(statSync(target).size / 2);
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, at);
    writeSync(fd, Buffer.from([b[0]! ^ 0xff]), 0, 1, at);
    closeSync(fd);
    const v = await runCli('deliver', 'verify', join(out, 'deliver-plan.json'));
    expect(v.code).toBe(1);
    const lines = v.out.split('\n');
    expect(lines.filter((l) => /^(ok|FAIL) /.test(l))).toEqual([
      'ok       web/DELIVER-TEST-v2_WEB-H264_256x144_23976.mp4',
      'ok       stems/DELIVER-TEST-v2_STEM-A1_AUDIO_23976.wav',
      'ok       stems/DELIVER-TEST-v2_STEM-A2_AUDIO_23976.wav',
      'FAIL     masters/DELIVER-TEST-v2_MASTER-PRORES422HQ_256x144_23976.mov',
      'ok       masters/DELIVER-TEST-v2_MASTER-DNXHRHQX_256x144_23976.mov',
    ]);
    expect(v.out).toMatch(/xxh64 [0-9a-f]{16} differs from [0-9a-f]{16} recorded when it was verified/);
    expect(lines.filter((l) => l.includes('[MHL_FILE_CHANGED]'))).toHaveLength(1);
    expect(lines.find((l) => l.includes('[MHL_FILE_CHANGED]'))).toContain('masters/DELIVER-TEST-v2_MASTER-PRORES422HQ_256x144_23976.mov');
  }, 60_000);
});

describe('deliver: an interrupted run resumes', () => {
  it('re-does only the unfinished jobs after the run is killed', async () => {
    const out = join(work, 'killed');
    const p = await runCli('deliver', 'plan', edl, '--profile', 'youtube.upload.sdr', '--out', out, '--media', media, '--with', 'prores-422hq,dnxhr-hqx,mezzanine');
    expect(p.code).toBe(0);
    const planFile = join(out, 'deliver-plan.json');
    const child = spawn(BIN, ['deliver', 'run', planFile, '--jobs', '1'], { cwd: ROOT, detached: true, stdio: 'ignore' });
    // Kill the whole process group (tsx, node, ffmpeg) as soon as one job is verified and others are not.
    const seen = await new Promise<DeliverPlan>((done, fail) => {
      const timer = setInterval(() => {
        let plan: DeliverPlan;
        try {
          plan = planAt(out);
        } catch {
          return; // not readable between the atomic writes' rename: try again
        }
        const verified = plan.jobs.filter((j) => j.state === 'verified').length;
        if (verified >= 1 && verified < plan.jobs.length) {
          clearInterval(timer);
          process.kill(-child.pid!, 'SIGKILL');
          done(plan);
        } else if (verified === plan.jobs.length) {
          clearInterval(timer);
          fail(new Error('the run finished before it could be killed'));
        }
      }, 10);
    });
    await new Promise((r) => child.once('exit', r));
    const atKill = planAt(out);
    const doneBefore = atKill.jobs.filter((j) => j.state === 'verified').map((j) => j.id);
    expect(doneBefore.length).toBeGreaterThanOrEqual(seen.jobs.filter((j) => j.state === 'verified').length);
    const pkg = join(out, atKill.packageFolder);
    const mtimes = new Map(atKill.jobs.filter((j) => j.state === 'verified').map((j) => [j.id, statSync(join(pkg, j.output.folder, j.output.name)).mtimeMs]));
    // No final name ever holds a half file: every output present under its final name is a
    // verified or rendered job's, or a running job's whose temporary file is gone (killed
    // after the move into place, before the plan was saved: the resume checks it).
    const finals = filesUnder(pkg).filter((f) => !f.split('/').pop()!.startsWith('.')).map((f) => f.slice(pkg.length + 1));
    const moved = (j: DeliverPlan['jobs'][number]) => j.state === 'running' && !existsSync(join(pkg, j.output.folder, `.${j.output.name}.partial`));
    const allowed = atKill.jobs.filter((j) => j.state === 'verified' || j.state === 'rendered' || moved(j)).map((j) => `${j.output.folder}/${j.output.name}`);
    expect(finals.filter((f) => !allowed.includes(f))).toEqual([]);

    const r = await runCli('deliver', 'run', planFile, '--jobs', '2');
    expect(r.code).toBe(0);
    const after = planAt(out);
    expect(after.jobs.every((j) => j.state === 'verified')).toBe(true);
    for (const j of after.jobs) {
      if (doneBefore.includes(j.id)) {
        expect([j.id, j.attempts]).toEqual([j.id, 1]);
        expect(statSync(join(pkg, j.output.folder, j.output.name)).mtimeMs).toBe(mtimes.get(j.id));
      }
    }
    expect(r.out).toContain(`(${after.jobs.length - doneBefore.length} run, ${doneBefore.length} already verified)`);
    expect(filesUnder(pkg).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const v = await runCli('deliver', 'verify', planFile);
    expect(v.code).toBe(0);
  }, 180_000);
});

describe('deliver: a rule the render cannot meet', () => {
  it('fails that job with the rule, requested and actual, and lets the others finish', async () => {
    const profile = join(work, 'tiny.json');
    writeFileSync(
      profile,
      JSON.stringify({
        id: 'test.tiny-files',
        name: 'Files under 1000 bytes',
        owner: 'test',
        kind: 'upload',
        edition: '1',
        source: { title: 'a test' },
        extends: 'youtube.upload.sdr',
        container: { maxFileBytes: 1000 },
      }),
    );
    const out = join(work, 'tiny');
    expect((await runCli('deliver', 'plan', edl, '--profile', profile, '--out', out, '--media', media)).code).toBe(0);
    const r = await runCli('deliver', 'run', out, '--jobs', '2');
    expect(r.code).toBe(1);
    const plan = planAt(out);
    expect(plan.jobs.map((j) => [j.id, j.state])).toEqual([
      ['01-web-h264', 'failed'],
      ['02-stems-a1', 'verified'],
      ['03-stems-a2', 'verified'],
    ]);
    expect(plan.jobs[0]!.reason).toMatch(/^the output does not meet its checks: .*1000 bytes.*found \d+ bytes/);
    const report = JSON.parse(readFileSync(join(out, plan.packageFolder, 'reports/DELIVER-TEST-v2_delivery-report_0001.json'), 'utf8')) as DeliverReportJson;
    expect(report.failed.map((f) => f.id)).toEqual(['01-web-h264']);
  }, 120_000);
});
