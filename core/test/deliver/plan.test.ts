import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frameRate, range, rt } from '../../time/index.ts';
import { clip, gap, timeline, track, transition, type Clip, type Timeline } from '../../timeline/index.ts';
import { specBuiltinProfile } from '../../spec/index.ts';
import { deliverPlanJson, deliverPlanOf } from '../../deliver/plan.ts';
import { deliverJobTransitioned, deliverPlanReplanned } from '../../deliver/state.ts';
import { readDeliverPlan } from '../../deliver/read.ts';
import type { DeliverPlan } from '../../deliver/model.ts';

const R = frameRate(24000, 1001);
const youtube = (() => {
  const p = specBuiltinProfile('youtube.upload.sdr');
  if (!p.ok) throw new Error(p.error);
  return p.value;
})();

/** A camera file starting at `startTc` frames with `length` frames. */
function shot(name: string, path: string, fileStart: number, length: number, srcIn: number, frames: number): Clip {
  return clip({
    name,
    reel: name.slice(0, 8),
    sourceRange: range(srcIn, frames, R),
    media: { kind: 'external', url: `file://localhost${path}`, availableRange: range(fileStart, length, R) },
  });
}

/** 01:00:00:00 start; V1: 48 frames of A, 12 black, 24 of B; A1: 84 frames of sound. */
function cut(bIn = 86400 + 10): Timeline {
  return timeline({
    name: 'SC42 v3',
    rate: R,
    startFrame: 86400,
    tracks: [
      track({ name: 'V1', trackKind: 'video', children: [shot('A001C003', '/m/A001C003.mov', 1000, 500, 1100, 48), gap(12, R), shot('B002C001', '/m/B002C001.mov', 86400, 200, bIn, 24)] }),
      track({ name: 'A1', trackKind: 'audio', children: [shot('SR004', '/m/SR004.wav', 900, 2000, 1100, 84)] }),
    ],
  });
}

function planOf(tl: Timeline, extra: string[] = ['review-h264']): DeliverPlan {
  return deliverPlanOf({ timeline: tl, profile: youtube, extra }).plan;
}

