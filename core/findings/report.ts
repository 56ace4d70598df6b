import type { Severity } from './codes/index.ts';
import { sortedFindings, type Finding } from './finding.ts';

/**
 * A client-approved exception. It matches a finding by code and by every location field it
 * names; a waived finding moves to "approved exceptions", it is never hidden.
 */
export interface Waiver {
  readonly code: string;
  readonly where?: {
    readonly file?: string;
    readonly track?: string;
    readonly event?: string;
    readonly clip?: string;
    /** Record-in timecode label. */
    readonly recordIn?: string;
  };
  readonly who: string;
  /** ISO 8601 date. */
  readonly when: string;
  readonly why: string;
}

export function waiverMatches(w: Waiver, f: Finding): boolean {
  if (w.code !== f.code) return false;
  const m = w.where ?? {};
  if (m.file !== undefined && m.file !== f.where.file) return false;
  if (m.track !== undefined && m.track !== f.where.track) return false;
  if (m.event !== undefined && m.event !== f.where.event) return false;
  if (m.clip !== undefined && m.clip !== f.where.clip) return false;
  if (m.recordIn !== undefined && m.recordIn !== f.where.record?.in) return false;
  return true;
}

/** Extra report content: rule tables, SVG strips and plots. */
export type ReportSection =
  | { readonly kind: 'table'; readonly title: string; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] }
  | { readonly kind: 'svg'; readonly title: string; readonly svg: string; readonly caption?: string }
  | { readonly kind: 'text'; readonly title: string; readonly text: string };

export interface ReportSummary {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly waived: number;
  readonly total: number;
}

export const REPORT_SCHEMA = 'picturelock.report/1';

export interface Report {
  readonly schema: typeof REPORT_SCHEMA;
  readonly title: string;
  readonly tool: { readonly name: string; readonly version: string };
  /** ISO 8601; passed in so reports are reproducible. */
  readonly generatedAt: string;
  readonly inputs: readonly { readonly path: string; readonly role?: string }[];
  /** Unwaived findings, errors first. */
  readonly findings: readonly Finding[];
  readonly waived: readonly { readonly finding: Finding; readonly waiver: Waiver }[];
  readonly summary: ReportSummary;
  readonly sections: readonly ReportSection[];
}

export interface ReportInput {
  readonly title: string;
  readonly toolVersion: string;
  readonly generatedAt: string;
  readonly inputs?: readonly { readonly path: string; readonly role?: string }[];
  readonly findings: readonly Finding[];
  readonly waivers?: readonly Waiver[];
  readonly sections?: readonly ReportSection[];
}

/** Builds the one report model: waivers applied, findings sorted, counts summed. */
export function buildReport(input: ReportInput): Report {
  const kept: Finding[] = [];
  const waived: { finding: Finding; waiver: Waiver }[] = [];
  for (const f of input.findings) {
    const w = input.waivers?.find((x) => waiverMatches(x, f));
    if (w) waived.push({ finding: f, waiver: w });
    else kept.push(f);
  }
  const count = (s: Severity) => kept.filter((f) => f.severity === s).length;
  return {
    schema: REPORT_SCHEMA,
    title: input.title,
    tool: { name: 'picturelock', version: input.toolVersion },
    generatedAt: input.generatedAt,
    inputs: input.inputs ?? [],
    findings: sortedFindings(kept),
    waived,
    summary: { error: count('error'), warning: count('warning'), info: count('info'), waived: waived.length, total: input.findings.length },
    sections: input.sections ?? [],
  };
}

/** True when an unwaived error remains: the CLI exits 1. */
export function hasErrors(r: Report): boolean {
  return r.summary.error > 0;
}
