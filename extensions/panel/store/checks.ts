import {
  conformCheckTimeline,
  conformDiffOnline,
  conformTimeline,
  detectInterchangeFormat,
  formatFrameRate,
  nominalFps,
  readInterchange,
  type Finding,
  type FrameRate,
  type MarkerColor,
  type Severity,
  type Timeline,
  type Waiver,
} from '@picturelock/core';
import type { MarkerSpec } from '@picturelock/host-bridge/browser';
import { ensureHost, hostCall } from './host.ts';
import { selectFindingRows } from './selectors.ts';
import type { ChecksSlice, SliceContext } from './types.ts';

/** Marker colour per severity: the colours editors already read as stop / look / note. */
export const SEVERITY_MARKER_COLOR: Readonly<Record<Severity, MarkerColor>> = { error: 'red', warning: 'yellow', info: 'blue' };

const MEDIA_CODES = new Set(['CONFORM_MEDIA_MISSING', 'CHECK_MEDIA_OFFLINE']);

/** Formats that carry no frame rate of their own: read at the timeline's rate unless told. */
const RATELESS = new Set(['edl']);

/** The list's timeline to compare with: the one named like the host timeline, else the first. */
function offlineTimelineOf(list: readonly Timeline[], name: string): Timeline | undefined {
  return list.find((t) => t.name === name) ?? list[0];
}

/** `1 slipped source, 2 wrong clips`: the comparison's findings counted by kind, in code order. */
function diffSummary(findings: readonly Finding[]): string {
  const by = new Map<string, number>();
  for (const f of findings) if (f.code.startsWith('DIFF_')) by.set(f.code, (by.get(f.code) ?? 0) + 1);
  const names: Record<string, [string, string]> = {
    DIFF_SLIP: ['slipped shot', 'slipped shots'],
    DIFF_WRONG_CLIP: ['wrong clip', 'wrong clips'],
    DIFF_EVENT_MISSING: ['missing shot', 'missing shots'],
    DIFF_EVENT_EXTRA: ['extra shot', 'extra shots'],
    DIFF_DURATION_CHANGED: ['changed duration', 'changed durations'],
  };
  return [...by].map(([code, n]) => `${n} ${(names[code] ?? [code, code])[n === 1 ? 0 : 1]}`).join(', ');
}

