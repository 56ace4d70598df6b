import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { conformRecordOfMediaInfo, frameRate, type MediaInfo } from '@picturelock/core';
import { mediaInfoFromFfprobe, probeMedia } from '@picturelock/host-bridge';

/**
 * Broadcast WAV starts: the bext time reference (samples since midnight) read as the file's
 * start, exactly, at its sample rate, with a label at the asked (or the file's) frame rate,
 * and an inventory record counted in samples, or in frames at the cut's rate.
 */
const run = promisify(execFile);
const R23 = frameRate(24000, 1001);
const R25 = frameRate(25, 1);

// 14:20:58:00 at 23.976 NDF = frame 1239792 = 1239792 x 2002 samples at 48 kHz.
const REFERENCE = 1239792 * 2002;
let dir: string;
let plain: string;
let described: string;

async function bwf(path: string, reference: number, samples: number, description?: string): Promise<void> {
  await run('ffmpeg', [
    '-nostdin', '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-af', `atrim=end_sample=${samples}`,
    '-c:a', 'pcm_s24le', '-ac', '1',
    '-write_bext', '1', '-metadata', `time_reference=${reference}`,
    ...(description ? ['-metadata', `description=${description}`] : []),
    '-f', 'wav', path,
  ]);
}

async function probed(path: string, rate?: typeof R23): Promise<MediaInfo> {
  const r = await probeMedia(path, rate ? { timecodeRate: rate } : {});
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pl-bwf-'));
  plain = join(dir, 'SR004_42A-1.wav');
  described = join(dir, 'SR004_42A-3.wav');
  await bwf(plain, REFERENCE, 48 * 2002);
  await bwf(described, REFERENCE, 48 * 2002, 'sSPEED=025.000-ND\r\nsTAPE=SR004\r\nsSCENE=42A\r\n');
}, 30_000);

describe('probeMedia: the BWF time reference', () => {
  it('is the start in samples at the sample rate, labelled at the asked frame rate', async () => {
    const info = await probed(plain, R23);
    expect(info.startTimecode).toEqual({ frames: REFERENCE, text: '14:20:58:00', rate: { num: 48000, den: 1, dropFrame: false }, source: 'bwf-time-reference' });
    expect(info.startTimecodeText).toBe('14:20:58:00');
    // At 25 fps the same instant falls in frame 1292741 (1292741.45 x 1920 samples): 14:21:49:16.
    expect((await probed(plain, R25)).startTimecode?.text).toBe('14:21:49:16');
  });

  it('labels at the rate the file states (sSPEED), and reads the tape from sTAPE; without either, the time of day', async () => {
    const info = await probed(described);
    expect([info.startTimecode?.text, info.reel]).toEqual(['14:21:49:16', 'SR004']);
    const bare = await probed(plain);
    // 2482063584 samples / 48 = 51709658 ms: 14:21:49.658.
    expect([bare.startTimecode?.frames, bare.startTimecode?.text, bare.reel]).toEqual([REFERENCE, '14:21:49.658', undefined]);
  });

  it('reads an iXML TIMECODE_RATE when ffprobe shows the chunk', () => {
    const json = {
      format: { format_name: 'wav', duration: '2.002000', tags: { time_reference: String(REFERENCE), iXML: '<BWFXML><SPEED><TIMECODE_RATE>24000/1001</TIMECODE_RATE><TIMECODE_FLAG>NDF</TIMECODE_FLAG></SPEED><TAPE>SR004</TAPE></BWFXML>' } },
      streams: [{ index: 0, codec_type: 'audio', codec_name: 'pcm_s24le', sample_rate: '48000', channels: 1, time_base: '1/48000', duration_ts: 96096 }],
    };
    const r = mediaInfoFromFfprobe('/m/SR004_42A-1.wav', 288332, json);
    expect(r.ok && [r.value.startTimecode?.text, r.value.startTimecode?.frames, r.value.reel]).toEqual(['14:20:58:00', REFERENCE, 'SR004']);
  });
});

describe('conformRecordOfMediaInfo: a sound file gets a start and a range', () => {
  it('counts samples without a rate, and whole frames at the cut\'s rate', async () => {
    const info = await probed(described);
    const samples = conformRecordOfMediaInfo(info);
    expect([samples.availableRange, samples.rate, samples.reel, samples.extra['sampleRate'], samples.extra['timecodeSource']]).toEqual([
      { start: { value: REFERENCE, rate: { num: 48000, den: 1 } }, duration: { value: 96096, rate: { num: 48000, den: 1 } } },
      undefined,
      'SR004',
      '48000',
      'bwf-time-reference',
    ]);
    // At 23.976 the reference is frame 1239792 exactly, 48 frames long.
    const frames = conformRecordOfMediaInfo(info, { rate: R23 });
    expect([frames.availableRange?.start.value, frames.availableRange?.duration.value, frames.rate, frames.extra['startOffsetSamples']]).toEqual([1239792, 48, R23, undefined]);
    // At 25 it falls inside frame 1292741: the range starts at the next whole frame, 1056 samples in (1292742 x 1920 - 2482063584).
    const at25 = conformRecordOfMediaInfo(info, { rate: R25 });
    expect([at25.availableRange?.start.value, at25.availableRange?.duration.value, at25.extra['startOffsetSamples']]).toEqual([1292742, 49, '1056']);
  });
});
