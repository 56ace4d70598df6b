import { describeWhere } from '../finding.ts';
import type { Report } from '../report.ts';
import { escapeXml } from './escape.ts';

/**
 * JUnit XML so a CI job can gate on a report: one test case a finding; errors are
 * failures, warnings and info pass with the message as output, waived ones are skipped.
 */
export function renderJunit(report: Report): string {
  const cases: string[] = [];
  for (const f of report.findings) {
    const name = escapeXml(`${f.code} ${describeWhere(f.where)}`.trim());
    if (f.severity === 'error') {
      cases.push(`    <testcase classname="picturelock.${escapeXml(f.code)}" name="${name}">\n      <failure message="${escapeXml(f.message)}" type="${escapeXml(f.code)}">${escapeXml(f.message)}</failure>\n    </testcase>`);
    } else {
      cases.push(`    <testcase classname="picturelock.${escapeXml(f.code)}" name="${name}">\n      <system-out>${escapeXml(`${f.severity}: ${f.message}`)}</system-out>\n    </testcase>`);
    }
  }
  for (const { finding, waiver } of report.waived) {
    const name = escapeXml(`${finding.code} ${describeWhere(finding.where)}`.trim());
    cases.push(`    <testcase classname="picturelock.${escapeXml(finding.code)}" name="${name}">\n      <skipped message="${escapeXml(`waived by ${waiver.who}: ${waiver.why}`)}"/>\n    </testcase>`);
  }
  if (cases.length === 0) cases.push(`    <testcase classname="picturelock" name="no findings"/>`);
  const s = report.summary;
  const tests = Math.max(1, report.findings.length + report.waived.length);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${escapeXml(report.title)}" tests="${tests}" failures="${s.error}">\n  <testsuite name="${escapeXml(report.title)}" tests="${tests}" failures="${s.error}" skipped="${s.waived}" timestamp="${escapeXml(report.generatedAt)}">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`;
}
