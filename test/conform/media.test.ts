import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '@picturelock/test';
import { conformTimeline, readEdl, type FrameRate } from '@picturelock/core';
import { probeMediaFolder, type InventoryProgress } from '@picturelock/host-bridge';

/**
 * Matching, handles and out-of-range on real files: three tiny clips made with ffmpeg, each
 * with a known start timecode (QuickTime tmcd), reel name tag and rate.
 */

const dir = mkdtempSync(join(tmpdir(), 'picturelock-conform-media-'));
const media = join(dir, 'OCF');
const R24: FrameRate = { num: 24, den: 1, dropFrame: false };

function makeClip(name: string, rate: number, frames: number, tc: string, reel: string): void {
  execFileSync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc=size=64x36:rate=${rate}`,
    '-frames:v', String(frames), '-c:v', 'mpeg4',
    '-timecode', tc, '-metadata', `reel_name=${reel}`, '-movflags', 'use_metadata_tags',
    join(media, name),
  ]);
}

const EDL = `TITLE: MEDIA TEST
FCM: NON-DROP FRAME

001  A001C001 V     C        10:00:01:00 10:00:02:00 01:00:00:00 01:00:01:00
002  A001C002 V     C        10:01:01:00 10:01:01:20 01:00:01:00 01:00:01:20
003  A001C001 V     C        10:00:03:12 10:00:04:12 01:00:01:20 01:00:02:20
004  B001C001 V     C        11:00:00:10 11:00:01:00 01:00:02:20 01:00:03:10
005  C009C009 V     C        09:00:00:00 09:00:01:00 01:00:03:10 01:00:04:10
`;

beforeAll(() => {
  execFileSync('mkdir', ['-p', join(media, 'DAY01')]);
  makeClip('DAY01/A001C001_250101_R1AB.mov', 24, 96, '10:00:00:00', 'A001C001');
  makeClip('DAY01/A001C002_250101_R1AB.mov', 24, 48, '10:01:00:00', 'A001C002');
  makeClip('B001C001_250102_R2AA.mov', 25, 50, '11:00:00:00', 'B001C001');
  writeFileSync(join(dir, 'cut.edl'), EDL);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('conform against probed media', () => {
  it('probes the folder in parallel with progress, then a second run comes from the cache', async () => {
    const cacheFile = join(dir, 'cache', 'media.json');
    const seen: InventoryProgress[] = [];
    const first = await probeMediaFolder(media, { cacheFile, concurrency: 2, onProgress: (p) => seen.push(p) });
    expect([first.probed, first.cached, first.failures]).toEqual([3, 0, []]);
    expect(seen.map((p) => [p.done, p.total])).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(first.records.map((r) => [r.fileName, r.reel, r.availableRange?.start.value, r.availableRange?.duration.value, r.rate?.num, r.width])).toEqual([
      ['B001C001_250102_R2AA.mov', 'B001C001', 11 * 3600 * 25, 50, 25, 64],
      ['A001C001_250101_R1AB.mov', 'A001C001', 10 * 3600 * 24, 96, 24, 64],
      ['A001C002_250101_R1AB.mov', 'A001C002', 10 * 3600 * 24 + 60 * 24, 48, 24, 64],
    ]);
    const second = await probeMediaFolder(media, { cacheFile });
    expect([second.probed, second.cached]).toEqual([0, 3]);
    expect(second.records).toEqual(first.records);
  });

  it('matches by reel and measures handles and shortfalls on the real files', async () => {
    const inv = await probeMediaFolder(media);
    const tl = readEdl(EDL, { rate: R24 }).value!;
    const r = conformTimeline(tl, inv.records, { handles: 8 });
    expect(r.results.map((x) => [x.event.id, x.match.status, x.match.status === 'matched' ? x.match.record.fileName : '', x.handles ?? null])).toEqual([
      ['001', 'matched', 'A001C001_250101_R1AB.mov', { head: 24, tail: 48 }],
      ['002', 'matched', 'A001C002_250101_R1AB.mov', { head: 24, tail: 4 }],
      ['003', 'matched', 'A001C001_250101_R1AB.mov', { head: 84, tail: -12 }],
      ['004', 'matched', 'B001C001_250102_R2AA.mov', { head: 10, tail: 25 }],
      ['005', 'missing', '', null],
    ]);
    expect(r.findings.map((f) => [f.code, f.params])).toEqual([
      ['CONFORM_MEDIA_MISSING', { event: '005', clip: 'C009C009', reel: 'C009C009', tried: 'reel, clip name, source timecode' }],
      ['CONFORM_SOURCE_OUT_OF_RANGE', { event: '003', media: 'A001C001_250101_R1AB.mov', head: 0, tail: 12 }],
      ['CONFORM_HANDLES_SHORT', { event: '002', side: 'tail', handle: 4, requested: 8, short: 4 }],
      ['CONFORM_RATE_MISMATCH', { event: '004', media: 'B001C001_250102_R2AA.mov', expected: '24', actual: '25' }],
    ]);
  });

  it('picturelock conform --media <folder> probes, caches and reports the same', async () => {
    const { code, out } = await runCli('conform', join(dir, 'cut.edl'), '--rate', '24', '--media', media, '--handles', '8', '--cache', join(dir, 'cli-cache.json'));
    expect(code).toBe(1);
    expect(out).toContain('FAIL: 4 errors, 0 warnings, 0 info, 0 waived');
    expect(out).toContain('event 003 reads outside A001C001_250101_R1AB.mov: 12 frames past its last');
  });
});
