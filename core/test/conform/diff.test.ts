import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { range, type FrameRate } from '../../time/index.ts';
import { clip, gap, timeline, track, type Clip, type Timeline } from '../../timeline/index.ts';
import { conformChangeCsv, conformDiffOnline, conformDiffVersions } from '../../conform/index.ts';

const R: FrameRate = { num: 24, den: 1, dropFrame: false };
const S = 10 * 86400;
const shot = (reel: string, src: number, frames: number, name = reel): Clip => clip({ name, reel, sourceRange: range(src, frames, R) });
const cut = (clips: Clip[], name = 'cut'): Timeline => timeline({ name, rate: R, startFrame: 86400, tracks: [track({ name: 'V1', trackKind: 'video', children: clips })] });

describe('diff of two versions', () => {
  it('one insertion is one add: later events are shifts, not changes', () => {
    const a = cut([shot('A001C001', S, 24), shot('A001C002', S, 24), shot('A001C003', S, 24)]);
    const b = cut([shot('A001C001', S, 24), shot('B001C001', S, 10), shot('A001C002', S, 24), shot('A001C003', S, 24)]);
    expect(conformDiffVersions(a, b).changes.map((c) => [c.kind, c.new?.id ?? '', c.old?.id ?? '', c.frames ?? null])).toEqual([
      ['add', '002', '', null],
      ['shift', '003', '002', 10],
      ['shift', '004', '003', 10],
    ]);
  });

  it('a take swapped in the same slot at the same length is a replace; at another length a delete and an add', () => {
    const a = cut([shot('A001C001', S, 24), shot('A001C002', S, 24), shot('A001C003', S, 24)]);
    expect(conformDiffVersions(a, cut([shot('A001C001', S, 24), shot('A001C009', S + 50, 24), shot('A001C003', S, 24)])).changes.map((c) => c.kind)).toEqual(['replace']);
    expect(conformDiffVersions(a, cut([shot('A001C001', S, 24), shot('A001C009', S + 50, 30), shot('A001C003', S, 24), shot('A001C004', S, 12)])).changes.map((c) => [c.kind, c.old?.id, c.new?.id])).toEqual([
      ['replace', '002', '002'],
      ['shift', '003', '003'],
      ['add', undefined, '004'],
    ]);
  });

  it('trims are signed in frames (positive = shorter) and a reorder is a move', () => {
    const a = cut([shot('A001C001', S, 48), shot('A001C002', S, 24), shot('A001C003', S, 24)]);
    const b = cut([shot('A001C003', S, 24), shot('A001C001', S - 6, 50), shot('A001C002', S, 24)]);
    expect(conformDiffVersions(a, b).changes.map((c) => [c.kind, c.new?.id, c.frames ?? null])).toEqual([
      ['move', '001', null],
      ['trim-head', '002', -6],
      ['trim-tail', '002', 4],
      ['shift', '003', 26],
    ]);
  });

  it('writes the change list as RFC 4180 CSV with CRLF', () => {
    const a = cut([shot('A001C001', S, 48)]);
    const b = cut([shot('A001C001', S, 40)]);
    expect(conformChangeCsv(conformDiffVersions(a, b).changes)).toBe(
      'change,track,shot,reel,old event,new event,old record in,old record out,new record in,new record out,old source in,old source out,new source in,new source out,frames,detail\r\n' +
        'trim-tail,V1,A001C001,A001C001,001,001,01:00:00:00,01:00:02:00,01:00:00:00,01:00:01:16,10:00:00:00,10:00:02:00,10:00:00:00,10:00:01:16,8,"event 001 (A001C001): source out 10:00:02:00 -> 10:00:01:16, 8 frames shorter at the tail"\r\n',
    );
  });

  it('property: inserting one shot anywhere gives exactly one add, and only shifts after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), fc.integer({ min: 1, max: 50 }), (n, at, len) => {
        const clips = Array.from({ length: n }, (_, i) => shot(`R${String(i).padStart(4, '0')}`, S + i * 7, 10 + (i % 5)));
        const pos = at % (n + 1);
        const b = [...clips.slice(0, pos), shot('NEW00001', S, len), ...clips.slice(pos)];
        const changes = conformDiffVersions(cut(clips), cut(b)).changes;
        expect(changes.filter((c) => c.kind !== 'shift').map((c) => [c.kind, c.new?.id])).toEqual([['add', String(pos + 1).padStart(3, '0')]]);
        expect(changes.filter((c) => c.kind === 'shift').length).toBe(n - pos);
      }),
    );
  });
});

