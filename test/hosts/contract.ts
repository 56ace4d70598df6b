import { readFileSync } from 'node:fs';
import { expect, it, describe } from 'vitest';
import {
  formatFrameRate,
  rangesInTrack,
  readFcp7Xml,
  rescaledTo,
  speedOf,
  timecodeOf,
  type Timeline,
  type TrackKind,
} from '@picturelock/core';
import type { Host, HostErrorCode, HostResult, MarkerSpec, RenderJobSpec, RenderJobStatus } from '@picturelock/host-bridge';

/**
 * The host contract: the assertions every Host adapter passes against its fake (or, in a
 * manual lane, against the real host). One call registers the whole suite:
 *
 *   hostContract('premiere-cep', async () => ({ host, expected, controls }));
 *
 * `make` builds a fresh host per test, loaded with the reference cut
 * (`fixtures/reference-cut.xml`, read with `referenceCut()`), and returns the timeline the
 * host should read back (normally `referenceCut()` itself) and the fake's `FakeControls`.
 *
 * The reference cut: "PL_CONTRACT_REF_v1", 29.97 drop-frame, starting at 01:00:00;00 (frame
 * 107892), 320 frames, tracks V1 V2 A1 A2. V1: "A-Roll 1" [0,90); `O'Brien "wide" \ take 2`
 * [90,120); a 30-frame centred Cross Dissolve at 120 (15 frames each side); "東京 night 3"
 * [120,200); "Slow 50" [200,260) at 50 %; "Reverse Pull" [260,320) at -100 %. V2:
 * "VFX_010_comp_v003" [30,90) (NDF source timecode). A1: "A-Roll 1" [0,120), "Room tone —
 * ambience" [120,320). A2: "Music temp" [0,320). Record frames count from the timeline start.
 */

export interface FakeControls {
  /** Makes the plan job `jobId` fail when the host runs it (called after queueing, before starting). */
  failRenderJob(jobId: string): void;
  /**
   * Drives the host's queue until every job of ours has finished: fires the encoder's events,
   * advances clocks, waits for processes. Jobs not failed complete.
   */
  completeRenderJobs(): Promise<void>;
  /** Host calls made so far: evalScript round trips, API calls, RPC requests. */
  callCount(): number;
  /** Folder the contract's render jobs write into (a temp dir for hosts that really write). */
  readonly outputFolder: string;
}

export interface HostUnderTest {
  readonly host: Host;
  readonly expected: Timeline;
  readonly controls: FakeControls;
}

export interface HostContractOptions {
  /** The most host calls one `readTimeline` may cost for a timeline of `clips` clips (CEP: 1). */
  readonly maxCallsToRead?: (clips: number) => number;
}

const REFERENCE_URL = new URL('./fixtures/reference-cut.xml', import.meta.url);

/** The reference cut as FCP7 XML text. */
export function referenceCutXml(): string {
  return readFileSync(REFERENCE_URL, 'utf8');
}

/** The reference cut read with core's FCP7 XML reader: what every adapter must read back. */
export function referenceCut(): Timeline {
  const read = readFcp7Xml(referenceCutXml(), { file: 'reference-cut.xml' });
  const tl = read.value?.[0];
  if (!tl || read.findings.length > 0) throw new Error(`reference cut did not read cleanly: ${read.findings.map((f) => f.code).join(', ')}`);
  return tl;
}

// ---------------------------------------------------------------- the normalised core timeline

export type NormalisedItem =
  | {
      readonly clip: string;
      readonly reel: string | null;
      /** Record frames from the timeline start, [start, end). */
      readonly record: readonly [number, number];
      /** Source frames at the source rate: first frame played and length in the track; the rate as "num/den". */
      readonly source: { readonly start: number; readonly duration: number; readonly rate: string };
      /** Source frames per record frame, reduced ("1/2", "-1/1"). */
      readonly speed: string;
    }
  | {
      readonly transition: string;
      /** The cut point, in record frames. */
      readonly at: number;
      /** Frames before and after the cut, at the timeline rate. */
      readonly before: number;
      readonly after: number;
    };

