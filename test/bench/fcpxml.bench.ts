import { readFcpxml, writeFcpxml, type Clip, type Timeline, type Track, type TrackItem } from '@picturelock/core';
import type { Bench } from './harness.ts';

/**
 * A 5,000-clip FCPXML at 23.976: the same shape as the FCP7 XML bench (3 video and 4 audio
 * tracks, a 12-frame dissolve every 10th edit on V1, a gap every 25th, 50% speed on every 40th
 * clip, 400 media files, a marker on every 100th clip). V1 is the primary storyline; the other
 * six tracks are connected clips anchored to it, which is the expensive part of both directions.
 */
const R = { num: 24000, den: 1001 };
const CLIPS = 5000;
const TRACKS: readonly ('video' | 'audio')[] = ['video', 'video', 'video', 'audio', 'audio', 'audio', 'audio'];

function generated(): Timeline {
  const perTrack = Math.ceil(CLIPS / TRACKS.length);
  let made = 0;
  const tracks: Track[] = TRACKS.map((kind, ti) => {
    const children: TrackItem[] = [];
    for (let i = 0; i < perTrack && made < CLIPS; i++, made++) {
      if (i > 0 && i % 25 === 0) children.push({ kind: 'gap', name: '', sourceRange: { start: { value: 0, rate: R }, duration: { value: 48, rate: R } }, markers: [], metadata: {} });
      else if (ti === 0 && i > 0 && i % 10 === 0) {
        children.push({ kind: 'transition', name: 'Cross Dissolve', transitionType: 'dissolve', inOffset: { value: 6, rate: R }, outOffset: { value: 6, rate: R }, metadata: {} });
      }
      const file = (ti * 131 + i) % 400;
      const name = `A${String(file).padStart(3, '0')}C001_250101_R1AB`;
      const c: Clip = {
        kind: 'clip',
        name,
        sourceRange: { start: { value: 86400 + 24 + (i % 50) * 10, rate: R }, duration: { value: 24 + (i % 7) * 12, rate: R } },
        media: { kind: 'external', url: `file:///Volumes/RAID/${name}.mov`, name, availableRange: { start: { value: 86400, rate: R }, duration: { value: 2400, rate: R } } },
        enabled: true,
        markers: i % 100 === 0 ? [{ name: `note ${i}`, color: 'red', markedRange: { start: { value: 86430, rate: R }, duration: { value: 1, rate: R } } }] : [],
        effects: i % 40 === 39 ? [{ kind: 'linearTimeWarp', name: 'speed', timeScalar: { num: 1, den: 2 } }] : [],
        metadata: {},
      };
      children.push(c);
    }
    return { kind: 'track', name: `${kind === 'video' ? 'V' : 'A'}${kind === 'video' ? ti + 1 : ti - 2}`, trackKind: kind, children, enabled: true, markers: [], metadata: {} };
  });
  return { kind: 'timeline', name: 'Bench', rate: { ...R, dropFrame: false }, globalStart: { value: 86400, rate: R }, tracks, markers: [], metadata: {} };
}

const tl = generated();
const text = writeFcpxml(tl).text;
const size = `${CLIPS.toLocaleString('en-US')} clips, 7 tracks (${Math.round(text.length / 1024).toLocaleString('en-US')} KB)`;

export const benches: Bench[] = [
  { operation: 'fcpxml write 23.976', size, run: () => writeFcpxml(tl), unitsPerRun: CLIPS, iterations: 10 },
  { operation: 'fcpxml read 23.976', size, run: () => readFcpxml(text), unitsPerRun: CLIPS, iterations: 10 },
];
