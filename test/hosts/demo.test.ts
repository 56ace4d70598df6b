import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { timecodeOf } from '@picturelock/core';
import { createDemoHost, type DemoHostEvent, type HostResult } from '@picturelock/host-bridge';
import { hostContract, normalisedTimeline, referenceCutXml, referenceCut } from './contract.ts';

function manualClock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

hostContract('demo', async () => {
  const clock = manualClock(1_000);
  const host = createDemoHost({ files: [{ name: 'reference-cut.xml', text: referenceCutXml() }], clock });
  return {
    host,
    expected: referenceCut(),
    controls: {
      outputFolder: '/Demo/Renders',
      failRenderJob: (jobId: string) => host.failJob(jobId),
      completeRenderJobs: async () => clock.advance(3_600_000),
      callCount: () => host.callCount(),
    },
  };
}, { maxCallsToRead: () => 1 });

const example = (name: string) => readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');

function valueOf<T>(r: HostResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function sampleProject(clock = manualClock()) {
  return createDemoHost({
    files: [
      { name: 'scene-v1.xml', text: example('scene-v1.xml') },
      { name: 'scene-v1.edl', text: example('scene-v1.edl') },
      { name: 'scene-v2.edl', text: example('scene-v2.edl') },
    ],
    inventory: example('media.ale'),
    clock,
  });
}

describe('demo host: the examples/ sample project', () => {
  it('holds the three example cuts with the first one active', async () => {
    const host = sampleProject();
    expect(valueOf(await host.listTimelines())).toEqual([
      { id: 'scene-v1.xml', name: 'THE_LOCK_SC42_v1' },
      { id: 'scene-v1.edl', name: expect.any(String) },
      { id: 'scene-v2.edl', name: expect.any(String) },
    ]);
    const read = valueOf(await host.readTimeline());
    expect(read.ref.id).toBe('scene-v1.xml');
    const n = normalisedTimeline(read.timeline);
    expect([n.rate, n.start]).toEqual(['23.976', '01:00:00:00']);
    // V1's record offsets from the examples README: 0, 96, 156, 228, 282, 283, 349, 439, 487, 559, 619, 703.
    const v1 = n.tracks[0]!.items.filter((i) => 'clip' in i).map((i) => ('clip' in i ? i.record[0] : -1));
    expect(v1).toEqual([0, 96, 156, 228, 282, 283, 349, 439, 487, 559, 619]);
  });

  it('hands out the inventory records of the media the cut uses (no C001C001: it is missing)', async () => {
    const host = sampleProject();
    const read = valueOf(await host.readTimeline('scene-v1.edl'));
    const reels = [...new Set(read.media.map((m) => m.reel))].sort();
    expect(reels).toContain('A002C008_250316_R3FD');
    // Reel B002C004 matches both day-2 and day-4 camera clips: the ambiguity the conform reports.
    expect(reels.filter((r) => r?.startsWith('B002C004'))).toEqual(['B002C004_250315_R2C1', 'B002C004_250317_R2C1']);
    expect(reels.some((r) => r?.startsWith('C001C001'))).toBe(false);
    expect(reels.some((r) => r?.startsWith('B003C005'))).toBe(false);
  });

  it('moves the playhead, clamps it to the cut and tells subscribers', async () => {
    const host = sampleProject();
    const events: DemoHostEvent[] = [];
    host.subscribe((e) => events.push(e));
    valueOf(await host.setPlayhead('scene-v1.xml', 349));
    valueOf(await host.setPlayhead('scene-v1.xml', 10_000));
    expect(events).toEqual([
      { type: 'playhead', timelineId: 'scene-v1.xml', frame: 349 },
      { type: 'playhead', timelineId: 'scene-v1.xml', frame: 702 },
    ]);
  });

  it('exports the cut in memory as an EDL that names the dissolve', async () => {
    const host = sampleProject();
    valueOf(await host.exportTimeline('scene-v1.xml', 'edl', '/exports/v1.edl'));
    const text = host.exported('/exports/v1.edl')!;
    expect(text).toMatch(/^TITLE: THE_LOCK_SC42_v1/m);
    expect(text).toMatch(/\bD\s+024\b/);
  });

  it('renders over clock time: running at a quarter, then complete', async () => {
    const clock = manualClock(0);
    const host = sampleProject(clock);
    valueOf(await host.queueRenderJobs([{ jobId: 'R1', timelineId: 'scene-v1.xml', presetId: 'demo-prores-hq', outputFolder: '/out/', outputName: 'THE_LOCK_SC42_v1' }]));
    valueOf(await host.startRender(['R1']));
    // 703 frames at 240 frames a second: 2929.17 ms.
    clock.advance(733);
    expect(valueOf(await host.pollRenderJobs(['R1']))).toEqual([{ jobId: 'R1', hostJobId: 'demo-R1', state: 'running', percent: 25 }]);
    clock.advance(2200);
    expect(valueOf(await host.pollRenderJobs(['R1']))).toEqual([{ jobId: 'R1', hostJobId: 'demo-R1', state: 'completed', percent: 100, outputPath: '/out/THE_LOCK_SC42_v1.mov' }]);
    expect(timecodeOf(703, { num: 24000, den: 1001, dropFrame: false })).toBe('00:00:29:07');
  });
});
