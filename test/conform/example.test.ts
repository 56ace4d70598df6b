import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  conformCheckTimeline,
  conformDiffVersions,
  conformInventoryFromCsv,
  conformInventoryFromTimeline,
  conformRelinkedTimeline,
  conformTimeline,
  readInterchange,
  writeInterchange,
  type FrameRate,
  type Timeline,
} from '@picturelock/core';

/** The bundled example (examples/README.md): what it was built to contain, to the frame. */
const R: FrameRate = { num: 24000, den: 1001, dropFrame: false };
const bytes = (name: string) => new Uint8Array(readFileSync(new URL(`../../examples/${name}`, import.meta.url)));
const read = (name: string): Timeline => readInterchange(bytes(name), { file: name, rate: R }).timelines[0]!;
const csv = conformInventoryFromCsv(new TextDecoder().decode(bytes('media.csv')), { file: 'media.csv' });
const ale = readInterchange(bytes('media.ale'), { file: 'media.ale' }).inventory;

const summary = (tl: Timeline, media: Parameters<typeof conformTimeline>[1]) =>
  conformTimeline(tl, media, { handles: 8 }).results.map((r) => [r.event.id, r.match.status, r.match.status === 'matched' ? r.match.record.fileName : r.match.status === 'ambiguous' ? r.match.candidates.length : '', r.handles?.head ?? null, r.handles?.tail ?? null]);

const EXPECTED_V1 = [
  ['001', 'matched', 'A001C003_250314_R1AB.mov', 108, 535],
  ['002', 'matched', 'SR004_42A-1.wav', 228, 876],
  ['003', 'matched', 'MX_THE_LOCK_TEMP_v2.wav', 288, 1169],
  ['004', 'matched', 'B002C001_250315_R2C1.mov', 102, 438],
  ['005', 'matched', 'SH010_comp_v011.mov', 8, 8],
  ['006', 'matched', 'A001C005_250314_R1AB.mov', 514, 670],
  ['007', 'ambiguous', 2, null, null],
  ['008', 'matched', 'A001C006_250314_R1AB.mov', 207, 512],
  ['009', 'matched', 'A002C002_250316_R3FD.mov', 104, 286],
  ['010', 'matched', 'A002C004_250316_R3FD.mov', 188, 562],
  ['011', 'matched', 'B003C002_250316_R4K2.mov', 336, 600],
  ['012', 'matched', 'A002C008_250316_R3FD.mov', 300, 0],
  ['013', 'missing', '', null, null],
  ['014', 'matched', 'A001C003_250314_R1AB.mov', 652, 3],
];

