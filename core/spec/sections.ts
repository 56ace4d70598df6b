import { escapeXml, type ReportSection } from '../findings/index.ts';
import type { SpecEvaluation } from './engine.ts';
import { qcLabel, type QcMeasurement } from './qc.ts';

/**
 * Report sections for spec validation: the rule table (requested vs actual), the loudness
 * plot (momentary and short-term over time) and the strip of QC events. Pure string
 * builders; the SVG is self-contained (no script, no external font).
 */

const OUTCOME_TEXT = { pass: 'pass', fail: 'FAIL', 'not-stated': 'FAIL (not stated)', 'not-measured': 'not measured' } as const;

/** One row per evaluated rule: rule, requested, actual, outcome, severity, source. */
export function specRuleTableSection(e: SpecEvaluation): ReportSection {
  return {
    kind: 'table',
    title: `Rules: ${e.subject} against ${e.profileId}`,
    columns: ['Rule', 'Requested', 'Actual', 'Outcome', 'Severity', 'Source'],
    rows: e.results.map((r) => [
      `${'  '.repeat(Math.max(0, r.depth))}${r.group ? `[${r.group}] ` : ''}${r.name}`,
      r.requested,
      r.actual,
      OUTCOME_TEXT[r.outcome],
      r.severity,
      r.source ? `${r.source} [${r.confidence ?? ''}]` : '',
    ]),
  };
}

const W = 900;
const H = 260;
const PAD = { l: 48, r: 12, t: 12, b: 28 };
/** LUFS shown on the plot; quieter values sit on the floor. */
const FLOOR = -60;
const CEIL = 0;

function polyline(values: readonly number[], x: (i: number) => number, y: (v: number) => number, colour: string, width: number): string {
  if (values.length === 0) return '';
  // One point per pixel column at most: the plot stays small for long programmes.
  const step = Math.max(1, Math.floor(values.length / (W - PAD.l - PAD.r)));
  const pts: string[] = [];
  for (let i = 0; i < values.length; i += step) {
    let v = values[i]!;
    for (let j = i + 1; j < Math.min(values.length, i + step); j++) v = Math.max(v, values[j]!);
    pts.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  }
  return `<polyline fill="none" stroke="${colour}" stroke-width="${width}" points="${pts.join(' ')}"/>`;
}

/**
 * Momentary (400 ms) and short-term (3 s) loudness over the programme, with the target and
 * tolerance band when given. The x axis is labelled in timecode at the file's rate.
 */
