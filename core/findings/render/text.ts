import { describeWhere, type Finding } from '../finding.ts';
import type { Report } from '../report.ts';

export interface TextOptions {
  /** ANSI colour; the CLI turns it on for a TTY unless NO_COLOR is set. */
  readonly color?: boolean;
}

const ANSI = { red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** The report for a terminal: one line a finding, grouped as the HTML report groups them, then the counts. */
export function renderText(report: Report, options: TextOptions = {}): string {
  const c = (code: keyof typeof ANSI, s: string) => (options.color ? `${ANSI[code]}${s}${ANSI.reset}` : s);
  const label = { error: c('red', 'error  '), warning: c('yellow', 'warning'), info: c('cyan', 'info   ') };
  const line = (f: Finding) => {
    const where = describeWhere(f.where);
    const detail = f.expected !== undefined || f.actual !== undefined ? c('dim', ` (expected ${f.expected ?? '-'}, got ${f.actual ?? '-'})`) : '';
    const fix = f.fix ? `\n          ${c('dim', `fix: ${f.fix}`)}` : '';
    return `${label[f.severity]} ${c('bold', f.code)}${where ? ` ${where}` : ''}: ${f.message}${detail}${fix}`;
  };
  const out: string[] = [c('bold', report.title)];
  for (const input of report.inputs) out.push(c('dim', `  ${input.role ? `${input.role}: ` : ''}${input.path}`));
  for (const section of report.sections) {
    if (section.kind === 'text') out.push('', c('bold', section.title), section.text);
    if (section.kind === 'table') {
      out.push('', c('bold', section.title));
      const widths = section.columns.map((h, i) => Math.max(h.length, ...section.rows.map((r) => (r[i] ?? '').length)));
      const row = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
      out.push(row(section.columns), ...section.rows.map(row));
    }
  }
  if (report.findings.length) out.push('', ...report.findings.map(line));
  if (report.waived.length) {
    out.push('', c('bold', 'Approved exceptions'));
    for (const { finding, waiver } of report.waived) out.push(`${c('dim', 'waived ')} ${line(finding)}\n          ${c('dim', `waived by ${waiver.who} on ${waiver.when}: ${waiver.why}`)}`);
  }
  const s = report.summary;
  const verdict = s.error > 0 ? c('red', 'FAIL') : c('bold', 'PASS');
  out.push('', `${verdict}: ${s.error} error${s.error === 1 ? '' : 's'}, ${s.warning} warning${s.warning === 1 ? '' : 's'}, ${s.info} info, ${s.waived} waived`);
  return `${out.join('\n')}\n`;
}
