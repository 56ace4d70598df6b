import {
  captionProfile,
  captionsCheck,
  captionsTimelineFacts,
  clip,
  frameRate,
  range,
  readSrt,
  timeline,
  track,
  writeCaptions,
  type CaptionDocument,
} from '@picturelock/core';
import type { Bench } from './harness.ts';

/** A 2-hour feature: 1,800 subtitles (one every 4 s, 1-2 lines) and a 3,000-cut 23.976 timeline starting at 01:00:00:00. */
const R = frameRate(24000, 1001);
const EVENTS = 1800;
const CUTS = 3000;

function srtText(): string {
  const out: string[] = [];
  const clock = (ms: number) => {
    const h = Math.floor(ms / 3_600_000);
    const m = Math.floor(ms / 60_000) % 60;
    const s = Math.floor(ms / 1000) % 60;
    return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')},${String(ms % 1000).padStart(3, '0')}`;
  };
  for (let i = 0; i < EVENTS; i++) {
    const start = i * 4000 + (i % 7) * 37;
    const end = start + 1500 + (i % 5) * 400;
    const text = i % 3 === 0 ? `Line ${i} with <i>some</i> words to read\nand a second line of dialogue here` : `Subtitle number ${i}, a single line of text`;
    out.push(String(i + 1), `${clock(start)} --> ${clock(end)}`, text, '');
  }
  return out.join('\n');
}

const cutTimeline = (() => {
  // 3,000 shots filling 2 hours: 172,627 frames at 23.976, about 57.5 frames a shot.
  const total = Math.round((7200 * 24000) / 1001);
  const children = Array.from({ length: CUTS }, (_, i) => {
    const len = Math.floor(((i + 1) * total) / CUTS) - Math.floor((i * total) / CUTS);
    return clip({ name: `shot${i}`, reel: `A${String(i % 400).padStart(3, '0')}`, sourceRange: range(i * 100, len, R) });
  });
  return timeline({ name: 'feature', rate: R, startFrame: 86314, tracks: [track({ name: 'V1', trackKind: 'video', children })] });
})();

const text = srtText();
let doc: CaptionDocument;

export const benches: Bench[] = [
  {
    operation: 'captions read SRT',
    size: `${EVENTS} events (${Math.round(text.length / 1024)} KB)`,
    unitsPerRun: EVENTS,
    run: () => {
      doc = readSrt(text).value!;
    },
  },
  {
    operation: 'captions check netflix-en vs timeline (read + cuts + check)',
    size: `${EVENTS} events, ${CUTS} cuts`,
    unitsPerRun: EVENTS,
    run: () => {
      const d = readSrt(text).value!;
      const facts = captionsTimelineFacts(cutTimeline);
      return captionsCheck(d, { profile: captionProfile('netflix-en')!, rate: R, ...facts });
    },
    note: () => {
      const d = readSrt(text).value!;
      const r = captionsCheck(d, { profile: captionProfile('netflix-en')!, rate: R, ...captionsTimelineFacts(cutTimeline) });
      return `${r.findings.length} findings`;
    },
  },
  ...(['srt', 'vtt', 'ttml', 'scc'] as const).map(
    (f): Bench => ({
      operation: `captions write ${f}`,
      size: `${EVENTS} events`,
      unitsPerRun: EVENTS,
      setup: () => {
        doc = readSrt(text).value!;
      },
      run: () => writeCaptions(doc, f),
    }),
  ),
];
