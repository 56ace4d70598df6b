import { escapeXml, renderHtml, type Finding, type Report, type ReportSection } from '../findings/index.ts';
import { timecodeOf } from '../time/index.ts';
import { timelineDuration, type Timeline } from '../timeline/index.ts';
import { conformSourceLabel, type ConformEvent } from './events.ts';
import type { ConformEventResult } from './conform.ts';
import type { ConformChange } from './diff.ts';
import { conformChangeRows } from './diff.ts';

/** Report pieces for conform, check and diff: the timeline strip, the match table, the change table. */

const SEVERITY_COLOR = { error: '#b3261e', warning: '#c77700', info: '#2f5f8a' } as const;

/**
 * The timeline as an SVG strip: one row a track (V1 at the bottom of the picture tracks, as
 * NLEs draw them), one box an event, and each finding as a coloured bar over the record
 * frames it is about (a triangle when it is about one frame). Hover titles name the finding.
 */
export function conformStripSvg(tl: Timeline, events: readonly ConformEvent[], findings: readonly Finding[]): string {
  const total = Math.max(1, timelineDuration(tl).value, ...events.map((e) => e.recordEnd));
  const width = 1000;
  const left = 48;
  const rowH = 26;
  const top = 22;
  const video = tl.tracks.map((t, i) => ({ t, i })).filter((x) => x.t.trackKind === 'video').reverse();
  const audio = tl.tracks.map((t, i) => ({ t, i })).filter((x) => x.t.trackKind === 'audio');
  const rows = [...video, ...audio];
  const rowOf = new Map<number, number>(rows.map((r, k) => [r.i, k]));
  const extraRow = rows.length;
  const height = top + (rows.length + 1) * rowH + 8;
  const x = (f: number) => left + (f / total) * (width - left - 4);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(`Timeline strip of ${tl.name}`)}" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="10">`);
  // Ruler: ten ticks with record timecode.
  for (let k = 0; k <= 10; k++) {
    const f = Math.round((total * k) / 10);
    parts.push(`<line x1="${x(f).toFixed(1)}" y1="${top - 6}" x2="${x(f).toFixed(1)}" y2="${height - 8}" stroke="#e2e2e8"/>`);
    if (k < 10) parts.push(`<text x="${(x(f) + 2).toFixed(1)}" y="${top - 9}" fill="#5b5b63">${escapeXml(timecodeOf(tl.globalStart.value + f, tl.rate))}</text>`);
  }
  rows.forEach((r, k) => {
    parts.push(`<text x="4" y="${top + k * rowH + 16}" fill="#1c1c1e">${escapeXml(r.t.name || `${r.t.trackKind === 'video' ? 'V' : 'A'}${r.i + 1}`)}</text>`);
  });
  parts.push(`<text x="4" y="${top + extraRow * rowH + 16}" fill="#5b5b63">all</text>`);
  for (const e of events) {
    const row = rowOf.get(e.trackIndex);
    if (row === undefined) continue;
    const x0 = x(e.recordStart);
    const w = Math.max(1, x(e.recordEnd) - x0);
    const y = top + row * rowH + 3;
    const label = w > 22 ? `<text x="${(x0 + 2).toFixed(1)}" y="${y + 13}" fill="#1c1c1e">${escapeXml(e.id)}</text>` : '';
    parts.push(
      `<g class="event"><rect x="${x0.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${e.trackKind === 'video' ? '#dfe7f1' : '#e3efe3'}" stroke="#8c8c96" stroke-width="0.5"><title>${escapeXml(`event ${e.id} ${e.clip.name} ${e.row.recordIn}-${e.row.recordOut}`)}</title></rect>${label}</g>`,
    );
  }
  for (const f of findings) {
    const fr = f.where.frames;
    if (!fr) continue;
    const row = f.where.trackIndex !== undefined ? (rowOf.get(f.where.trackIndex) ?? extraRow) : extraRow;
    const y = top + row * rowH;
    const x0 = x(fr.start);
    const x1 = x(Math.max(fr.end, fr.start + 1));
    const color = SEVERITY_COLOR[f.severity];
    const title = `<title>${escapeXml(`${f.code}: ${f.message}`)}</title>`;
    if (x1 - x0 < 4) {
      parts.push(`<path class="finding" data-code="${escapeXml(f.code)}" d="M${x0.toFixed(1)} ${y + 1} l-4 -7 h8 z" fill="${color}">${title}</path>`);
    } else {
      parts.push(`<rect class="finding" data-code="${escapeXml(f.code)}" x="${x0.toFixed(1)}" y="${y}" width="${(x1 - x0).toFixed(1)}" height="3" fill="${color}">${title}</rect>`);
    }
  }
  parts.push('</svg>');
  return parts.join('');
}

