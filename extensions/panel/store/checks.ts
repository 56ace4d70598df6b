import { conformCheckTimeline, conformTimeline, type Finding, type MarkerColor, type Severity, type Waiver } from '@picturelock/core';
import type { MarkerSpec } from '@picturelock/host-bridge/browser';
import { ensureHost, hostCall } from './host.ts';
import { selectFindingRows } from './selectors.ts';
import type { ChecksSlice, SliceContext } from './types.ts';

/** Marker colour per severity: the colours editors already read as stop / look / note. */
export const SEVERITY_MARKER_COLOR: Readonly<Record<Severity, MarkerColor>> = { error: 'red', warning: 'yellow', info: 'blue' };

const MEDIA_CODES = new Set(['CONFORM_MEDIA_MISSING', 'CHECK_MEDIA_OFFLINE']);

export function createChecksSlice(ctx: SliceContext): ChecksSlice {
  const noTimeline = () =>
    ctx.get().notify({ level: 'warning', title: 'No timeline loaded', message: 'Checks run on the active sequence, and none is loaded yet.', action: 'Press Refresh on the Timeline tab (open a sequence in the host first).', code: 'NO_ACTIVE_TIMELINE' });

  return {
    checkFindings: [],
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
      ctx.set({ checkFindings: findings, checksRun: checks, checkedTimeline: tl, checksStatus: 'done', activeFinding: 0 });
      const offline = findings.filter((f) => MEDIA_CODES.has(f.code)).length;
      if (offline > 0) {
        ctx.get().notify({ level: 'warning', title: 'Media offline', message: `${offline} event${offline === 1 ? ' has' : 's have'} no media the host can find.`, action: 'Filter the list by CONFORM_MEDIA_MISSING, relink those clips in the host, then run the checks again.', code: 'MEDIA_OFFLINE' });
      }
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
        ctx.get().notify({ level: 'warning', title: 'Nothing to mark', message: 'Run the checks first: markers are written for the findings in the list.', code: 'NOTHING_TO_DO' });
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
