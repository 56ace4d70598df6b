import { readFcp7Xml, writeFcp7Xml, type Clip, type Timeline, type Track, type TrackItem } from '@picturelock/core';
import type { Bench } from './harness.ts';

/**
 * A 5,000-clipitem FCP7 XML: 3 video and 4 (mono) audio tracks at 23.976, about 714 clipitems
 * a track, cuts with a 12-frame dissolve every 10th edit, a gap every 25th, 50% speed on every
 * 40th clip, 400 media files shared by id, markers on every 100th clip. The XML is produced by
 * writeFcp7Xml (Premiere's structure), so the read figure is for a file of that shape.
 */
const R = { num: 24000, den: 1001 };
const CLIPITEMS = 5000;
const TRACKS: readonly ('video' | 'audio')[] = ['video', 'video', 'video', 'audio', 'audio', 'audio', 'audio'];

function generated(): Timeline {
  const perTrack = Math.ceil(CLIPITEMS / TRACKS.length);
  let made = 0;
  const tracks: Track[] = TRACKS.map((kind, ti) => {
    const children: TrackItem[] = [];
    for (let i = 0; i < perTrack && made < CLIPITEMS; i++, made++) {
      if (i > 0 && i % 25 === 0) children.push({ kind: 'gap', name: '', sourceRange: { start: { value: 0, rate: R }, duration: { value: 48, rate: R } }, markers: [], metadata: {} });
      else if (i > 0 && i % 10 === 0) {
        children.push({ kind: 'transition', name: 'Cross Dissolve', transitionType: 'dissolve', inOffset: { value: 6, rate: R }, outOffset: { value: 6, rate: R }, metadata: {} });
      }
      const file = (ti * 131 + i) % 400;
      const c: Clip = {
        kind: 'clip',
        name: `A${String(file).padStart(3, '0')}C001_250101_R1AB`,
        sourceRange: { start: { value: 86400 + 24 + (i % 50) * 10, rate: R }, duration: { value: 24 + (i % 7) * 12, rate: R } },
        media: {
          kind: 'external',
          url: `file://localhost/D%3a/media/day01/A${String(file).padStart(3, '0')}C001_250101_R1AB.mov`,
          name: `A${String(file).padStart(3, '0')}C001_250101_R1AB.mov`,
          availableRange: { start: { value: 86400, rate: R }, duration: { value: 20000, rate: R } },
          metadata: { fcp7xml: { fileId: `file-${file + 1}`, width: 3840, height: 2160, audioChannels: 2 } },
        },
        reel: `A${String(file).padStart(3, '0')}`,
        enabled: true,
        markers: i % 100 === 0 ? [{ name: `note ${i}`, color: 'red', markedRange: { start: { value: 86400 + 30, rate: R }, duration: { value: 0, rate: R } } }] : [],
        effects: i % 40 === 39 ? [{ kind: 'linearTimeWarp', name: 'Time Remap', timeScalar: { num: 1, den: 2 } }] : [],
        metadata: { fcp7xml: { clipitemId: `clipitem-${made + 1}`, masterClipId: `masterclip-${file + 1}`, labels: { label2: 'Iris' } } },
      };
      children.push(c);
    }
    return { kind: 'track', name: '', trackKind: kind, children, enabled: true, markers: [], metadata: kind === 'audio' ? { fcp7xml: { channelTracks: 1 } } : {} };
  });
  return { kind: 'timeline', name: 'bench', rate: { ...R, dropFrame: false }, globalStart: { value: 86400, rate: R }, tracks, markers: [], metadata: { fcp7xml: { version: '4', width: 3840, height: 2160 } } };
}

let tl: Timeline | undefined;
let xml = '';
let heapNote = '';

function setup(): void {
  if (tl) return;
  tl = generated();
  xml = writeFcp7Xml(tl).text;
  const before = process.memoryUsage().heapUsed;
  const keep = readFcp7Xml(xml);
  heapNote = `heap after read +${((process.memoryUsage().heapUsed - before) / xml.length).toFixed(1)}x file size (${keep.value?.length ?? 0} timeline)`;
}

const sizeLabel = (): string => `${CLIPITEMS.toLocaleString('en')} clipitems, 3 V + 4 A (${(xml.length / 1e6).toFixed(1)} MB)`;

export const benches: Bench[] = [
  {
    operation: 'fcp7xml read',
    get size() {
      setup();
      return sizeLabel();
    },
    setup,
    run: () => readFcp7Xml(xml),
    unitsPerRun: CLIPITEMS,
    note: () => heapNote,
  },
  {
    operation: 'fcp7xml write',
    get size() {
      setup();
      return sizeLabel();
    },
    setup,
    run: () => writeFcp7Xml(tl!),
    unitsPerRun: CLIPITEMS,
  },
];