describe('deliverPlanOf', () => {
  it('plans the profile deliverable, extras and one stem a track, with exact source frames', () => {
    const plan = planOf(cut(), ['review-h264', 'prores-422hq']);
    expect(plan.jobs.map((j) => [j.id, j.kind, `${j.output.folder}/${j.output.name}`, j.checkProfile])).toEqual([
      ['01-web-h264', 'web', 'web/SC42-v3_WEB-H264_HD_23976.mp4', true],
      ['02-stems-a1', 'stem', 'stems/SC42-v3_STEM-A1_AUDIO_23976.wav', false],
      ['03-review-h264', 'review', 'review/SC42-v3_REVIEW-H264_HD_23976.mp4', false],
      ['04-prores-422hq', 'master', 'masters/SC42-v3_MASTER-PRORES422HQ_HD_23976.mov', false],
    ]);
    const master = plan.jobs[3]!;
    expect(master.range).toEqual({ start: 0, end: 84 });
    expect(master.timecode).toBe('01:00:00:00');
    expect(master.segments.video).toEqual([
      { kind: 'media', frames: 48, source: 0, trim: { start: 100, end: 148 }, rate: { num: 24000, den: 1001 }, speed: { num: 1, den: 1 }, event: '', clip: 'A001C003' },
      { kind: 'black', frames: 12 },
      { kind: 'media', frames: 24, source: 1, trim: { start: 10, end: 34 }, rate: { num: 24000, den: 1001 }, speed: { num: 1, den: 1 }, event: '', clip: 'B002C001' },
    ]);
    expect(master.segments.audio).toEqual([[{ kind: 'media', frames: 84, source: 2, trim: { start: 200, end: 284 }, rate: { num: 24000, den: 1001 }, speed: { num: 1, den: 1 }, event: '', clip: 'SR004' }]]);
    expect(master.audio).toEqual({ codec: 'pcm', sampleRate: 48000, bitDepth: 24, channels: 1, layout: 'mono', tracks: [1] });
    expect(master.video).toMatchObject({ codec: 'prores', profile: '422hq', fourcc: 'apch', width: 1920, height: 1080, pixelFormat: 'yuv422p10le' });
    expect(master.expect.duration).toEqual({ min: { frames: 84 }, max: { frames: 84 } });
    expect(master.expect.timecode).toEqual({ start: '01:00:00:00' });
    // 84 frames at 23.976 at 48 kHz: 2002 samples a frame.
    expect(plan.jobs[1]!.expect.duration).toEqual({ min: { frames: 84 * 2002 }, max: { frames: 84 * 2002 } });
    expect(plan.sources.map((s) => [s.path, s.startTimecode])).toEqual([
      ['/m/A001C003.mov', '00:00:41:16'],
      ['/m/B002C001.mov', '01:00:00:00'],
      ['/m/SR004.wav', '00:00:37:12'],
    ]);
    expect(plan.jobs.every((j) => j.blockers.length === 0 && j.state === 'planned')).toBe(true);
  });

  it('is pure: the same inputs give byte-identical JSON, and the JSON reads back', () => {
    const a = deliverPlanJson(planOf(cut()));
    const b = deliverPlanJson(planOf(structuredClone(cut())));
    expect(a).toBe(b);
    const back = readDeliverPlan(a);
    expect(back.ok && deliverPlanJson(back.value)).toBe(a);
  });

  it('keeps the frames of any cut: segments fill the range exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ frames: fc.integer({ min: 1, max: 60 }), black: fc.boolean() }), { minLength: 1, maxLength: 8 }), (parts) => {
        const children = parts.map((p, i) => (p.black ? gap(p.frames, R) : shot(`C${i}`, `/m/c${i}.mov`, 0, 1000, 100 + i, p.frames)));
        const tl = timeline({ name: 'p', rate: R, tracks: [track({ name: 'V1', trackKind: 'video', children })] });
        const job = deliverPlanOf({ timeline: tl, profile: youtube }).plan.jobs[0]!;
        const total = parts.reduce((n, p) => n + p.frames, 0);
        expect(job.range).toEqual({ start: 0, end: total });
        expect(job.segments.video.reduce((n, s) => n + s.frames, 0)).toBe(job.range.end - job.range.start);
      }),
    );
  });

  it('plans jobs over missing media and wipes with the reason they will fail', () => {
    const cutWith = (transitionType: string) =>
      timeline({
        name: 'gaps',
        rate: R,
        startFrame: 86400,
        tracks: [
          track({
            name: 'V1',
            trackKind: 'video',
            children: [shot('A', '/m/a.mov', 0, 500, 10, 48), transition({ transitionType, inFrames: 0, outFrames: 24, rate: R }), clip({ name: '42G-1', reel: 'C001C001', sourceRange: range(50, 24, R) })],
          }),
        ],
      });
    // A dissolve is mixed; its incoming side has no media, so the job is blocked by that alone.
    const dissolve = deliverPlanOf({ timeline: cutWith('SMPTE_Dissolve'), profile: youtube });
    expect(dissolve.plan.jobs[0]!.blockers).toEqual(['(42G-1) at 01:00:02:00 has no media (reel C001C001)']);
    expect(dissolve.findings.map((f) => `${f.code}: ${f.message}`)).toEqual([
      'DELIVER_NO_AUDIO: gaps has no audio tracks: outputs carry picture only and no stems are planned',
      'DELIVER_SOURCE_MISSING: event 42G-1 (42G-1) at 01:00:02:00 has no media; the 1 job that needs it will fail when run',
    ]);
    // A wipe is not: the job says so.
    const wipe = deliverPlanOf({ timeline: cutWith('SMPTE_Wipe'), profile: youtube });
    expect(wipe.plan.jobs[0]!.blockers).toEqual(['24-frame wipe on V1 at 01:00:02:00', '(42G-1) at 01:00:02:00 has no media (reel C001C001)']);
    expect(wipe.findings.map((f) => `${f.code}: ${f.message}`)).toEqual([
      'DELIVER_NO_AUDIO: gaps has no audio tracks: outputs carry picture only and no stems are planned',
      'DELIVER_SOURCE_MISSING: event 42G-1 (42G-1) at 01:00:02:00 has no media; the 1 job that needs it will fail when run',
      'DELIVER_EDIT_UNSUPPORTED: 24-frame wipe on V1 at 01:00:02:00: the ffmpeg renderer makes cuts, speed changes, freezes and dissolves only; render the jobs that cover it in the host',
    ]);
  });
});

