import type { Finding } from '../finding.ts';
import type { Report } from '../report.ts';
import { csvLine } from './escape.ts';

const COLUMNS = ['status', 'severity', 'code', 'message', 'file', 'line', 'track', 'event', 'clip', 'record_in', 'record_out', 'source_in', 'source_out', 'expected', 'actual', 'rule', 'fix', 'waived_by', 'waived_why'];

function row(f: Finding, status: string, who = '', why = ''): string {
  const w = f.where;
  return csvLine([status, f.severity, f.code, f.message, w.file, w.line, w.track, w.event, w.clip, w.record?.in, w.record?.out, w.source?.in, w.source?.out, f.expected, f.actual, f.rule, f.fix, who, why]);
}

/** One row a finding (open and waived), header first, CRLF line ends as RFC 4180 asks. */
export function renderCsv(report: Report): string {
  const lines = [csvLine(COLUMNS), ...report.findings.map((f) => row(f, 'open')), ...report.waived.map(({ finding, waiver }) => row(finding, 'waived', waiver.who, waiver.why))];
  return `${lines.join('\r\n')}\r\n`;
}
