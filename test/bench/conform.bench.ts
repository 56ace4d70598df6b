import { conformDiffVersions, conformTimeline, range, type Clip, type FrameRate, type MediaRecord, type Timeline } from '@picturelock/core';
import type { Bench } from './harness.ts';

/**
 * Conform a list against a 100,000-record inventory, and diff two versions of a cut, at 1k,
 * 5k and 20k events so the growth shows. Aim: conform < 1 s and diff < 0.5 s at 5k.
 */

const R: FrameRate = { num: 24000, den: 1001, dropFrame: false };
const reel = (i: number) => `A${String(1 + Math.floor(i / 900)).padStart(3, '0')}C${String(1 + (i % 900)).padStart(3, '0')}`;

/** 100,000 camera originals: reel `A001C001`… with a full camera clip name, 2,000 frames each. */
const INVENTORY: MediaRecord[] = Array.from({ length: 100_000 }, (_, i) => ({
  path: `/Volumes/RAID/OCF/${reel(i)}_250101_R1AB.mov`,
  fileName: `${reel(i)}_250101_R1AB.mov`,
  reel: reel(i),
  clipName: `${reel(i)}_250101_R1AB`,
  availableRange: range(36000 * 24 + (i % 5000) * 24, 2000, R),
  rate: R,
  width: 3840,
  height: 2160,
  extra: {},
}));

/** A cut of `n` events on V1, each 24-96 frames of a different inventory clip (every 7th reel, so some share a roll). */
function cutOf(n: number, seed: number): Clip[] {
  return Array.from({ length: n }, (_, i) => {
    const k = (i * 7 + seed) % 100_000;
    const start = 36000 * 24 + (k % 5000) * 24 + 100 + (i % 50);
    return { kind: 'clip', name: `${reel(k)}-take`, reel: reel(k), sourceRange: range(start, 24 + (i % 73), R), media: { kind: 'missing' }, enabled: true, markers: [], effects: [], metadata: {} };
  });
}

function timelineOf(clips: Clip[]): Timeline {
  return { kind: 'timeline', name: 'bench', rate: R, globalStart: { value: 86400, rate: R }, tracks: [{ kind: 'track', name: 'V1', trackKind: 'video', children: clips, enabled: true, markers: [], metadata: {} }], markers: [], metadata: {} };
}

/** The recut: every 10th event trimmed by 6 frames, every 50th deleted, an insert every 40, and a block of 20 moved. */
function recutOf(clips: Clip[]): Clip[] {
  const out: Clip[] = [];
  clips.forEach((c, i) => {
    if (i % 50 === 49) return;
    if (i % 40 === 0) out.push({ ...c, name: 'insert', reel: `B${String(i).padStart(7, '0')}` });
    out.push(i % 10 === 0 ? { ...c, sourceRange: range(c.sourceRange.start.value + 6, c.sourceRange.duration.value, R) } : c);
  });
  const block = out.splice(Math.floor(out.length / 3), 20);
  out.splice(Math.floor((out.length * 2) / 3), 0, ...block);
  return out;
}

let lastNote = '';

export const benches: Bench[] = [1000, 5000, 20000].flatMap((n): Bench[] => {
  const v1 = timelineOf(cutOf(n, 3));
  const v2 = timelineOf(recutOf(cutOf(n, 3)));
  return [
    {
      operation: 'conform against 100k-record inventory',
      size: `${n.toLocaleString('en-US')} events`,
      unitsPerRun: n,
      iterations: n >= 20000 ? 5 : 10,
      run: () => {
        const r = conformTimeline(v1, INVENTORY, { handles: 8 });
        lastNote = `${r.results.filter((x) => x.match.status === 'matched').length} matched`;
      },
      note: () => lastNote,
    },
    {
      operation: 'diff two cut versions',
      size: `${n.toLocaleString('en-US')} events`,
      unitsPerRun: n,
      iterations: n >= 20000 ? 5 : 10,
      run: () => {
        const d = conformDiffVersions(v1, v2);
        lastNote = `${d.changes.filter((c) => c.kind !== 'shift').length} changes`;
      },
      note: () => lastNote,
    },
  ];
});