export function createChecksSlice(ctx: SliceContext): ChecksSlice {
  const noTimeline = () =>
    ctx.get().notify({ level: 'warning', title: 'No timeline loaded', message: 'Checks run on the active sequence, and none is loaded yet.', action: 'Press Refresh on the Timeline tab (open a sequence in the host first).', code: 'NO_ACTIVE_TIMELINE' });

  return {
    checkFindings: [],
    compareFindings: [],
    checksStatus: 'idle',
    checksRun: [],
    handles: 8,
    flashFrames: 3,
    severityFilter: { error: true, warning: true, info: true },
    codeFilter: '',
    waivers: [],
    activeFinding: 0,
    setCheckOptions(o) {
      const clean = (n: number | undefined, fallback: number) => (n === undefined || !Number.isFinite(n) || n < 0 ? fallback : Math.floor(n));
      ctx.set({ handles: clean(o.handles, ctx.get().handles), flashFrames: Math.max(1, clean(o.flashFrames, ctx.get().flashFrames)) });
    },
    async runChecks() {
      if (!(await ensureHost(ctx))) return;
      if (!ctx.get().current) await ctx.get().refresh();
      const tl = ctx.get().current;
      if (!tl) return noTimeline();
      ctx.set({ checksStatus: 'running' });
      const { handles, flashFrames } = ctx.get();
      let findings: Finding[];
      let checks: { id: string; version: number; findings: number }[];
      if (tl.media.length === 0) {
        // No media facts from the host: matching would call every event missing, so only lint runs.
        const lint = conformCheckTimeline(tl.timeline, { flashFrames });
        findings = [...tl.findings, ...lint.findings];
        checks = [...lint.checks];
        ctx.get().notify({ level: 'info', title: 'Conform skipped', message: 'The host reported no media for this timeline, so only the timeline lint ran.', action: 'Relink the media in the host, or run `picturelock conform` with an inventory.' });
      } else {
        const run = conformTimeline(tl.timeline, tl.media, { lint: true, handles, flashFrames });
        findings = [...tl.findings, ...run.findings];
        checks = [...run.checks];
      }
      // A comparison made on another timeline cannot share the list (nor its markers) with these.
      const keepCompare = ctx.get().compareList?.timelineId === tl.ref.id;
      ctx.set({
        checkFindings: findings,
        checksRun: checks,
        checkedTimeline: tl,
        checksStatus: 'done',
        activeFinding: 0,
        ...(keepCompare ? {} : { compareFindings: [], compareList: undefined }),
      });
      const offline = findings.filter((f) => MEDIA_CODES.has(f.code)).length;
      if (offline > 0) {
        ctx.get().notify({ level: 'warning', title: 'Media offline', message: `${offline} event${offline === 1 ? ' has' : 's have'} no media the host can find.`, action: 'Filter the list by CONFORM_MEDIA_MISSING, relink those clips in the host, then run the checks again.', code: 'MEDIA_OFFLINE' });
      }
    },
    async compareWithOffline(bytes, fileName, rate) {
      if (!(await ensureHost(ctx))) return false;
      if (!ctx.get().current) await ctx.get().refresh();
      const tl = ctx.get().current;
      if (!tl) {
        noTimeline();
        return false;
      }
      const online = tl.timeline;
      const format = detectInterchangeFormat(bytes);
      const assumed: FrameRate | undefined = !rate && format !== undefined && RATELESS.has(format) ? online.rate : undefined;
      const read = readInterchange(bytes, { file: fileName, ...(rate ?? assumed ? { rate: rate ?? assumed } : {}) });
      const offline = offlineTimelineOf(read.timelines, online.name);
      if (!offline) {
        const why = read.findings.filter((f) => f.severity === 'error').slice(0, 3).map((f) => f.message);
        ctx.get().notify({
          level: 'error',
          title: `Cannot read ${fileName}`,
          message: format === 'ale' ? `${fileName} is an ALE: a list of media, not a cut to compare with.` : why.length ? `${why.join('; ')}.` : `${fileName} holds no timeline.`,
          action: 'Choose the offline cut as a CMX3600 EDL, FCP7 XML, FCPXML, OTIO or AAF (export it again from the offline edit if need be).',
          code: 'OFFLINE_UNREADABLE',
        });
        return false;
      }
      if (nominalFps(offline.rate) !== nominalFps(online.rate)) {
        ctx.get().notify({
          level: 'error',
          title: 'Rates differ',
          message: `${fileName} runs at ${formatFrameRate(offline.rate)} fps and ${tl.ref.name} at ${formatFrameRate(online.rate)}: shots cannot be compared frame for frame.`,
          action: 'Compare with the offline list made for this timeline, or conform the timeline at the offline rate first.',
        });
        return false;
      }
      if (assumed) {
        ctx.get().notify({
          level: 'info',
          title: 'Rate taken from the timeline',
          message: `${fileName} is an EDL, which states no frame rate: it was read at ${tl.ref.name}'s ${formatFrameRate(assumed)} fps.`,
          action: 'If the offline was cut at another rate, compare with `picturelock diff --online --rate <rate>` instead.',
          code: 'OFFLINE_RATE_ASSUMED',
        });
      }
      if (read.timelines.length > 1) {
        ctx.get().notify({ level: 'info', title: 'Several timelines in the list', message: `${fileName} holds ${read.timelines.length} timelines; compared with "${offline.name}".` });
      }
      // The reader's notes (an overlap placed on V2, a rate inferred) are not about the online;
      // its warnings and errors are (a line it could not read shows up below as an extra shot).
      const readIssues = read.findings.filter((f) => f.severity !== 'info');
      const diff = conformDiffOnline(offline, online, { fileA: fileName, fileB: tl.ref.name }).findings;
      const sameTimeline = ctx.get().checkedTimeline?.ref.id === tl.ref.id;
      ctx.set({
        compareFindings: [...readIssues, ...diff],
        compareList: { name: fileName, format: format ?? 'unknown', timelineId: tl.ref.id },
        checkedTimeline: tl,
        activeFinding: 0,
        // Check findings of another timeline would be marked on this one: they go.
        ...(sameTimeline ? {} : { checkFindings: [], checksRun: [], checksStatus: 'idle' as const }),
      });
      const summary = diffSummary(diff);
      ctx.get().notify(
        summary
          ? { level: 'warning', title: `Compared with ${fileName}`, message: `${tl.ref.name} differs from the offline: ${summary}.`, action: 'Click a finding to go to the shot; Mark all puts a marker on each.', code: 'OFFLINE_DIFFERS' }
          : { level: 'success', title: `Compared with ${fileName}`, message: `${tl.ref.name} matches the offline shot for shot.` },
      );
      return true;
    },
    toggleSeverity(s) {
      const f = ctx.get().severityFilter;
      ctx.set({ severityFilter: { ...f, [s]: !f[s] }, activeFinding: 0 });
    },
    setCodeFilter(code) {
      ctx.set({ codeFilter: code, activeFinding: 0 });
    },
    setActiveFinding(index) {
      const n = selectFindingRows(ctx.get()).visible.length;
      ctx.set({ activeFinding: Math.max(0, Math.min(index, n - 1)) });
    },
    async goToFinding(f) {
      const frames = f.where.frames;
      if (!frames) {
        ctx.get().notify({ level: 'info', title: 'No timeline position', message: `${f.code} is about ${f.where.file ?? 'the list as a whole'}, not a place on the timeline.`, action: 'Read its message and fix; nothing to jump to.' });
        return false;
      }
      return ctx.get().seek(frames.start);
    },
    async markAll() {
      const tl = ctx.get().checkedTimeline;
      if (!tl) {
        ctx.get().notify({ level: 'warning', title: 'Nothing to mark', message: 'Run the checks (or compare with the offline list) first: markers are written for the findings in the list.', code: 'NOTHING_TO_DO' });
        return;
      }
      if (!ctx.get().hostInfo?.capabilities.writeMarkers) {
        ctx.get().notify({ level: 'warning', title: 'Markers not available', message: `${ctx.get().hostInfo?.name ?? 'This host'} does not let a panel write markers.`, action: 'Export the report and mark by hand, or use the CLI.', code: 'NOT_SUPPORTED' });
        return;
      }
      const visible = selectFindingRows(ctx.get()).visible;
      const placed = visible.filter((f) => f.where.frames);
      if (placed.length === 0) {
        ctx.get().notify({ level: 'info', title: 'Nothing to mark', message: visible.length ? 'None of the findings in the list has a timeline position.' : 'The list is empty (check the filters).', code: 'NOTHING_TO_DO' });
        return;
      }
      const markers: MarkerSpec[] = placed.map((f) => ({
        name: f.code,
        note: f.message,
        color: SEVERITY_MARKER_COLOR[f.severity],
        frames: { start: f.where.frames!.start, end: Math.max(f.where.frames!.end, f.where.frames!.start + 1) },
      }));
      if (!(await ensureHost(ctx))) return;
      const r = await hostCall(ctx, 'write markers', () => ctx.host.writeMarkers(tl.ref.id, markers));
      if (!r.ok) return;
      const skipped = visible.length - placed.length;
      ctx.get().notify({ level: 'success', title: 'Markers written', message: `${r.value.written} marker${r.value.written === 1 ? '' : 's'} on ${tl.ref.name}${skipped ? `; ${skipped} finding${skipped === 1 ? '' : 's'} without a timeline position skipped` : ''}.` });
    },
    waive(f, reason) {
      const why = reason.trim();
      if (!why) {
        ctx.get().notify({ level: 'warning', title: 'Reason needed', message: 'A waiver records why the client accepts this finding.', action: 'Type the reason (who approved it and why), then Waive.' });
        return false;
      }
      const w = f.where;
      const where = {
        ...(w.file !== undefined ? { file: w.file } : {}),
        ...(w.track !== undefined ? { track: w.track } : {}),
        ...(w.event !== undefined ? { event: w.event } : {}),
        ...(w.clip !== undefined ? { clip: w.clip } : {}),
        ...(w.record ? { recordIn: w.record.in } : {}),
      };
      const waiver: Waiver = { code: f.code, where, who: ctx.options.user, when: ctx.options.now().toISOString().slice(0, 10), why };
      ctx.set({ waivers: [...ctx.get().waivers, waiver] });
      ctx.get().setActiveFinding(ctx.get().activeFinding);
      return true;
    },
    unwaive(index) {
      ctx.set({ waivers: ctx.get().waivers.filter((_, i) => i !== index) });
    },
  };
}
