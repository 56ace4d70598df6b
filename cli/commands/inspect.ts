import type { Command } from 'commander';
import {
  buildReport,
  eventsOf,
  formatFrameRate,
  renderText,
  timecodeOf,
  timelineDuration,
  type Finding,
  type MediaRecord,
  type Timeline,
} from '@picturelock/core';
import { VERSION, type CliIO } from '../io.ts';
import { optionalRate, readListFile } from '../inputs.ts';

function speedLabel(num: number, den: number): string {
  if (num === den) return '';
  if (num === 0) return 'freeze';
  const pct = (num * 100) / den;
  return `${Number.isInteger(pct) ? pct : pct.toFixed(2)}%`;
}

/** A timeline as plain data for `--json`: what an assistant reads off an EDL, per track. */
export function timelineSummary(tl: Timeline): Record<string, unknown> {
  const events = eventsOf(tl);
  return {
    name: tl.name,
    rate: formatFrameRate(tl.rate),
    start: timecodeOf(tl.globalStart.value, tl.rate),
    duration: { frames: timelineDuration(tl).value, timecode: timecodeOf(timelineDuration(tl).value, tl.rate) },
    tracks: tl.tracks.map((t, trackIndex) => ({
      name: t.name,
      kind: t.trackKind,
      enabled: t.enabled,
      transitions: t.children.filter((c) => c.kind === 'transition').map((c) => (c.kind === 'transition' ? { type: c.transitionType, frames: c.inOffset.value + c.outOffset.value } : null)),
      events: events
        .filter((e) => e.trackIndex === trackIndex)
        .map((e) => ({
          event: e.id,
          clip: e.clip.name,
          reel: e.clip.reel ?? null,
          sourceFile: e.clip.sourceFile ?? null,
          recordIn: e.recordIn,
          recordOut: e.recordOut,
          sourceIn: e.sourceIn,
          sourceOut: e.sourceOut,
          frames: e.record.duration.value,
          speed: `${e.speed.num}/${e.speed.den}`,
          enabled: e.clip.enabled,
        })),
    })),
    markers: tl.markers.map((m) => ({ name: m.name, color: m.color, at: timecodeOf(m.markedRange.start.value, tl.rate) })),
  };
}

function printTimeline(io: CliIO, tl: Timeline): void {
  const d = timelineDuration(tl);
  io.out(`${tl.name}  rate ${formatFrameRate(tl.rate)}  start ${timecodeOf(tl.globalStart.value, tl.rate)}  duration ${timecodeOf(d.value, tl.rate)} (${d.value} frames)\n`);
  const events = eventsOf(tl);
  tl.tracks.forEach((t, ti) => {
    const mine = events.filter((e) => e.trackIndex === ti);
    const transitions = t.children.filter((c) => c.kind === 'transition').length;
    io.out(`\n${t.name} (${t.trackKind}${t.enabled ? '' : ', disabled'}): ${mine.length} event${mine.length === 1 ? '' : 's'}${transitions ? `, ${transitions} transition${transitions === 1 ? '' : 's'}` : ''}\n`);
    if (mine.length === 0) return;
    const rows = mine.map((e) => [
      e.id,
      e.clip.reel ?? '',
      e.sourceIn,
      e.sourceOut,
      e.recordIn,
      e.recordOut,
      String(e.record.duration.value),
      speedLabel(e.speed.num, e.speed.den),
      e.clip.name + (e.clip.enabled ? '' : ' (disabled)'),
    ]);
    const head = ['#', 'reel', 'src in', 'src out', 'rec in', 'rec out', 'frames', 'speed', 'clip'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
    io.out(`  ${line(head)}\n${rows.map((r) => `  ${line(r)}`).join('\n')}\n`);
  });
  if (tl.markers.length) {
    io.out(`\nMarkers\n${tl.markers.map((m) => `  ${timecodeOf(m.markedRange.start.value, tl.rate)}  ${m.color.padEnd(7)}  ${m.name}`).join('\n')}\n`);
  }
}

function printInventory(io: CliIO, records: readonly MediaRecord[]): void {
  io.out(`${records.length} clip${records.length === 1 ? '' : 's'}\n`);
  for (const r of records) {
    const start = r.availableRange && r.rate ? timecodeOf(r.availableRange.start.value, r.rate) : '';
    io.out(`  ${(r.clipName ?? '').padEnd(24)}  ${(r.reel ?? '').padEnd(12)}  ${start}  ${r.availableRange ? `${r.availableRange.duration.value} frames` : ''}  ${r.fileName ?? r.path ?? ''}\n`);
  }
}

export function registerInspect(program: Command, io: CliIO): void {
  program
    .command('inspect')
    .description('read an EDL, FCP7 XML, FCPXML, OTIO, ALE or AAF and list its tracks, events and the reader\'s findings')
    .argument('<file>', 'the list to read (format detected by content)')
    .option('-r, --rate <rate>', 'the list\'s frame rate when the format does not say (EDL)')
    .option('--json', 'print JSON instead of a table')
    .action((file: string, opts: { rate?: string; json?: boolean }) => {
      const result = readListFile(file, optionalRate(opts.rate));
      const findings: readonly Finding[] = result.findings;
      if (opts.json) {
        io.out(`${JSON.stringify({ schema: 'picturelock.inspect/1', file, format: result.format, timelines: result.timelines.map(timelineSummary), inventory: result.inventory, findings }, null, 2)}\n`);
      } else {
        io.out(`${file} (${result.format})\n\n`);
        result.timelines.forEach((tl, i) => {
          if (i > 0) io.out('\n');
          printTimeline(io, tl);
        });
        if (result.format === 'ale') printInventory(io, result.inventory);
        if (findings.length) {
          const report = buildReport({ title: 'Reader findings', toolVersion: VERSION, generatedAt: '', findings });
          io.out(`\n${renderText(report, { color: io.color }).split('\n').slice(1).join('\n')}`);
        }
      }
      if (findings.some((f) => f.severity === 'error')) io.exitCode = 1;
    });
}