describe('offline vs online', () => {
  it('reports a slip, a wrong clip, a duration change, and missing and extra events', () => {
    const offline = cut([shot('A001C001', S, 24), shot('A001C002', S, 24), shot('A001C003', S, 24), shot('A001C004', S, 24)]);
    const online = cut([shot('A001C001_250101_R1AB', S + 2, 24), shot('A009C009', S, 24), shot('A001C003', S, 20)]);
    expect(conformDiffOnline(offline, online).findings.map((f) => [f.code, f.params])).toEqual([
      ['DIFF_SLIP', { event: '001', clip: 'A001C001', frames: 2 }],
      ['DIFF_WRONG_CLIP', { event: '002', expected: 'A001C002 (A001C002)', actual: 'A009C009 (A009C009)' }],
      ['DIFF_DURATION_CHANGED', { event: '003', clip: 'A001C003', expected: 24, actual: 20 }],
      ['DIFF_EVENT_MISSING', { event: '004', clip: 'A001C004', recordIn: '01:00:03:00' }],
    ]);
    const extra = conformDiffOnline(cut([shot('A001C001', S, 24)]), cut([shot('A001C001', S, 24), shot('A001C005', S, 24)]));
    expect(extra.findings.map((f) => [f.code, f.params])).toEqual([['DIFF_EVENT_EXTRA', { event: '002', clip: 'A001C005', recordIn: '01:00:01:00' }]]);
  });

  it('lines shots up by record timecode: an online with a 10-second leader still matches, and a slip lands on the online shot', () => {
    const offline = cut([shot('A001C001', S, 24), shot('A001C002', S, 24), shot('A001C003', S, 24)]);
    // The online starts at 00:59:50:00 with 240 frames of leader (a gap), then the same cut; its third shot slipped 2.
    const leader = (clips: Clip[]): Timeline =>
      timeline({ name: 'online', rate: R, startFrame: 86400 - 240, tracks: [track({ name: 'V1', trackKind: 'video', children: [gap(240, R), ...clips] })] });
    const clean = conformDiffOnline(offline, leader([shot('A001C001', S, 24), shot('A001C002', S, 24), shot('A001C003', S, 24)]));
    expect(clean.findings.map((f) => [f.code, f.message])).toEqual([
      ['DIFF_START_DIFFERS', 'the offline starts at 01:00:00:00 and the online at 00:59:50:00; shots are compared at the same record timecode'],
    ]);
    const slipped = conformDiffOnline(offline, leader([shot('A001C001', S, 24), shot('A001C002', S, 24), shot('A001C003', S + 2, 24)]));
    expect(slipped.findings.map((f) => [f.code, f.params, f.where.frames])).toEqual([
      ['DIFF_START_DIFFERS', { offline: '01:00:00:00', online: '00:59:50:00', aligned: 'record timecode' }, undefined],
      ['DIFF_SLIP', { event: '003', clip: 'A001C003', frames: 2 }, { start: 288, end: 312 }],
    ]);
    // A shot missing from the online is placed where the online should have it, leader included.
    const missing = conformDiffOnline(offline, leader([shot('A001C001', S, 24), shot('A001C002', S, 24)]));
    expect(missing.findings.filter((f) => f.code === 'DIFF_EVENT_MISSING').map((f) => f.where.frames)).toEqual([{ start: 288, end: 312 }]);
  });

  it('compares from each first frame when the record timecodes never meet, and says so', () => {
    const offline = cut([shot('A001C001', S, 24), shot('A001C002', S, 24)]);
    const online = timeline({ name: 'online', rate: R, startFrame: 0, tracks: [track({ name: 'V1', trackKind: 'video', children: [shot('A001C001', S, 24), shot('A001C002', S + 1, 24)] })] });
    expect(conformDiffOnline(offline, online).findings.map((f) => [f.code, f.params])).toEqual([
      ['DIFF_START_DIFFERS', { offline: '01:00:00:00', online: '00:00:00:00', aligned: 'first frame' }],
      ['DIFF_SLIP', { event: '002', clip: 'A001C002', frames: 1 }],
    ]);
  });

  it('places every finding on the online timeline in record frames, so it can be marked and jumped to', () => {
    const offline = cut([shot('A001C001', S, 24), shot('A001C002', S, 24), shot('A001C003', S, 24), shot('A001C004', S, 24)]);
    // The online's third shot starts two frames late and runs 20: its frames, not the offline's, are where the marker goes.
    const online = cut([shot('A001C001', S + 2, 24), shot('A009C009', S, 26), shot('A001C003', S + 2, 20)]);
    expect(conformDiffOnline(offline, online).findings.map((f) => [f.code, f.where.event, f.where.frames])).toEqual([
      ['DIFF_SLIP', '001', { start: 0, end: 24 }],
      ['DIFF_WRONG_CLIP', '002', { start: 24, end: 50 }],
      ['DIFF_DURATION_CHANGED', '003', { start: 50, end: 70 }],
      ['DIFF_EVENT_MISSING', '004', { start: 72, end: 96 }],
    ]);
    const extra = conformDiffOnline(cut([shot('A001C001', S, 24)]), cut([shot('A001C001', S, 24), shot('A001C005', S, 12)]));
    expect(extra.findings.map((f) => [f.code, f.where.frames])).toEqual([['DIFF_EVENT_EXTRA', { start: 24, end: 36 }]]);
  });
});
