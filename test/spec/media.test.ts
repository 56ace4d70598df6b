import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '@picturelock/test';
import { probeMedia, runContentQc } from '@picturelock/host-bridge';
import { qcFindings, type MediaInfo } from '@picturelock/core';
import { NETFLIX_PRORES_ID, evaluateNetflix } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'picturelock-spec-'));

/** Runs ffmpeg with lavfi sources into the temp dir; returns the path. */
function make(name: string, args: string[]): string {
  const out = join(dir, name);
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, out]);
  return out;
}

/** ProRes 422 HQ with Rec.709 tags in the ProRes frame headers (ffmpeg 5.1's encoder leaves them unspecified). */
function prores(name: string, opts: { rate: string; seconds: number; tc: string; prim?: string; channels?: number; black?: [number, number] }): string {
  const prim = opts.prim ?? 'bt709';
  const matrix = prim === 'bt2020' ? 'bt2020nc' : prim;
  const black = opts.black ? `,drawbox=c=black:t=fill:enable='between(t,${opts.black[0]},${opts.black[1]})'` : '';
  const ch = opts.channels ?? 2;
  const tone = Array.from({ length: ch }, () => '0.0707945784*sin(2*PI*1000*t)').join('|');
  return make(name, [
    '-f', 'lavfi', '-i', `testsrc2=s=320x180:r=${opts.rate}:d=${opts.seconds}${black}`,
    '-f', 'lavfi', '-i', `aevalsrc=${tone}:s=48000:d=${opts.seconds}`,
    '-c:v', 'prores_ks', '-profile:v', '3', '-pix_fmt', 'yuv422p10le',
    '-bsf:v', `prores_metadata=color_primaries=${prim}:color_trc=bt709:colorspace=${matrix}`,
    '-c:a', 'pcm_s24le', '-timecode', opts.tc,
  ]);
}

async function probed(path: string): Promise<MediaInfo> {
  const r = await probeMedia(path);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** `picturelock <args>` in-process: exit code, stdout and stderr. */
const run = runCli;

describe('loudness: the EBU reference tone', () => {
  it('a stereo 1 kHz sine at -23 dBFS peak per channel measures -23.0 LUFS within 0.1', async () => {
    // A full-scale 1 kHz sine in one channel reads -3.01 LKFS (the -0.691 constant cancels the
    // K-filter gain at 1 kHz; the sine's mean square is 1/2). Two equal channels add +3.01 dB,
    // so each channel needs mean square 10^((-23 + 0.691) / 10) / 2 and peak A = 10^(-23/20).
    const amplitude = Math.sqrt(2 * (10 ** ((-23 + 0.691) / 10) / 2) / 10 ** (0.691 / 10));
    expect(amplitude).toBeCloseTo(10 ** (-23 / 20), 6);
    expect(amplitude).toBeCloseTo(0.0707946, 6);
    const wav = make('tone.wav', ['-f', 'lavfi', '-i', `aevalsrc=${amplitude}*sin(2*PI*1000*t)|${amplitude}*sin(2*PI*1000*t):s=48000:d=6`, '-c:a', 'pcm_s24le']);
    const m = await probed(wav);
    const qc = await runContentQc(m);
    if (!qc.ok) throw new Error(qc.error);
    const l = qc.value.loudness!;
    expect(Math.abs(l.integrated - -23.0)).toBeLessThanOrEqual(0.1);
    expect(l.lra).toBe(0);
    // True peak: EBU Tech 3341 tolerance +0.2 / -0.4 dB around the sine's -23 dBFS peak.
    expect(l.truePeak).toBeGreaterThanOrEqual(-23.4);
    expect(l.truePeak).toBeLessThanOrEqual(-22.8);
    expect(l.seriesRate).toEqual({ num: 10, den: 1 });
    expect(l.momentary.length).toBe(60);
    expect(Math.abs(l.shortTerm[l.shortTerm.length - 1]! - -23)).toBeLessThanOrEqual(0.1);
    expect(qc.value.rate).toEqual({ num: 1000, den: 1 });
    expect(qc.value.events).toEqual([]);
  });
});

describe('content QC on generated media', () => {
  let hole: string;
  beforeAll(() => {
    hole = prores('hole.mov', { rate: '25', seconds: 8, tc: '10:00:00:00', black: [3, 5] });
  });

  it('a 2-second black hole at a known timecode is found within one frame', async () => {
    const m = await probed(hole);
    const progress: number[] = [];
    const qc = await runContentQc(m, { onProgress: (p) => progress.push(p.percent) });
    if (!qc.ok) throw new Error(qc.error);
    const black = qc.value.events.filter((e) => e.kind === 'black');
    expect(black.length).toBe(1);
    // drawbox between(t,3,5) blacks frames 75..125 inclusive at 25 fps.
    expect(Math.abs(black[0]!.start - 75)).toBeLessThanOrEqual(1);
    expect(Math.abs(black[0]!.end - 126)).toBeLessThanOrEqual(1);
    // The black hole is also frozen; that freeze is not reported twice.
    expect(qc.value.events.map((e) => e.kind)).toEqual(['black']);
    const f = qcFindings(qc.value, 'progressive');
    expect(f.map((x) => [x.code, x.where.record])).toEqual([['QC_BLACK_DETECTED', { in: '10:00:03:00', out: '10:00:05:01' }]]);
    expect(progress.at(-1)).toBe(100);
  });

  it('an abort stops ffmpeg and returns no measurement', async () => {
    const long = make('long.mp4', ['-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=25:d=40', '-c:v', 'mpeg4', '-q:v', '10']);
    const m = await probed(long);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 50);
    const qc = await runContentQc(m, { signal: controller.signal, onProgress: () => controller.abort() });
    clearTimeout(timer);
    expect(qc).toEqual({ ok: false, error: `${long}: content QC aborted; no measurement was kept` });
  });
});