describe('dissolves', () => {
  /** V1: A (file frames 0..`aLength`, in at 100) for 48, a dissolve of `inN`+`outN` at the cut, B (file from `bStart`, in at 60) for 48; A1 the same with a cross-fade. */
  function dissolveCut(inN: number, outN: number, aLength = 500, bStart = 0): Timeline {
    const side = (trackKind: 'video' | 'audio', ext: string) =>
      track({
        name: trackKind === 'video' ? 'V1' : 'A1',
        trackKind,
        children: [
          shot('A', `/m/a.${ext}`, 0, aLength, 100, 48),
          transition({ transitionType: 'dissolve', inFrames: inN, outFrames: outN, rate: R }),
          shot('B', `/m/b.${ext}`, bStart, 500, 60, 48),
        ],
      });
    return timeline({ name: 'mix', rate: R, startFrame: 86400, tracks: [side('video', 'mov'), side('audio', 'wav')] });
  }

  it('mixes the outgoing tail handle with the incoming head handle, to the frame', () => {
    const job = deliverPlanOf({ timeline: dissolveCut(4, 8), profile: youtube, extra: [] }).plan.jobs[0]!;
    const media = (source: number, start: number, end: number, frames: number, clipName: string) => ({ kind: 'media', frames, source, trim: { start, end }, rate: { num: 24000, den: 1001 }, speed: { num: 1, den: 1 }, event: '', clip: clipName });
    // Record 0..44 is A alone; 44..56 the dissolve (4 frames before the cut at 48, 8 after); 56..96 B alone.
    expect(job.segments.video).toEqual([
      media(0, 100, 144, 44, 'A'),
      { kind: 'dissolve', frames: 12, offset: 0, length: 12, transition: 'dissolve', recordIn: '01:00:01:20', from: media(0, 144, 156, 12, 'A'), to: media(1, 56, 68, 12, 'B') },
      media(1, 68, 108, 40, 'B'),
    ]);
    // A reads 8 frames past its source out (148) and B 4 before its source in (60).
    expect(job.segments.audio[0]!.map((s) => s.kind)).toEqual(['media', 'dissolve', 'media']);
    expect(job.blockers).toEqual([]);
    expect(job.segments.video.reduce((n, s) => n + s.frames, 0)).toBe(96);
  });

  it('cuts a dissolve at the edges of a delivery range', () => {
    const job = deliverPlanOf({ timeline: dissolveCut(0, 12), profile: youtube, extra: [], range: { start: 52, end: 70 } }).plan.jobs[0]!;
    expect(job.segments.video.map((s) => (s.kind === 'dissolve' ? ['dissolve', s.offset, s.frames, s.length] : [s.kind, s.frames]))).toEqual([
      ['dissolve', 4, 8, 12],
      ['media', 10],
    ]);
  });

  it('fails the job when the media lacks the handle the dissolve reads, saying which side and how many frames', () => {
    // A's file ends 3 frames after its source out (frame 148 of 151): a 12-frame dissolve after the cut needs 12.
    const { plan } = deliverPlanOf({ timeline: dissolveCut(0, 12, 151), profile: youtube, extra: [] });
    expect(plan.jobs[0]!.blockers).toEqual([
      '12-frame dissolve on V1 at 01:00:02:00: the outgoing side (A) reads source frames 148 to 160 (00:00:06:04 to 00:00:06:16) of /m/a.mov, which holds 151 frames (00:00:00:00 to 00:00:06:07): 9 frames of tail handle missing for the dissolve',
      '12-frame dissolve on A1 at 01:00:02:00: the outgoing side (A) reads source frames 148 to 160 (00:00:06:04 to 00:00:06:16) of /m/a.wav, which holds 151 frames (00:00:00:00 to 00:00:06:07): 9 frames of tail handle missing for the dissolve',
    ]);
    // B's file starts 2 frames before its source in (00:00:02:10): a dissolve 6 frames before the cut needs 6.
    const head = deliverPlanOf({ timeline: dissolveCut(6, 0, 500, 58), profile: youtube, extra: [] });
    expect(head.plan.jobs[0]!.blockers[0]).toBe(
      '6-frame dissolve on V1 at 01:00:01:18: the incoming side (B) reads source frames -4 to 2 (00:00:02:06 to 00:00:02:12) of /m/b.mov, which holds 500 frames (00:00:02:10 to 00:00:23:06): 4 frames of head handle missing for the dissolve',
    );
  });

  it('keeps the frames of any range over a dissolve: segments fill it exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 }), (inN, outN, a, len) => {
        const from = a;
        const to = Math.min(96, a + len);
        const job = deliverPlanOf({ timeline: dissolveCut(inN, outN), profile: youtube, extra: [], range: { start: from, end: to } }).plan.jobs[0]!;
        expect(job.segments.video.reduce((n, s) => n + s.frames, 0)).toBe(to - from);
        for (const s of job.segments.video) if (s.kind === 'dissolve') expect(s.offset + s.frames).toBeLessThanOrEqual(s.length);
        expect(job.blockers).toEqual([]);
      }),
    );
  });
});

