/**
 * Generates stand-in media for the example project (examples/media.csv): each picture file a
 * lavfi test pattern with the clip's start timecode, reel name, frame count and 2 audio
 * channels; each sound file a BWF WAV whose time reference is the clip's start timecode. The
 * raster is tiny and files can be cut short, so a package renders in seconds: the deliver
 * tests use it (`npm run example-media` writes the full-length stand-ins for trying the
 * example by hand). The rows come from the same reader as examples/make-media.ts.
 *   npx tsx test/deliver/media.ts <dir> [clip_name ...]
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { framesOf, frameRate, readDeliverPlan, type DeliverPlan } from '@picturelock/core';
import { exampleMediaRows } from '../../examples/make-media.ts';

const run = promisify(execFile);

/** The plan a `deliver plan --out <out>` wrote, read back (a test failure when it does not read). */
export function planAt(out: string): DeliverPlan {
  const r = readDeliverPlan(readFileSync(join(out, 'deliver-plan.json'), 'utf8'));
  if (!r.ok) throw new Error(r.error.join('; '));
  return r.value;
}

const RATE = frameRate(24000, 1001);

/** Writes the named clips (by clip name or file name; all when none is named) into `dir`; returns their paths. */
/** `maxFrames` cuts each file short (same start timecode) for tests that read only its head. */
export async function generateExampleMedia(dir: string, names: readonly string[] = [], options: { width?: number; height?: number; maxFrames?: number } = {}): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const w = options.width ?? 128;
  const h = options.height ?? 72;
  const clips = exampleMediaRows()
    .filter((c) => names.length === 0 || names.includes(c.clipName) || names.includes(c.fileName))
    .map((c) => (options.maxFrames !== undefined ? { ...c, frames: Math.min(c.frames, options.maxFrames) } : c));
  const out: string[] = [];
  await Promise.all(
    clips.map(async (c) => {
      const path = join(dir, c.fileName);
      // Seconds of the clip (display/ffmpeg edge): frames x 1001 / 24000.
      const seconds = ((c.frames * 1001) / 24000).toFixed(6);
      if (c.picture) {
        const audio = c.audioChannels > 0 ? ['-f', 'lavfi', '-i', `sine=frequency=1000:sample_rate=48000:duration=${seconds}`] : [];
        await run('ffmpeg', [
          '-nostdin', '-v', 'error', '-y',
          '-f', 'lavfi', '-i', `testsrc2=size=${w}x${h}:rate=24000/1001`,
          ...audio,
          '-frames:v', String(c.frames),
          '-c:v', 'prores_ks', '-profile:v', '0', '-pix_fmt', 'yuv422p10le',
          ...(c.audioChannels > 0 ? ['-c:a', 'pcm_s24le', '-ac', String(c.audioChannels), '-t', seconds] : []),
          '-timecode', c.startTc,
          '-metadata:s:v:0', `reel_name=${c.reel}`,
          '-f', 'mov', path,
        ]);
      } else {
        // BWF time reference: samples since midnight of the start timecode at 48 kHz (2002 samples a 23.976 frame).
        const ref = framesOf(c.startTc, RATE) * 2002;
        await run('ffmpeg', [
          '-nostdin', '-v', 'error', '-y',
          '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
          '-c:a', 'pcm_s24le', '-ac', '1',
          '-write_bext', '1', '-metadata', `time_reference=${ref}`, '-metadata', `originator_reference=${c.reel}`,
          '-f', 'wav', path,
        ]);
      }
      out.push(path);
    }),
  );
  return out.sort();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [dir, ...names] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: npx tsx test/deliver/media.ts <dir> [clip_name ...]\n');
    process.exitCode = 2;
  } else {
    const paths = await generateExampleMedia(dir, names);
    process.stdout.write(`${paths.join('\n')}\n`);
  }
}