export interface NormalisedTrack {
  readonly kind: TrackKind;
  /** 1-based within its kind: V2 stays V2 even when V1 is empty. */
  readonly index: number;
  readonly items: readonly NormalisedItem[];
}

export interface NormalisedTimeline {
  /** "29.97 DF" style, from the exact rate. */
  readonly rate: string;
  readonly start: string;
  readonly tracks: readonly NormalisedTrack[];
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y) [x, y] = [y, x % y];
  return x || 1;
}

/**
 * What the contract compares: the rate (with drop-frame), the start timecode, and per track
 * (kind and index) every clip's name, reel, record range, source range and speed, and every
 * transition's type, cut point and offsets.
 *
 * Ignored on purpose, because hosts legitimately differ there: track names ("V1" vs "Video
 * 1"), tracks with no clip at all (Premiere's empty default tracks), gaps (their effect is in
 * the record ranges), enabled flags, media references and paths (file URLs vs paths vs
 * project items), markers (tested through read/writeMarkers), effects other than speed,
 * transition display names (only `transitionType` counts), and all metadata.
 */
export function normalisedTimeline(tl: Timeline): NormalisedTimeline {
  const r = tl.rate;
  const counts: Record<TrackKind, number> = { video: 0, audio: 0 };
  const tracks: NormalisedTrack[] = [];
  for (const t of tl.tracks) {
    const index = ++counts[t.trackKind];
    const ranges = rangesInTrack(t, r);
    const items: NormalisedItem[] = [];
    t.children.forEach((child, i) => {
      const rr = ranges[i]!;
      if (child.kind === 'clip') {
        const s = speedOf(child);
        const g = gcd(s.num, s.den);
        items.push({
          clip: child.name,
          reel: child.reel ?? null,
          record: [rr.start.value, rr.start.value + rr.duration.value],
          source: {
            start: child.sourceRange.start.value,
            duration: child.sourceRange.duration.value,
            rate: `${child.sourceRange.start.rate.num}/${child.sourceRange.start.rate.den}`,
          },
          speed: `${s.num / g}/${s.den / g}`,
        });
      } else if (child.kind === 'transition') {
        items.push({
          transition: child.transitionType,
          at: rr.start.value,
          before: rescaledTo(child.inOffset, r, 'round'),
          after: rescaledTo(child.outOffset, r, 'round'),
        });
      }
    });
    if (items.some((it) => 'clip' in it)) tracks.push({ kind: t.trackKind, index, items });
  }
  return { rate: formatFrameRate(r), start: timecodeOf(rescaledTo(tl.globalStart, r, 'round'), r), tracks };
}

// ---------------------------------------------------------------- assertions

function valueOf<T>(r: HostResult<T>, what: string): T {
  if (!r.ok) throw new Error(`${what} failed: ${r.error.code}: ${r.error.message}${r.error.detail ? ` (${r.error.detail})` : ''}`);
  return r.value;
}

function errorCodeOf<T>(r: HostResult<T>): HostErrorCode | 'ok' {
  return r.ok ? 'ok' : r.error.code;
}

function clipCount(tl: Timeline): number {
  return tl.tracks.reduce((n, t) => n + t.children.filter((c) => c.kind === 'clip').length, 0);
}

/** Markers a checker would write: a point on the first frame, a range over the dissolve, a point on the last frame. */
export const CONTRACT_MARKERS: readonly MarkerSpec[] = [
  { name: 'FLASH FRAME?', note: 'check 01:00:00;00', color: 'red', frames: { start: 0, end: 1 } },
  { name: 'Dissolve "A/B" \\ handles', note: 'needs 15 frames of tail handle\nsecond line', color: 'yellow', frames: { start: 105, end: 135 } },
  { name: '東京 — last frame', color: 'cyan', frames: { start: 319, end: 320 } },
];

function markerShape(m: MarkerSpec): MarkerSpec {
  return { name: m.name, ...(m.note ? { note: m.note } : {}), color: m.color, frames: { start: m.frames.start, end: m.frames.end } };
}

function statusShape(s: RenderJobStatus): { jobId: string; state: string } {
  return { jobId: s.jobId, state: s.state };
}

