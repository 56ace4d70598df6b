import { describe, expect, it } from 'vitest';
import { clip, frameRate, range, timeline, track, type Timeline } from '@picturelock/core';
import {
  createFakeResolve,
  createFakeResolveHost,
  createResolveHost,
  directResolveTransport,
  fakeResolveSpecFromTimeline,
  type HostResult,
} from '@picturelock/host-bridge';
import { hostContract, normalisedTimeline, referenceCut } from './contract.ts';

/** Resolve API calls one readTimeline may cost: 8 per clip (7 item getters + 1 clip-property dict) plus a constant. */
const RESOLVE_CALLS = (clips: number) => 8 * clips + 40;

hostContract(
  'resolve (Workflow Integration object)',
  async () => {
    const fake = createFakeResolveHost(referenceCut(), { extraTimelines: ['Assembly v3'] });
    return { host: fake.host, expected: referenceCut(), controls: fake.controls };
  },
  { maxCallsToRead: RESOLVE_CALLS },
);

function valueOf<T>(r: HostResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} ${r.error.detail ?? ''}`);
  return r.value;
}

const R2997 = frameRate(30000, 1001, true);

function longCut(n: number): Timeline {
  const clips = Array.from({ length: n }, (_, i) =>
    clip({
      name: `clip ${i + 1}`,
      sourceRange: range(1078920 + i * 40, 30, R2997),
      media: { kind: 'external', url: `file:///Volumes/RAID/A${String(i).padStart(4, '0')}.mov`, name: `A${String(i).padStart(4, '0')}.mov`, availableRange: range(1078920, 200000, R2997) },
      reel: `A${String(i).padStart(4, '0')}`,
    }),
  );
  return timeline({ name: 'LONG_CUT', rate: R2997, startFrame: 107892, tracks: [track({ name: 'V1', trackKind: 'video', children: clips })] });
}

