/**
 * Stand-in media for the example project: one small file per row of examples/media.csv, with
 * the row's start timecode, reel, length and audio, so `conform` and `deliver` can be tried on
 * the example without the camera originals.
 *
 * - Picture files: 320x180 H.264 in QuickTime (the smallest, fastest stand-in; the cut does not
 *   care what the originals were shot on) at 24000/1001, a QuickTime timecode track starting at
 *   the row's start timecode, the reel in the track's `reel_name`, the clip name and a running
 *   source timecode burnt into the picture, and the row's audio channels as silent AAC.
 * - Sound files: broadcast WAV, 48 kHz mono 16-bit: the bext time reference is the row's start
 *   timecode as samples since midnight (2002 samples a 23.976 frame), and the bext description
 *   carries `sSPEED=023.976-ND` and `sTAPE=<reel>` as sound recorders write them. Each plays a
 *   tone (440 Hz, 1 kHz for the music) for exactly the row's length.
 *
 * Usage: `npm run example-media [-- <dir>] [--force]` (default dir: examples/media). Files that
 * exist are left alone unless --force; each is written under a temporary name and renamed.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { conformParseCsv, frameRate, framesOf } from '@picturelock/core';

const run = promisify(execFile);

export const EXAMPLE_DIR = fileURLToPath(new URL('./', import.meta.url));

/** One row of examples/media.csv. */
export interface ExampleMediaRow {
  readonly clipName: string;
  readonly fileName: string;
  readonly reel: string;
  readonly startTc: string;
  readonly frames: number;
  readonly audioChannels: number;
  readonly picture: boolean;
}

/** Every row of examples/media.csv is 23.976 non-drop. */
const RATE = frameRate(24000, 1001);
/** Samples of one 23.976 frame at 48 kHz: 48000 x 1001 / 24000. */
const SAMPLES_PER_FRAME = 2002;

export function exampleMediaRows(): ExampleMediaRow[] {
  const { rows } = conformParseCsv(readFileSync(join(EXAMPLE_DIR, 'media.csv'), 'utf8'));
  const [head, ...body] = rows;
  const col = (name: string) => head!.indexOf(name);
  return body
    .filter((r) => r.length > 1)
    .map((r) => ({
      clipName: r[col('clip_name')]!,
      fileName: r[col('file_name')]!,
      reel: r[col('reel')]!,
      startTc: r[col('start_tc')]!,
      frames: Number(r[col('duration_frames')]),
      audioChannels: Number(r[col('audio_channels')]),
      picture: r[col('width')] !== '',
    }));
}

/** A filter-graph option value: `:` and `'` escaped for drawtext. */
function quoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/:/g, '\\:')}'`;
}

function pictureArgs(row: ExampleMediaRow, out: string, burnIn: boolean): string[] {
  const samples = row.frames * SAMPLES_PER_FRAME;
  const text = burnIn
    ? [
        `,drawtext=text=${quoted(row.clipName)}:fontsize=14:fontcolor=white:box=1:boxcolor=black@0.6:x=6:y=6`,
        `,drawtext=timecode=${quoted(row.startTc)}:timecode_rate=24000/1001:fontsize=14:fontcolor=white:box=1:boxcolor=black@0.6:x=6:y=26`,
      ].join('')
    : '';
  return [
    '-nostdin', '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=24000/1001${text}`,
    ...(row.audioChannels > 0 ? ['-f', 'lavfi', '-i', `anullsrc=r=48000:cl=${row.audioChannels === 1 ? 'mono' : 'stereo'}`] : []),
    '-frames:v', String(row.frames),
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '32', '-g', '240', '-pix_fmt', 'yuv420p',
    ...(row.audioChannels > 0 ? ['-af', `atrim=end_sample=${samples}`, '-c:a', 'aac', '-b:a', '32k'] : []),
    '-timecode', row.startTc,
    '-metadata:s:v:0', `reel_name=${row.reel}`,
    '-f', 'mov', out,
  ];
}

function soundArgs(row: ExampleMediaRow, out: string): string[] {
  const samples = row.frames * SAMPLES_PER_FRAME;
  // BWF time reference: samples since midnight of the start timecode.
  const reference = framesOf(row.startTc, RATE) * SAMPLES_PER_FRAME;
  return [
    '-nostdin', '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `sine=frequency=${row.reel.startsWith('MX') ? 1000 : 440}:sample_rate=48000`,
    '-af', `atrim=end_sample=${samples}`,
    '-c:a', 'pcm_s16le', '-ac', '1',
    '-write_bext', '1',
    '-metadata', `time_reference=${reference}`,
    '-metadata', `description=sSPEED=023.976-ND\r\nsTAPE=${row.reel}\r\nsSCENE=${row.clipName}\r\n`,
    '-f', 'wav', out,
  ];
}

export interface ExampleMediaOptions {
  /** Only these clips (clip or file names); default every row. */
  readonly only?: readonly string[];
  /** Replace files that exist. */
  readonly force?: boolean;
  /** Encoders at once (default 4). */
  readonly jobs?: number;
  /** Called once a file is written (or found and kept). */
  readonly onFile?: (path: string, kept: boolean) => void;
}

/** Writes the example's stand-in media into `dir`; returns the paths, sorted. */
export async function makeExampleMedia(dir: string, options: ExampleMediaOptions = {}): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const rows = exampleMediaRows().filter((r) => !options.only?.length || options.only.includes(r.clipName) || options.only.includes(r.fileName));
  const paths: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++]!;
      const path = join(dir, row.fileName);
      paths.push(path);
      if (existsSync(path) && !options.force) {
        options.onFile?.(path, true);
        continue;
      }
      const tmp = join(dir, `.${row.fileName}.partial`);
      try {
        if (!row.picture) await run('ffmpeg', soundArgs(row, tmp));
        else {
          // The burnt-in text needs ffmpeg's drawtext and a font; without them, the plain pattern.
          await run('ffmpeg', pictureArgs(row, tmp, true)).catch(() => run('ffmpeg', pictureArgs(row, tmp, false)));
        }
        await rename(tmp, path);
      } finally {
        await rm(tmp, { force: true });
      }
      options.onFile?.(path, false);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs ?? 4, rows.length)) }, worker));
  return paths.sort();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const dir = args.find((a) => !a.startsWith('--')) ?? join(EXAMPLE_DIR, 'media');
  try {
    const paths = await makeExampleMedia(dir, { force, onFile: (p, kept) => process.stdout.write(`${kept ? 'kept   ' : 'wrote  '} ${p}\n`) });
    process.stdout.write(`${paths.length} files in ${dir}\n`);
  } catch (e) {
    process.stderr.write(`example-media: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