/** The strip as a report section, with a caption saying how to read it. */
export function conformStripSection(tl: Timeline, events: readonly ConformEvent[], findings: readonly Finding[]): ReportSection {
  return {
    kind: 'svg',
    title: 'Timeline',
    svg: conformStripSvg(tl, events, findings),
    caption: `${tl.name}: one box an event; findings on top of the track they concern (red error, amber warning, blue information).`,
  };
}

/** Every event with how it matched, its media and its handles. */
export function conformMatchSection(results: readonly ConformEventResult[]): ReportSection {
  const rows = results.map(({ event: e, match: m, handles }) => {
    const need = e.consumed;
    const media = m.status === 'matched' ? (m.record.fileName ?? m.record.clipName ?? '') : m.status === 'ambiguous' ? m.candidates.map((c) => c.record.fileName ?? c.record.clipName ?? '').join(' | ') : '';
    return [
      e.id,
      e.trackName,
      e.clip.reel ?? '',
      e.clip.name,
      e.row.recordIn,
      e.row.recordOut,
      conformSourceLabel(need.start.value, e.sourceRate),
      conformSourceLabel(need.start.value + need.duration.value, e.sourceRate),
      m.status,
      m.status === 'matched' || m.status === 'ambiguous' ? m.rule : '',
      media,
      handles ? String(handles.head) : '',
      handles ? String(handles.tail) : '',
    ];
  });
  return { kind: 'table', title: 'Events and their media', columns: ['Event', 'Track', 'Reel', 'Clip', 'Record in', 'Record out', 'Source in', 'Source out', 'Match', 'Rule', 'Media', 'Head', 'Tail'], rows };
}

/** The change list as a report table. */
export function conformChangeSection(changes: readonly ConformChange[]): ReportSection {
  const [columns, ...rows] = conformChangeRows(changes);
  return { kind: 'table', title: 'Change list', columns: columns!, rows };
}

// Sorting and filtering for every table; the page reads the same without it. This is text
// for the report's browser: the page's document arrives as the `page` argument.
const TABLE_SCRIPT = `<script>
(function (page) {
  page.querySelectorAll('table').forEach(function (table) {
    var body = table.tBodies[0];
    if (!body) return;
    var input = page.createElement('input');
    input.type = 'search';
    input.placeholder = 'Filter rows';
    input.setAttribute('aria-label', 'Filter rows');
    input.style.margin = '4px 0';
    input.addEventListener('input', function () {
      var q = input.value.toLowerCase();
      Array.prototype.forEach.call(body.rows, function (r) { r.hidden = q !== '' && r.textContent.toLowerCase().indexOf(q) < 0; });
    });
    table.parentNode.insertBefore(input, table);
    Array.prototype.forEach.call(table.tHead ? table.tHead.rows[0].cells : [], function (th, col) {
      th.style.cursor = 'pointer';
      th.title = 'Sort';
      th.addEventListener('click', function () {
        var dir = th.getAttribute('data-dir') === 'asc' ? 'desc' : 'asc';
        th.setAttribute('data-dir', dir);
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col] ? a.cells[col].textContent.trim() : '';
          var y = b.cells[col] ? b.cells[col].textContent.trim() : '';
          var nx = Number(x), ny = Number(y);
          var c = x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
          return dir === 'asc' ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})(document);
</script>`;

/** The foundation's HTML page with sortable, filterable tables (a small inline script; the page reads without it). */
export function conformReportHtml(report: Report): string {
  const html = renderHtml(report);
  const at = html.lastIndexOf('</body>');
  return at < 0 ? html + TABLE_SCRIPT : `${html.slice(0, at)}${TABLE_SCRIPT}\n${html.slice(at)}`;
}