describe('job states and re-plans', () => {
  function allVerified(plan: DeliverPlan): DeliverPlan {
    let p = plan;
    for (const j of plan.jobs) {
      for (const to of ['running', 'rendered', 'verified'] as const) {
        const next = deliverJobTransitioned(p, j.id, { to });
        if (!next.ok) throw new Error(next.error);
        p = next.value;
      }
    }
    return p;
  }

  it('allows only legal moves', () => {
    const plan = planOf(cut());
    const id = plan.jobs[0]!.id;
    expect(deliverJobTransitioned(plan, id, { to: 'verified' })).toEqual({ ok: false, error: '01-web-h264: planned -> verified is not a legal move (from planned: running, failed)'.replace(/^/, 'job ') });
    expect(deliverJobTransitioned(plan, id, { to: 'failed' })).toEqual({ ok: false, error: 'job 01-web-h264: a failure needs a reason' });
    const failed = deliverJobTransitioned(plan, id, { to: 'failed', reason: 'source missing' });
    expect(failed.ok && failed.value.jobs[0]).toMatchObject({ state: 'failed', reason: 'source missing', attempts: 0 });
    const retried = failed.ok ? deliverJobTransitioned(failed.value, id, { to: 'planned' }) : failed;
    expect(retried.ok && retried.value.jobs[0]!.reason).toBeUndefined();
  });

  it('marks only the jobs whose picture or sound changed as stale', () => {
    const before = allVerified(planOf(cut()));
    const after = planOf(cut(86400 + 16)); // B002C001 slipped by 6 frames: picture changes, sound does not
    const r = deliverPlanReplanned(before, after);
    expect(r.stale).toEqual(['01-web-h264', '03-review-h264']);
    expect(r.plan.jobs.map((j) => [j.id, j.state, j.stale?.was])).toEqual([
      ['01-web-h264', 'planned', 'verified'],
      ['02-stems-a1', 'verified', undefined],
      ['03-review-h264', 'planned', 'verified'],
    ]);
    expect(r.findings.map((f) => f.code)).toEqual(['DELIVER_JOB_STALE', 'DELIVER_JOB_STALE']);
    const same = deliverPlanReplanned(before, planOf(cut()));
    expect(same.stale).toEqual([]);
    expect(same.plan.jobs.every((j) => j.state === 'verified')).toBe(true);
  });

  it('counts the timeline start in record frames', () => {
    const tl = cut();
    expect(tl.globalStart).toEqual(rt(86400, R));
  });
});
