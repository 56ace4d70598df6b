import { clip, deliverPlanJson, deliverPlanOf, frameRate, range, specBuiltinProfile, timeline, track, type DeliveryProfile, type Timeline } from '@picturelock/core';
import type { Bench } from './harness.ts';

const R = frameRate(24000, 1001);
/** One stem a track: 497 audio tracks + the profile's web file + 2 extras = 500 deliverables. */
const AUDIO_TRACKS = 497;
const CLIPS = 40;

function shots(prefix: string, count: number, frames: number) {
  return Array.from({ length: count }, (_, i) =>
    clip({ name: `${prefix}${i}`, reel: `${prefix}${i}`.slice(0, 8), sourceRange: range(86400 + i * 100, frames, R), media: { kind: 'external', url: `/media/${prefix}${i}.mov`, availableRange: range(86400, 100_000, R) } }),
  );
}

const cut: Timeline = timeline({
  name: 'BENCH v1',
  rate: R,
  startFrame: 86400,
  tracks: [
    track({ name: 'V1', trackKind: 'video', children: shots('A', CLIPS, 48) }),
    ...Array.from({ length: AUDIO_TRACKS }, (_, t) => track({ name: `A${t + 1}`, trackKind: 'audio', children: shots(`S${t}_`, 8, 240) })),
  ],
});
const youtube = specBuiltinProfile('youtube.upload.sdr');
const profile: DeliveryProfile = youtube.ok ? youtube.value : (undefined as never);
let jobs = 0;
let bytes = 0;

export const benches: Bench[] = [
  {
    operation: 'deliver plan 500 deliverables',
    size: `${AUDIO_TRACKS} audio tracks, ${CLIPS} picture clips`,
    unitsPerRun: 500,
    iterations: 5,
    warmup: 1,
    run: () => {
      const { plan } = deliverPlanOf({ timeline: cut, profile, extra: ['prores-422hq', 'review-h264'] });
      jobs = plan.jobs.length;
      bytes = deliverPlanJson(plan).length;
    },
    note: () => `${jobs} jobs, plan JSON ${(bytes / 1e6).toFixed(1)} MB`,
  },
];