describe('the example conform (v1, handles 8)', () => {
  it('reads the 16-row CSV inventory without a finding', () => {
    expect(csv.findings).toEqual([]);
    expect(csv.value!.length).toBe(16);
  });

  it('against media.csv: every event, its match and its handles as the README lists them', () => {
    expect(summary(read('scene-v1.edl'), csv.value!)).toEqual(EXPECTED_V1);
  });

  it('against media.ale (full camera tape names): the same, by 8-character reel truncation', () => {
    expect(summary(read('scene-v1.edl'), ale)).toEqual(EXPECTED_V1);
  });

  it('raises exactly the four planted problems', () => {
    const f = conformTimeline(read('scene-v1.edl'), csv.value!, { handles: 8 }).findings;
    expect(f.map((x) => [x.code, x.where.event, x.params])).toEqual([
      ['CONFORM_MEDIA_MISSING', '013', { event: '013', clip: '42G-1', reel: 'C001C001', tried: 'reel, clip name, source timecode' }],
      ['CONFORM_MATCH_AMBIGUOUS', '007', expect.objectContaining({ count: 2, candidates: 'B002C004_250315_R2C1.mov, B002C004_250317_R2C1.mov' })],
      ['CONFORM_HANDLES_SHORT', '012', { event: '012', side: 'tail', handle: 0, requested: 8, short: 8 }],
      ['CONFORM_HANDLES_SHORT', '014', { event: '014', side: 'tail', handle: 3, requested: 8, short: 5 }],
    ]);
  });

  it('the XML names B002C004\'s day-2 file, so event 007 matches by path there', () => {
    const tl = read('scene-v1.xml');
    const r = conformTimeline(tl, csv.value!, { handles: 8 });
    const e007 = r.results.find((x) => x.event.clip.name === '42C-2')!;
    expect(e007.match).toMatchObject({ status: 'matched', rule: 'path' });
    expect(e007.handles).toEqual({ head: 508, tail: 1358 });
  });

  it('the XML\'s own media references are an inventory of 13 files', () => {
    expect(conformInventoryFromTimeline(read('scene-v1.xml')).map((r) => r.fileName)).toContain('C001C001_250318_R5J7.mov');
    expect(conformInventoryFromTimeline(read('scene-v1.xml')).length).toBe(13);
  });

  it('check flags the 1-frame flash frame at 008, with the speed change, dissolve and V2 overlay as information', () => {
    const f = conformCheckTimeline(read('scene-v1.edl')).findings;
    expect(f.map((x) => [x.severity, x.code, x.where.event])).toEqual([
      ['warning', 'CHECK_FLASH_FRAME', '008'],
      ['info', 'CHECK_OVERLAP', '005'],
      ['info', 'CHECK_SPEED_CHANGE', '011'],
      ['info', 'CHECK_TRANSITION', '010'],
    ]);
    expect(f[2]!.params).toEqual({ event: '011', percent: '50%', recordFrames: 48, sourceFrames: 24, sourceIn: '11:05:44:00', sourceOut: '11:05:45:00' });
  });

  it('the relinked FCP7 XML reads back with every matched event on its camera original at the same source timecode', () => {
    const tl = read('scene-v1.edl');
    const r = conformTimeline(tl, csv.value!, { handles: 8 });
    const relinked = conformRelinkedTimeline(tl, r.events, r.matches);
    expect(relinked.unmatched.map((e) => e.id)).toEqual(['007', '013']);
    const xml = writeInterchange(relinked.timeline, 'fcp7xml');
    const back = readInterchange(new TextEncoder().encode(xml.text), { file: 'relinked.xml' }).timelines[0]!;
    const again = conformTimeline(back, [], {}).events;
    const first = again.find((e) => e.clip.name === '42A-1' && e.trackKind === 'video')!;
    expect(first.clip.media).toMatchObject({ kind: 'external', name: 'A001C003_250314_R1AB.mov' });
    expect(first.row.sourceIn).toBe('14:21:07:12');
    // Relinked events match again by path alone.
    expect(conformTimeline(back, csv.value!, { rules: ['path'] }).results.filter((x) => x.match.status === 'matched').length).toBe(12);
  });
});

describe('the example diff, v1 -> v2', () => {
  it('finds exactly the changes the README lists, by source identity', () => {
    const d = conformDiffVersions(read('scene-v1.edl'), read('scene-v2.edl'));
    const changes = d.changes.filter((c) => c.kind !== 'shift').map((c) => [c.kind, c.track, c.old?.id ?? '', c.new?.id ?? '', c.frames ?? null, (c.new ?? c.old)!.clip.name]);
    expect(changes).toEqual([
      ['trim-tail', 'V1', '001', '001', 18, '42A-1'],
      ['add', 'V1', '', '006', null, '42E-3'],
      ['trim-head', 'V1', '006', '007', 12, '42A-3'],
      ['move', 'V1', '012', '009', null, '42F-2'],
      ['delete', 'V1', '013', '', null, '42G-1'],
      ['replace', 'V1', '014', '014', null, '42A-2'],
      ['trim-tail', 'A1', '002', '002', 18, '42A-1'],
      ['trim-tail', 'A2', '003', '003', 54, 'MX_THE_LOCK_TEMP_v2.wav'],
      ['vfx-version', 'V2', '005', '005', null, 'SH010_comp_v012'],
    ]);
    // Unchanged in content, only shifted: 42B-2, 42C-2, the flash frame, 42D-1, 42D-3, 42E-1.
    expect(d.changes.filter((c) => c.kind === 'shift').map((c) => [c.new!.clip.name, c.frames])).toEqual([
      ['42B-2', -18],
      ['42C-2', 6],
      ['42A-4', 78],
      ['42D-1', 78],
      ['42D-3', 78],
      ['42E-1', 78],
    ]);
  });
});
