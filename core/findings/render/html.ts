import { describeWhere, type Finding } from '../finding.ts';
import type { Report, ReportSection, Waiver } from '../report.ts';
import { escapeXml } from './escape.ts';

// Self-contained: no network, no script needed to read it, prints on A4 and Letter.
const STYLE = `
:root { color-scheme: light; --err: #b3261e; --warn: #8a5a00; --info: #2f5f8a; --ok: #1e6b34; --line: #d9d9de; }
* { box-sizing: border-box; }
body { font: 13px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 24px; color: #1c1c1e; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 24px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.meta { color: #5b5b63; margin: 0 0 12px; }
.summary { display: flex; gap: 8px; flex-wrap: wrap; margin: 12px 0; }
.pill { border: 1px solid var(--line); border-radius: 4px; padding: 4px 10px; }
.verdict { font-weight: 700; } .fail { color: var(--err); border-color: var(--err); } .pass { color: var(--ok); border-color: var(--ok); }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid var(--line); }
th { background: #f3f3f6; font-weight: 600; } td.code { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; }
td.tc { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; }
.sev-error { color: var(--err); font-weight: 600; } .sev-warning { color: var(--warn); font-weight: 600; } .sev-info { color: var(--info); }
.fix { color: #3d3d45; font-style: italic; } .empty { color: #5b5b63; font-style: italic; }
svg { max-width: 100%; height: auto; }
@media print { body { margin: 10mm; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;

function findingRow(f: Finding, waiver?: Waiver): string {
  const w = f.where;
  const expected = f.expected !== undefined || f.actual !== undefined ? `<br><small>expected ${escapeXml(f.expected ?? '-')}, got ${escapeXml(f.actual ?? '-')}</small>` : '';
  const fix = f.fix ? `<br><span class="fix">Fix: ${escapeXml(f.fix)}</span>` : '';
  const rule = f.rule ? `<br><small>${escapeXml(f.rule)}</small>` : '';
  const waived = waiver ? `<td>${escapeXml(waiver.who)}, ${escapeXml(waiver.when)}: ${escapeXml(waiver.why)}</td>` : '';
  return `<tr data-code="${escapeXml(f.code)}" data-severity="${f.severity}"><td class="sev-${f.severity}">${f.severity}</td><td class="code">${escapeXml(f.code)}</td><td>${escapeXml(describeWhere({ ...w, record: undefined }))}</td><td class="tc">${w.record ? `${escapeXml(w.record.in)}<br>${escapeXml(w.record.out)}` : ''}</td><td>${escapeXml(f.message)}${expected}${rule}${fix}</td>${waived}</tr>`;
}

function findingTable(rows: string[], waived = false, emptyText = 'None.'): string {
  if (rows.length === 0) return `<p class="empty">${emptyText}</p>`;
  return `<table><thead><tr><th>Severity</th><th>Code</th><th>Where</th><th>Record</th><th>Finding</th>${waived ? '<th>Approved by</th>' : ''}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function section(s: ReportSection): string {
  const title = `<h2>${escapeXml(s.title)}</h2>`;
  if (s.kind === 'svg') return `${title}<figure>${s.svg}${s.caption ? `<figcaption>${escapeXml(s.caption)}</figcaption>` : ''}</figure>`;
  if (s.kind === 'text') return `${title}<p>${escapeXml(s.text)}</p>`;
  const head = s.columns.map((c) => `<th>${escapeXml(c)}</th>`).join('');
  const body = s.rows.map((r) => `<tr>${r.map((cell) => `<td>${escapeXml(cell)}</td>`).join('')}</tr>`).join('');
  return `${title}<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A self-contained HTML page: summary, extra sections, then mandatory failures, advisory warnings, notes and approved exceptions. */
export function renderHtml(report: Report): string {
  const s = report.summary;
  const verdict = s.error > 0 ? '<span class="pill verdict fail">FAIL</span>' : '<span class="pill verdict pass">PASS</span>';
  const errors = report.findings.filter((f) => f.severity === 'error').map((f) => findingRow(f));
  const warnings = report.findings.filter((f) => f.severity === 'warning').map((f) => findingRow(f));
  const infos = report.findings.filter((f) => f.severity === 'info').map((f) => findingRow(f));
  const waived = report.waived.map(({ finding, waiver }) => findingRow(finding, waiver));
  const inputs = report.inputs.map((i) => `<li>${i.role ? `${escapeXml(i.role)}: ` : ''}<code>${escapeXml(i.path)}</code></li>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(report.title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeXml(report.title)}</h1>
<p class="meta">${escapeXml(report.tool.name)} ${escapeXml(report.tool.version)} · ${escapeXml(report.generatedAt)}</p>
${inputs ? `<ul class="meta">${inputs}</ul>` : ''}
<div class="summary">${verdict}<span class="pill sev-error">${s.error} error${s.error === 1 ? '' : 's'}</span><span class="pill sev-warning">${s.warning} warning${s.warning === 1 ? '' : 's'}</span><span class="pill sev-info">${s.info} info</span><span class="pill">${s.waived} waived</span></div>
${report.sections.map(section).join('\n')}
<h2 id="mandatory">Mandatory failures</h2>
${findingTable(errors, false, 'No mandatory failures.')}
<h2 id="advisory">Advisory warnings</h2>
${findingTable(warnings, false, 'No advisory warnings.')}
${infos.length ? `<h2 id="notes">Notes</h2>\n${findingTable(infos)}` : ''}
<h2 id="exceptions">Approved exceptions</h2>
${findingTable(waived, true, 'No approved exceptions.')}
</body></html>
`;
}