describe('resolve adapter: quirks of the real host', () => {
  it('stays within 8 API calls per clip plus a constant, for 10 and 400 clips', async () => {
    for (const n of [10, 400]) {
      const fake = createFakeResolveHost(longCut(n));
      const before = fake.state.calls;
      const read = valueOf(await fake.host.readTimeline());
      expect(read.timeline.tracks[0]!.children.filter((c) => c.kind === 'clip')).toHaveLength(n);
      expect(fake.state.calls - before).toBeLessThanOrEqual(RESOLVE_CALLS(n));
      // Exactly one clip-property dict and one GetMediaPoolItem per clip: no per-property calls.
      expect(fake.state.callsByMethod.get('GetClipProperty')).toBe(n);
    }
  });

  it('counts record frames from the timeline start although Resolve hands over absolute frames', async () => {
    const fake = createFakeResolveHost(referenceCut());
    const first = fake.resolve.project!.current!.GetItemListInTrack('video', 1)[0]!;
    expect(first.GetStart()).toBe(107892);
    const read = valueOf(await fake.host.readTimeline());
    expect(read.timeline.globalStart.value).toBe(107892);
    expect(normalisedTimeline(read.timeline).tracks[0]!.items[0]).toMatchObject({ clip: 'A-Roll 1', record: [0, 90] });
  });

  it('takes speeds and the dissolve from an EDL Resolve exports, and says so', async () => {
    const fake = createFakeResolveHost(referenceCut());
    const read = valueOf(await fake.host.readTimeline());
    expect(read.findings.map((f) => [f.code, f.params])).toEqual([
      ['HOST_SPEED_FROM_EDL', { timeline: 'PL_CONTRACT_REF_v1', host: 'DaVinci Resolve', clips: 2, transitions: 1 }],
    ]);
    expect(fake.state.callsByMethod.get('Export')).toBe(1);
  });

  it('without an EDL, derives |speed| from the inclusive source frames and flags what it could not know', async () => {
    const spec = fakeResolveSpecFromTimeline(referenceCut());
    const { resolve } = createFakeResolve(spec);
    const host = createResolveHost(directResolveTransport(() => resolve));
    const read = valueOf(await host.readTimeline());
    expect(read.findings.map((f) => [f.code, f.params['clip'] ?? null, f.params['speed'] ?? null])).toEqual([
      ['HOST_EDL_EXPORT_FAILED', null, null],
      ['HOST_SPEED_NOT_IN_EDL', 'Slow 50', '1/2'],
    ]);
    const v1 = normalisedTimeline(read.timeline).tracks[0]!.items;
    // 30 source frames 400..429 (GetSourceEndFrame 429 is inclusive) over 60 record frames.
    expect(v1).toContainEqual({ clip: 'Slow 50', reel: 'B003C001', record: [200, 260], source: { start: 1079260, duration: 60, rate: '30000/1001' }, speed: '1/2' });
    // The reverse clip reads forward without the EDL: the API cannot tell the direction.
    expect(v1).toContainEqual({ clip: 'Reverse Pull', reel: 'A002C004', record: [260, 320], source: { start: 1078920 + 500, duration: 60, rate: '30000/1001' }, speed: '1/1' });
    expect(v1.some((i) => 'transition' in i)).toBe(false);
  });

  it('maps silent None to typed errors: no project, no timeline, no such id', async () => {
    const spec = fakeResolveSpecFromTimeline(referenceCut());
    const noProject = createResolveHost(directResolveTransport(() => createFakeResolve(spec, { withProject: false }).resolve));
    const r1 = await noProject.readTimeline();
    expect(r1.ok ? 'ok' : r1.error.code).toBe('NO_ACTIVE_TIMELINE');
    const noResolve = createResolveHost(directResolveTransport(() => null));
    const r2 = await noResolve.info();
    expect(r2.ok ? 'ok' : r2.error.code).toBe('HOST_NOT_READY');
    const noTimeline = createResolveHost(directResolveTransport(() => createFakeResolve({ ...spec, currentTimeline: 0 }).resolve));
    const r3 = await noTimeline.activeTimeline();
    expect(r3.ok ? 'ok' : r3.error.code).toBe('NO_ACTIVE_TIMELINE');
  });

  it('refuses a second marker on a frame (Resolve keeps one per frame) and names it', async () => {
    const fake = createFakeResolveHost(referenceCut());
    const id = valueOf(await fake.host.activeTimeline()).id;
    const r = await fake.host.writeMarkers(id, [
      { name: 'first', color: 'red', frames: { start: 40, end: 41 } },
      { name: 'second', color: 'orange', frames: { start: 40, end: 41 } },
    ]);
    expect(r.ok ? 'ok' : [r.error.code, r.error.detail]).toEqual(['HOST_CALL_FAILED', 'frame 40: second']);
    expect(fake.resolve.project!.current!.GetMarkers()).toEqual({ '40.0': { color: 'Red', name: 'first', note: '', duration: 1, customData: 'picturelock' } });
  });

  it('reads back render settings: a preset that keeps its own TargetDir is a finding and the job is removed', async () => {
    const fake = createFakeResolveHost(referenceCut());
    fake.resolve.project!.ignoredSettings.add('TargetDir');
    const id = valueOf(await fake.host.activeTimeline()).id;
    const r = await fake.host.queueRenderJobs([{ jobId: 'pl-1', timelineId: id, presetId: 'H.264 Master', outputFolder: '/Volumes/Out', outputName: 'pl-1', frames: { start: 0, end: 30 } }]);
    expect(r.ok ? 'ok' : r.error.code).toBe('HOST_CALL_FAILED');
    expect(fake.host.renderFindings().map((f) => [f.code, f.expected, f.actual])).toEqual([['HOST_RENDER_SETTING_MISMATCH', '/Volumes/Out', '/Volumes/Renders/preset-default']]);
    expect(fake.resolve.project!.GetRenderJobList().map((j) => j['JobId'])).toEqual(['foreign-job-0001']);
  });

  it('sets MarkIn/MarkOut in absolute frames and restores the editor\'s current timeline', async () => {
    const fake = createFakeResolveHost(referenceCut(), { extraTimelines: ['Assembly v3'] });
    const p = fake.resolve.project!;
    p.SetCurrentTimeline(p.timelines[0]!);
    const id = (await fake.host.listTimelines()).ok ? valueOf(await fake.host.listTimelines())[1]!.id : '';
    valueOf(await fake.host.queueRenderJobs([{ jobId: 'pl-1', timelineId: id, presetId: 'ProRes 422 HQ', outputFolder: '/Volumes/Out', outputName: 'REEL1_v3', frames: { start: 30, end: 90 } }]));
    const row = p.GetRenderJobList().find((j) => j['TargetDir'] === '/Volumes/Out')!;
    expect([row['MarkIn'], row['MarkOut'], row['OutputFilename'], row['TimelineName']]).toEqual([107922, 107981, 'REEL1_v3.mov', 'PL_CONTRACT_REF_v1']);
    expect(p.current).toBe(p.timelines[0]);
  });

  it('starts only its own jobs in the shared queue, and reports a busy queue', async () => {
    const fake = createFakeResolveHost(referenceCut());
    const id = valueOf(await fake.host.activeTimeline()).id;
    valueOf(await fake.host.queueRenderJobs([{ jobId: 'pl-1', timelineId: id, presetId: 'H.264 Master', outputFolder: fake.controls.outputFolder, outputName: 'pl-1' }]));
    valueOf(await fake.host.startRender(['pl-1']));
    expect(fake.resolve.project!.GetRenderJobStatus('foreign-job-0001')).toEqual({ JobStatus: 'Ready', CompletionPercentage: 0 });
    await fake.controls.completeRenderJobs();

    const busy = createFakeResolveHost(referenceCut());
    const id2 = valueOf(await busy.host.activeTimeline()).id;
    valueOf(await busy.host.queueRenderJobs([{ jobId: 'pl-2', timelineId: id2, presetId: 'H.264 Master', outputFolder: busy.controls.outputFolder, outputName: 'pl-2' }]));
    busy.resolve.project!.startForeignJob();
    const r = await busy.host.startRender(['pl-2']);
    expect(r.ok ? 'ok' : r.error.code).toBe('RENDER_QUEUE_BUSY');
    const c = await busy.host.cancelRender(['pl-2']);
    expect(c.ok ? 'ok' : c.error.code).toBe('ok');
    expect(valueOf(await busy.host.pollRenderJobs(['pl-2'])).map((s) => s.state)).toEqual(['cancelled']);
  });
});