export function hostContract(name: string, make: () => Promise<HostUnderTest>, options: HostContractOptions = {}): void {
  describe(`host contract: ${name}`, () => {
    it('identifies itself and says what it can do', async () => {
      const { host } = await make();
      const info = valueOf(await host.info(), 'info');
      expect(info.name.length).toBeGreaterThan(0);
      expect(info.version.length).toBeGreaterThan(0);
      expect(info.capabilities.readTimeline).toBe(true);
    });

    it('lists the active timeline among its timelines', async () => {
      const { host, expected } = await make();
      const active = valueOf(await host.activeTimeline(), 'activeTimeline');
      expect(active.name).toBe(expected.name);
      const list = valueOf(await host.listTimelines(), 'listTimelines');
      expect(list.map((t) => t.id)).toContain(active.id);
    });

    it('reads the reference cut into the same core timeline as its XML', async () => {
      const { host, expected } = await make();
      const active = valueOf(await host.activeTimeline(), 'activeTimeline');
      const read = valueOf(await host.readTimeline(active.id), 'readTimeline');
      expect(read.ref.id).toBe(active.id);
      expect(read.timeline.name).toBe(expected.name);
      const got = normalisedTimeline(read.timeline);
      expect(got).toEqual(normalisedTimeline(expected));
      // The facts themselves, so a reader and a fake that agree on a wrong answer still fail.
      expect(got.rate).toBe('29.97 DF');
      expect(got.start).toBe('01:00:00;00');
      expect(read.timeline.globalStart.value).toBe(107892);
      const v1 = got.tracks[0]!;
      expect(v1.items).toContainEqual({ transition: 'dissolve', at: 120, before: 15, after: 15 });
      expect(v1.items).toContainEqual({ clip: 'Slow 50', reel: 'B003C001', record: [200, 260], source: { start: 1079260, duration: 60, rate: '30000/1001' }, speed: '1/2' });
      expect(v1.items).toContainEqual({ clip: 'Reverse Pull', reel: 'A002C004', record: [260, 320], source: { start: 1079479, duration: 60, rate: '30000/1001' }, speed: '-1/1' });
      expect(v1.items).toContainEqual({ clip: '東京 night 3', reel: 'A001C007', record: [120, 200], source: { start: 1532683, duration: 80, rate: '30000/1001' }, speed: '1/1' });
      expect(got.tracks.map((t) => `${t.kind === 'video' ? 'V' : 'A'}${t.index}`)).toEqual(['V1', 'V2', 'A1', 'A2']);
    });

    it('reads the active timeline when no id is given', async () => {
      const { host, expected } = await make();
      const read = valueOf(await host.readTimeline(), 'readTimeline()');
      expect(normalisedTimeline(read.timeline)).toEqual(normalisedTimeline(expected));
    });

    if (options.maxCallsToRead) {
      const budget = options.maxCallsToRead;
      it('reads within its host-call budget', async () => {
        const { host, expected, controls } = await make();
        const before = controls.callCount();
        valueOf(await host.readTimeline(), 'readTimeline');
        const used = controls.callCount() - before;
        expect(used).toBeGreaterThan(0);
        expect(used).toBeLessThanOrEqual(budget(clipCount(expected)));
      });
    }

    it('answers TIMELINE_NOT_FOUND for an id it does not have', async () => {
      const { host } = await make();
      expect(errorCodeOf(await host.readTimeline('no-such-timeline-7f3a'))).toBe('TIMELINE_NOT_FOUND');
    });

    it('writes markers and reads them back', async () => {
      const { host } = await make();
      const info = valueOf(await host.info(), 'info');
      const id = valueOf(await host.activeTimeline(), 'activeTimeline').id;
      if (!info.capabilities.writeMarkers) {
        expect(errorCodeOf(await host.writeMarkers(id, CONTRACT_MARKERS))).toBe('NOT_SUPPORTED');
        return;
      }
      expect(valueOf(await host.readMarkers(id), 'readMarkers (before)')).toEqual([]);
      expect(valueOf(await host.writeMarkers(id, CONTRACT_MARKERS), 'writeMarkers')).toEqual({ written: 3 });
      const back = valueOf(await host.readMarkers(id), 'readMarkers');
      const sorted = [...back].sort((a, b) => a.frames.start - b.frames.start).map(markerShape);
      expect(sorted).toEqual(CONTRACT_MARKERS.map(markerShape));
    });

    it('moves the playhead to a record frame', async () => {
      const { host } = await make();
      const info = valueOf(await host.info(), 'info');
      const id = valueOf(await host.activeTimeline(), 'activeTimeline').id;
      const r = await host.setPlayhead(id, 135);
      expect(errorCodeOf(r)).toBe(info.capabilities.setPlayhead ? 'ok' : 'NOT_SUPPORTED');
    });

    it('queues three jobs, fails one, completes two, and reports exactly that', async () => {
      const { host, controls } = await make();
      const info = valueOf(await host.info(), 'info');
      const id = valueOf(await host.activeTimeline(), 'activeTimeline').id;
      if (!info.capabilities.renderQueue) {
        expect(errorCodeOf(await host.listRenderPresets())).toBe('NOT_SUPPORTED');
        return;
      }
      const presets = valueOf(await host.listRenderPresets(), 'listRenderPresets');
      expect(presets.length).toBeGreaterThan(0);
      const jobs: RenderJobSpec[] = ['pl-job-1', 'pl-job-2', 'pl-job-3'].map((jobId) => ({
        jobId,
        timelineId: id,
        presetId: presets[0]!.id,
        outputFolder: controls.outputFolder,
        outputName: jobId,
        frames: { start: 0, end: 30 },
      }));
      const queued = valueOf(await host.queueRenderJobs(jobs), 'queueRenderJobs');
      expect(queued.map(statusShape)).toEqual(jobs.map((j) => ({ jobId: j.jobId, state: 'queued' })));
      controls.failRenderJob('pl-job-2');
      valueOf(await host.startRender(jobs.map((j) => j.jobId)), 'startRender');
      await controls.completeRenderJobs();
      const done = valueOf(await host.pollRenderJobs(jobs.map((j) => j.jobId)), 'pollRenderJobs');
      expect(done.map(statusShape)).toEqual([
        { jobId: 'pl-job-1', state: 'completed' },
        { jobId: 'pl-job-2', state: 'failed' },
        { jobId: 'pl-job-3', state: 'completed' },
      ]);
      for (const s of done.filter((d) => d.state === 'completed')) {
        expect(s.percent).toBe(100);
        expect(s.outputPath).toContain(s.jobId);
      }
      const failed = done.find((d) => d.jobId === 'pl-job-2')!;
      expect(failed.error?.length ?? 0).toBeGreaterThan(0);
      expect(failed.outputPath).toBeUndefined();
    });

    it('answers RENDER_JOB_NOT_FOUND when polling a job it never queued', async () => {
      const { host } = await make();
      const info = valueOf(await host.info(), 'info');
      if (!info.capabilities.renderQueue) return;
      expect(errorCodeOf(await host.pollRenderJobs(['pl-never-queued']))).toBe('RENDER_JOB_NOT_FOUND');
    });

    it('cancels a queued job before it runs', async () => {
      const { host, controls } = await make();
      const info = valueOf(await host.info(), 'info');
      if (!info.capabilities.renderQueue) return;
      if (!info.capabilities.cancelRender) {
        expect(errorCodeOf(await host.cancelRender(['pl-cancel-1']))).toBe('NOT_SUPPORTED');
        return;
      }
      const id = valueOf(await host.activeTimeline(), 'activeTimeline').id;
      const preset = valueOf(await host.listRenderPresets(), 'listRenderPresets')[0]!;
      const job: RenderJobSpec = { jobId: 'pl-cancel-1', timelineId: id, presetId: preset.id, outputFolder: controls.outputFolder, outputName: 'pl-cancel-1', frames: { start: 0, end: 30 } };
      valueOf(await host.queueRenderJobs([job]), 'queueRenderJobs');
      valueOf(await host.cancelRender([job.jobId]), 'cancelRender');
      const polled = valueOf(await host.pollRenderJobs([job.jobId]), 'pollRenderJobs');
      expect(polled.map(statusShape)).toEqual([{ jobId: 'pl-cancel-1', state: 'cancelled' }]);
    });
  });
}
