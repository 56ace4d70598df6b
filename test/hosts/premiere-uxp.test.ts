import { describe, expect, it } from 'vitest';
import { clip, frameRate, range, timeline, track, type Timeline } from '@picturelock/core';
import { createFakePremiereUxpHost, tapeNameFromXmp, UXP_CALLS_PER_CLIP, UXP_CALLS_PER_MEDIA, type HostResult } from '@picturelock/host-bridge';
import { hostContract, normalisedTimeline, referenceCut } from './contract.ts';

/** Every clip has its own media in the worst case: 9 calls a clip + 7 a media item + a constant. */
const UXP_BUDGET = (clips: number) => (UXP_CALLS_PER_CLIP + UXP_CALLS_PER_MEDIA) * clips + 40;

for (const version of ['26.3', '25.6'] as const) {
  hostContract(
    `premiere-uxp ${version}`,
    async () => {
      const { host, controls } = createFakePremiereUxpHost([referenceCut()], { version });
      return { host, expected: referenceCut(), controls };
    },
    { maxCallsToRead: UXP_BUDGET },
  );
}

function valueOf<T>(r: HostResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} ${r.error.detail ?? ''}`);
  return r.value;
}

const R2997 = frameRate(30000, 1001, true);

function longCut(n: number, media: number): Timeline {
  const clips = Array.from({ length: n }, (_, i) =>
    clip({
      name: `clip ${i + 1}`,
      sourceRange: range(1078920 + i * 40, 30, R2997),
      media: { kind: 'external', url: `file:///Volumes/RAID/A${String(i % media).padStart(4, '0')}.mov`, availableRange: range(1078920, 200000, R2997) },
      reel: `A${String(i % media).padStart(4, '0')}`,
    }),
  );
  return timeline({ name: 'LONG_CUT', rate: R2997, startFrame: 107892, tracks: [track({ name: 'V1', trackKind: 'video', children: clips })] });
}

describe('premiere-uxp adapter: quirks of the real host', () => {
  it('reads within 9 calls a clip + 7 a media item + 40, for 10 and 400 clips', async () => {
    for (const [n, media] of [[10, 10], [400, 50]] as const) {
      const { host, fake } = createFakePremiereUxpHost([longCut(n, media)]);
      const before = fake.state.calls;
      const read = valueOf(await host.readTimeline());
      expect(read.timeline.tracks[0]!.children).toHaveLength(n);
      expect(fake.state.calls - before).toBeLessThanOrEqual(UXP_CALLS_PER_CLIP * n + UXP_CALLS_PER_MEDIA * media + 40);
      // Media facts once per project item, not per clip.
      expect(fake.state.callsByMethod.get('getMedia')).toBe(media);
    }
  });

  it('reads tick strings past 2^53 exactly (a 10:00:00;00 source start)', async () => {
    const { host, fake } = createFakePremiereUxpHost([referenceCut()]);
    const item = fake.project.sequences[0]!.videoTracks[0]!.getTrackItems(fake.ppro.Constants.TrackItemType.CLIP, false)[0]!;
    const media = await (await item.getProjectItem())!.getMedia();
    expect(BigInt(media.start.ticks) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(media.start.ticks).toBe(String(1078920n * 8475667200n));
    const v1 = normalisedTimeline(valueOf(await host.readTimeline()).timeline).tracks[0]!.items;
    expect(v1[0]).toEqual({ clip: 'A-Roll 1', reel: 'A001C001', record: [0, 90], source: { start: 1079020, duration: 90, rate: '30000/1001' }, speed: '1/1' });
  });

  it('fails an action created outside the locked scope, and the adapter never does that', async () => {
    const { host, fake } = createFakePremiereUxpHost([referenceCut()]);
    const seq = fake.project.sequences[0]!;
    const markers = await (fake.ppro.Markers.getMarkers as unknown as (s: unknown) => Promise<{ createAddMarkerAction(n: string): unknown; getMarkers(): unknown[] }>)(seq);
    const stale = markers.createAddMarkerAction('made outside the lock');
    let answer: boolean | undefined;
    fake.project.lockedAccess(() => {
      answer = fake.project.executeTransaction((c) => void c.addAction(stale as never));
    });
    expect([answer, fake.state.staleActionFailures, markers.getMarkers().length]).toEqual([false, 1, 0]);

    const id = valueOf(await host.activeTimeline()).id;
    valueOf(await host.writeMarkers(id, [{ name: 'check', color: 'red', frames: { start: 10, end: 11 } }]));
    expect(fake.state.staleActionFailures).toBe(1);
    expect(fake.state.callsByMethod.get('lockedAccess')).toBe(3);
  });

  it('renders one job at a time in-app with the range as in/out, restores the editor\'s in/out, and never starts AME\'s shared queue', async () => {
    const { host, fake, controls } = createFakePremiereUxpHost([referenceCut()]);
    const seq = fake.project.sequences[0]!;
    const id = valueOf(await host.activeTimeline()).id;
    const preset = valueOf(await host.listRenderPresets())[0]!;
    valueOf(await host.queueRenderJobs([{ jobId: 'pl-1', timelineId: id, presetId: preset.id, outputFolder: controls.outputFolder, outputName: 'REEL1_v3', frames: { start: 30, end: 90 } }]));
    valueOf(await host.startRender(['pl-1']));
    await controls.completeRenderJobs();
    const [done] = valueOf(await host.pollRenderJobs(['pl-1']));
    expect([done!.state, done!.outputPath?.endsWith('/REEL1_v3.mp4')]).toEqual(['completed', true]);
    expect(fake.encoder.exported.map((e) => e.range)).toEqual([[30n * 8475667200n, 90n * 8475667200n]]);
    expect([seq.inPoint, seq.outPoint]).toEqual([0n, seq.endTicks]);
    expect(fake.encoder.queue.map((j) => [j.jobID, j.state])).toEqual([['ame-foreign-1', 'queued']]);
  });

  it('says what each version can do: ProjectConverter exports from 26.2, none on 25.6, no cancel', async () => {
    const caps = async (version: '25.6' | '26.3') => valueOf(await createFakePremiereUxpHost([referenceCut()], { version }).host.info()).capabilities;
    expect((await caps('26.3')).exportFormats).toEqual(['fcp7xml', 'otio']);
    expect((await caps('25.6')).exportFormats).toEqual([]);
    expect((await caps('25.6')).cancelRender).toBe(false);
    const old = createFakePremiereUxpHost([referenceCut()], { version: '25.6' }).host;
    const r = await old.exportTimeline(valueOf(await old.activeTimeline()).id, 'fcp7xml', '/tmp/never.xml');
    expect(r.ok ? 'ok' : r.error.code).toBe('NOT_SUPPORTED');
  });

  it('reads the tape name from the project item XMP, with entities', () => {
    const ns = 'xmlns:premierePrivateProjectMetaData="http://ns.adobe.com/premierePrivateProjectMetaData/1.0/"';
    expect(tapeNameFromXmp(`<rdf:Description ${ns}><premierePrivateProjectMetaData:Column.Intrinsic.TapeName>A001&amp;B &#26481;</premierePrivateProjectMetaData:Column.Intrinsic.TapeName></rdf:Description>`)).toBe('A001&B 東');
    expect(tapeNameFromXmp(`<rdf:Description ${ns} premierePrivateProjectMetaData:Column.Intrinsic.TapeName="B002C003"/>`)).toBe('B002C003');
    expect(tapeNameFromXmp(`<rdf:Description ${ns}/>`)).toBeUndefined();
  });
});