export function specLoudnessPlotSection(m: QcMeasurement, target?: { lufs: number; minus: number; plus: number }): ReportSection | undefined {
  const l = m.loudness;
  if (!l || l.momentary.length === 0) return undefined;
  const n = Math.max(l.momentary.length, l.shortTerm.length);
  const plotW = W - PAD.l - PAD.r;
  const plotH = H - PAD.t - PAD.b;
  const x = (i: number) => PAD.l + (n <= 1 ? 0 : (i / (n - 1)) * plotW);
  const y = (v: number) => PAD.t + ((CEIL - Math.min(CEIL, Math.max(FLOOR, v))) / (CEIL - FLOOR)) * plotH;
  const parts: string[] = [];
  parts.push(`<rect x="${PAD.l}" y="${PAD.t}" width="${plotW}" height="${plotH}" fill="#fafafc" stroke="#d9d9de"/>`);
  if (target) {
    const top = y(target.lufs + target.plus);
    const bottom = y(target.lufs - target.minus);
    parts.push(`<rect class="target-band" x="${PAD.l}" y="${top.toFixed(1)}" width="${plotW}" height="${Math.max(1, bottom - top).toFixed(1)}" fill="#1e6b34" fill-opacity="0.12"/>`);
    parts.push(`<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${y(target.lufs).toFixed(1)}" y2="${y(target.lufs).toFixed(1)}" stroke="#1e6b34" stroke-dasharray="4 3"/>`);
  }
  for (let v = FLOOR; v <= CEIL; v += 10) {
    parts.push(`<line x1="${PAD.l - 4}" x2="${PAD.l}" y1="${y(v)}" y2="${y(v)}" stroke="#888"/><text x="${PAD.l - 6}" y="${y(v) + 4}" font-size="10" text-anchor="end" fill="#555">${v}</text>`);
  }
  // Five time ticks; series point i is at i / seriesRate seconds = i * rate / seriesRate frames.
  for (let k = 0; k <= 4; k++) {
    const i = Math.round(((n - 1) * k) / 4);
    const frames = Math.floor((i * l.seriesRate.den * m.rate.num) / (l.seriesRate.num * m.rate.den));
    parts.push(`<text x="${x(i).toFixed(1)}" y="${H - 8}" font-size="10" text-anchor="${k === 0 ? 'start' : k === 4 ? 'end' : 'middle'}" fill="#555">${escapeXml(qcLabel(m, frames))}</text>`);
  }
  parts.push(`<g class="momentary">${polyline(l.momentary, x, y, '#8fb3d9', 1)}</g>`);
  parts.push(`<g class="short-term">${polyline(l.shortTerm, x, y, '#1f4e8c', 2)}</g>`);
  parts.push(`<text x="${PAD.l + 6}" y="${PAD.t + 14}" font-size="11" fill="#1f4e8c">short-term (3 s)</text><text x="${PAD.l + 110}" y="${PAD.t + 14}" font-size="11" fill="#8fb3d9">momentary (400 ms)</text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" class="loudness-plot" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Loudness over time, LUFS">${parts.join('')}</svg>`;
  return {
    kind: 'svg',
    title: `Loudness over time: ${m.path}`,
    svg,
    caption: `Integrated ${l.integrated.toFixed(1)} LUFS, LRA ${l.lra.toFixed(1)} LU, true peak ${l.truePeak.toFixed(1)} dBTP, short-term max ${l.shortTermMax.toFixed(1)} LUFS, momentary max ${l.momentaryMax.toFixed(1)} LUFS${target ? `; band: ${target.lufs} LUFS -${target.minus}/+${target.plus} LU` : ''}.`,
  };
}

const EVENT_COLOURS = { black: '#1c1c1e', freeze: '#2f5f8a', silence: '#8a5a00', levels: '#b3261e' } as const;
const LANES = ['black', 'freeze', 'silence', 'levels'] as const;

/** A strip per event kind across the programme, each event drawn where it happens with its timecode range as a tooltip. */
export function specQcStripSection(m: QcMeasurement): ReportSection {
  const laneH = 18;
  const h = PAD.t + LANES.length * (laneH + 6) + 24;
  const plotW = W - PAD.l - PAD.r - 40;
  const left = PAD.l + 40;
  const total = Math.max(1, m.durationFrames);
  const x = (f: number) => left + (Math.min(Math.max(0, f), total) / total) * plotW;
  const parts: string[] = [];
  LANES.forEach((kind, lane) => {
    const top = PAD.t + lane * (laneH + 6);
    parts.push(`<text x="${left - 6}" y="${top + 13}" font-size="11" text-anchor="end" fill="#333">${kind}</text>`);
    parts.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${laneH}" fill="#f3f3f6" stroke="#d9d9de"/>`);
    for (const e of m.events.filter((ev) => ev.kind === kind)) {
      const x0 = x(e.start);
      const w = Math.max(1.5, x(e.end) - x0);
      const label = `${kind} ${qcLabel(m, e.start)}-${qcLabel(m, e.end)}${e.detail ? ` (${e.detail})` : ''}`;
      parts.push(`<rect class="qc-event qc-${kind}" x="${x0.toFixed(1)}" y="${top}" width="${w.toFixed(1)}" height="${laneH}" fill="${EVENT_COLOURS[kind]}"><title>${escapeXml(label)}</title></rect>`);
    }
  });
  const axisY = h - 8;
  parts.push(`<text x="${left}" y="${axisY}" font-size="10" fill="#555">${escapeXml(qcLabel(m, 0))}</text><text x="${left + plotW}" y="${axisY}" font-size="10" text-anchor="end" fill="#555">${escapeXml(qcLabel(m, total))}</text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" class="qc-strip" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="QC events over the programme">${parts.join('')}</svg>`;
  const count = m.events.length;
  return { kind: 'svg', title: `QC events: ${m.path}`, svg, caption: count === 0 ? 'No black, freeze, silence or out-of-range levels detected.' : `${count} event${count === 1 ? '' : 's'}; hover for timecode ranges.` };
}