describe('rules against generated files', () => {
  it('wrong colour tags, channel count and start timecode each fail their own rule', async () => {
    const good = await probed(prores('SHOW_good.mov', { rate: '24000/1001', seconds: 1, tc: '01:00:00:00' }));
    const hdr = await probed(prores('SHOW_bt2020.mov', { rate: '24000/1001', seconds: 1, tc: '01:00:00:00', prim: 'bt2020' }));
    const six = await probed(prores('SHOW_six.mov', { rate: '24000/1001', seconds: 1, tc: '01:00:00:00', channels: 6 }));
    const late = await probed(prores('SHOW_late.mov', { rate: '24000/1001', seconds: 1, tc: '00:59:58:00' }));
    expect(evaluateNetflix(good)).toEqual([]);
    expect(evaluateNetflix(hdr)).toEqual([
      ['video.colour.primaries', 'bt709', 'bt2020', 'error'],
      ['video.colour.matrix', 'bt709', 'bt2020nc', 'error'],
    ]);
    expect(evaluateNetflix(six)).toEqual([['audio.channels', '8 (5.1+2.0: L R C LFE Ls Rs Lt Rt) or 2 (2.0: L R)', '6 (6 5.1)', 'error']]);
    // The 01:00:00:00 start is unconfirmed in the facts: it fails, as a warning.
    expect(evaluateNetflix(late)).toEqual([['timecode.start', '01:00:00:00', '00:59:58:00', 'warning']]);
  });

  it('a 25 fps file fails a 23.976 profile on rate and nothing else (CLI, profile file with extends)', async () => {
    const file = prores('EP101_master.mov', { rate: '25', seconds: 1, tc: '01:00:00:00' });
    writeFileSync(join(dir, 'EP101_master.ttml'), '<tt/>');
    const profile = join(dir, 'nf-23976.json');
    writeFileSync(
      profile,
      JSON.stringify({
        id: 'test.netflix-23976',
        name: 'Netflix-style ProRes at 23.976 only',
        owner: 'Test',
        kind: 'mezzanine',
        edition: 'test',
        source: { title: 'test' },
        extends: NETFLIX_PRORES_ID,
        video: { frameRate: { allowed: ['23.976'] } },
      }),
    );
    const r = await run('validate', file, '--profile', profile, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { findings: { code: string; severity: string; expected?: string; actual?: string }[] };
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.expected, f.actual])).toEqual([['SPEC_RULE_FAILED', '24000/1001 (23.976)', '25/1']]);
  });

  it('acceptance: a ProRes 422 HQ 23.976 master validates rule by rule with QC and an HTML loudness plot', async () => {
    const file = prores('SHOW_s01e01_master.mov', { rate: '24000/1001', seconds: 5, tc: '01:00:00:00' });
    writeFileSync(join(dir, 'SHOW_s01e01_master.ttml'), '<tt/>');
    const html = join(dir, 'r.html');
    const r = await run('validate', file, '--profile', NETFLIX_PRORES_ID, '--qc', '--html', html);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${file}: PASS against netflix.prores.kmrb`);
    expect(r.out).toContain('  ok       Is integrated loudness -24 LUFS ±3 LU (ITU-R BS.1770-4)?  requested -27 to -21 LUFS; actual -23.0 LUFS');
    expect(r.out).toContain('  ok   Does the programme start at 01:00:00:00?  requested 01:00:00:00; actual 01:00:00:00');
    expect(r.out).toMatch(/0 errors, 0 warnings, \d+ notes, 0 waived; report /);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('class="loudness-plot"');
    expect(page).toContain('class="short-term"');
    expect(page).toContain('class="qc-strip"');
    expect(page).toContain('<td>Is the video codec prores 422hq (apch)?</td><td>prores 422hq (apch)</td><td>prores HQ (apch)</td><td>pass</td>');
    expect(page).toContain('<span class="pill verdict pass">PASS</span>');
    // Never overwritten without --force.
    const again = await run('validate', file, '--profile', NETFLIX_PRORES_ID, '--html', html);
    expect(again.code).toBe(2);
    expect(again.err).toBe(`picturelock: ${html} exists; pass --force to replace it\n`);
  });

  it('waivers for intentional black move the finding to approved exceptions', async () => {
    const file = prores('ACT_break.mov', { rate: '25', seconds: 6, tc: '10:00:00:00', black: [2, 4] });
    const waivers = join(dir, 'waivers.json');
    writeFileSync(waivers, JSON.stringify([{ kind: 'black', in: '10:00:01:20', out: '10:00:04:10', who: 'Client QC', when: '2025-01-10', why: 'act break' }]));
    const r = await run('validate', file, '--profile', 'ebu.r128', '--qc', '--waivers', waivers, '--json');
    const report = JSON.parse(r.out) as { summary: { error: number; waived: number }; waived: { finding: { code: string; where: { record: { in: string } } }; waiver: { who: string } }[] };
    expect(report.summary).toMatchObject({ error: 0, waived: 1 });
    expect(report.waived.map((w) => [w.finding.code, w.finding.where.record.in, w.waiver.who])).toEqual([['QC_BLACK_DETECTED', '10:00:02:00', 'Client QC']]);
    expect(r.code).toBe(0);
  });
});

describe('bad inputs', () => {
  it('a truncated file, a file that is not media, a folder and a missing path are errors naming the file', async () => {
    const whole = readFileSync(prores('whole.mov', { rate: '25', seconds: 1, tc: '01:00:00:00' }));
    const truncated = join(dir, 'truncated.mov');
    writeFileSync(truncated, whole.subarray(0, 2000));
    const text = join(dir, 'notes.mov');
    writeFileSync(text, 'this is a turnover note, not a movie\n');
    const t = await probeMedia(truncated);
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.error).toMatch(new RegExp(`^${truncated.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not readable as media \\(ffprobe: `));
    const n = await probeMedia(text);
    expect(n).toEqual({ ok: false, error: `${text}: not readable as media (ffprobe: ${text}: Invalid data found when processing input)` });
    expect(await probeMedia(dir)).toEqual({ ok: false, error: `${dir}: not a regular file` });
    expect(await probeMedia(join(dir, 'gone.mov'))).toEqual({ ok: false, error: `${join(dir, 'gone.mov')}: cannot read (ENOENT)` });
    const cli = await run('probe', join(dir, 'gone.mov'));
    expect(cli).toEqual({ code: 2, out: '', err: `picturelock: ${join(dir, 'gone.mov')}: cannot read (ENOENT)\n` });
    const v = await run('validate', text, '--profile', 'ebu.r128');
    expect(v.code).toBe(2);
    expect(v.out).toContain(`error   INPUT_UNREADABLE ${text} ${text} could not be read: ${text}: not readable as media`);
  });

  it('profiles check rejects an unknown codec and lists the accepted values', async () => {
    const bad = join(dir, 'typo.json');
    writeFileSync(bad, JSON.stringify({ id: 'test.typo', name: 'Typo', owner: 'Test', kind: 'master', edition: 'x', source: { title: 'x' }, video: { codec: [{ name: 'pro-res' }] } }));
    const r = await run('profiles', 'check', bad);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${bad}: 1 problem\n  video.codec[0].name: "pro-res" is not accepted (did you mean "prores"?); accepted values: prores, h264, hevc, dnxhd, jpeg2000, mpeg2video, av1, vp9, ffv1, v210, rawvideo, dvvideo, cfhd\n`,
    );
    const v = await run('validate', bad, '--profile', bad);
    expect(v.code).toBe(2);
    expect(v.err).toContain('video.codec[0].name: "pro-res" is not accepted');
    const unknown = await run('validate', bad, '--profile', 'netflix.prores');
    expect(unknown.err).toMatch(/^picturelock: no built-in profile "netflix\.prores"; known profiles: netflix\.prores\.kmrb, amazon\.pvd\.mezzanine-hd, /);
  });

  it('profiles list and show', async () => {
    const list = await run('profiles', 'list');
    expect(list.out.split('\n')[0]).toBe('netflix.prores.kmrb      mezzanine      Netflix non-IMF ProRes 422 HQ master (KMRB-type)');
    expect(list.out).toContain('dci.dcp.2k-scope         cinema         DCI DCP picture and sound track files, 2K scope (2.39) (extends dci.dcp.2k-flat)');
    const show = await run('profiles', 'show', 'uk.as11-ukdpp-hd');
    expect(show.out).toContain('  Does the programme start at 10:00:00:00?  -> 10:00:00:00 [BMX-AS11 U, warning only]');
    expect(show.out).toContain('  Is the frame rate 25/1?  -> 25/1 [AMWA-UKDPP P]');
  });
});
