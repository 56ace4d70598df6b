import type { Report } from '../report.ts';

/** The report as JSON (`"schema": "picturelock.report/1"`), two-space indented. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
