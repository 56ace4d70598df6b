import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SPEC_BUILTIN_PROFILES, evaluateSpec, specFactsOfMedia, type MediaInfo } from '@picturelock/core';
import { probeMedia, qcFfmpegArgs, runContentQc } from '@picturelock/host-bridge';
import type { Bench } from './harness.ts';

const FILES = 1000;
/** Seconds of 1280x720 23.976 ProRes 422 HQ + stereo PCM the QC benches decode. */
const QC_SECONDS = 20;

const dir = mkdtempSync(join(tmpdir(), 'picturelock-bench-spec-'));
let cached: MediaInfo[] = [];
let qcMedia: MediaInfo | undefined;
const ours: number[] = [];
const plain: number[] = [];

/** Median of the timed runs (the first entry is the harness's warm-up run). */
function median(xs: readonly number[]): number {
  const s = xs.slice(1).sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function probeOnce(seconds: number, size: string): Promise<MediaInfo> {
  const out = join(dir, `bench_${seconds}s_${size}.mov`);
  execFileSync('ffmpeg', [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=${size}:r=24000/1001:d=${seconds}`,
    '-f', 'lavfi', '-i', `aevalsrc=0.0707945784*sin(2*PI*1000*t)|0.0707945784*sin(2*PI*1000*t):s=48000:d=${seconds}`,
    '-c:v', 'prores_ks', '-profile:v', '3', '-pix_fmt', 'yuv422p10le',
    '-bsf:v', 'prores_metadata=color_primaries=bt709:color_trc=bt709:colorspace=bt709',
    '-c:a', 'pcm_s24le', '-timecode', '01:00:00:00', out,
  ]);
  const r = await probeMedia(out);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const netflix = SPEC_BUILTIN_PROFILES.find((p) => p.id === 'netflix.prores.kmrb')!;

export const benches: Bench[] = [
  {
    operation: 'spec rules, Netflix-style profile',
    size: `${FILES} probed files (cached MediaInfo)`,
    unitsPerRun: FILES,
    setup: async () => {
      const base = await probeOnce(1, '320x180');
      // Vary what the rules look at: every tenth file at 25 fps, every seventh untagged.
      cached = Array.from({ length: FILES }, (_, i) => ({
        ...base,
        path: `/deliv/SHOW_s01e${String(i).padStart(3, '0')}_master.mov`,
        video: base.video.map((v) => ({
          ...v,
          ...(i % 10 === 0 ? { frameRate: { num: 25, den: 1, dropFrame: false }, averageFrameRate: { num: 25, den: 1 } } : {}),
          ...(i % 7 === 0 ? { colourPrimaries: undefined } : {}),
        })),
      }));
    },
    run: () => cached.map((m) => evaluateSpec(netflix, m.path, specFactsOfMedia(m, { siblings: [] }))),
  },
  {
    operation: 'content QC, plain ffmpeg (same filters)',
    size: `${QC_SECONDS} s 1280x720 ProRes HQ + stereo`,
    iterations: 3,
    warmup: 1,
    setup: async () => {
      qcMedia = await probeOnce(QC_SECONDS, '1280x720');
    },
    run: () => {
      const t0 = performance.now();
      const r = spawnSync('ffmpeg', qcFfmpegArgs(qcMedia!).args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`ffmpeg exited ${r.status}`);
      plain.push(performance.now() - t0);
    },
    note: () => `${(QC_SECONDS / (median(plain) / 1000)).toFixed(1)}x real time`,
  },
  {
    operation: 'content QC, runContentQc (one pass, parsed)',
    size: `${QC_SECONDS} s 1280x720 ProRes HQ + stereo`,
    iterations: 3,
    warmup: 1,
    run: async () => {
      const t0 = performance.now();
      const r = await runContentQc(qcMedia!);
      if (!r.ok) throw new Error(r.error);
      ours.push(performance.now() - t0);
    },
    note: () => {
      const o = median(ours);
      const p = median(plain);
      return `${(QC_SECONDS / (o / 1000)).toFixed(1)}x real time vs plain ffmpeg ${(QC_SECONDS / (p / 1000)).toFixed(1)}x; overhead ${(((o - p) / p) * 100).toFixed(1)} %`;
    },
  },
];
