import { range, type Clip, type Timeline } from '@picturelock/core';

/** The demo's conformed online timeline: its id in the demo host and the shot that slipped. */
export const DEMO_ONLINE_ID = 'online-conform';
/** V1's 42A-3 (event 006, reel A001C005) at record 01:00:06:12: frames 156 to 228 from the timeline start. */
export const DEMO_SLIPPED_SHOT = '42A-3';
/** Source frames the online reads later than the offline. */
export const DEMO_SLIP_FRAMES = 2;

/**
 * The example cut as a colorist receives it after the conform: the same timeline, renamed, with
 * one shot on V1 reading its source two frames later (same record position and length), the
 * kind of slip a bad reconform or a re-sync leaves behind. Compared with `examples/scene-v1.edl`
 * it shows exactly one DIFF_SLIP.
 */
export function demoOnlineTimeline(cut: Timeline): Timeline {
  const tracks = cut.tracks.map((t, ti) =>
    ti !== 0
      ? t
      : {
          ...t,
          children: t.children.map((c) => {
            if (c.kind !== 'clip' || c.name !== DEMO_SLIPPED_SHOT) return c;
            const s = c.sourceRange;
            const slipped: Clip = { ...c, sourceRange: range(s.start.value + DEMO_SLIP_FRAMES, s.duration.value, s.start.rate) };
            return slipped;
          }),
        },
  );
  return { ...cut, name: `${cut.name}_ONLINE`, tracks };
}
