import { CODES, type FindingCode, type ParamsOf, type Severity } from './codes/index.ts';

/** Where a finding is: any of a file position, a timeline position, or both. Timecodes are labels as the user sees them. */
export interface Where {
  readonly file?: string;
  /** 1-based line and column in `file`. */
  readonly line?: number;
  readonly column?: number;
  readonly timeline?: string;
  readonly track?: string;
  /** 0-based index into the timeline's tracks / the track's children. */
  readonly trackIndex?: number;
  readonly itemIndex?: number;
  /** Event number or id as the list names it (`012`). */
  readonly event?: string;
  readonly clip?: string;
  /** Record in and out (out exclusive, as EDLs write it). */
  readonly record?: { readonly in: string; readonly out: string };
  readonly source?: { readonly in: string; readonly out: string };
  /** Record frames from the timeline start, `[start, end)`, for placing the finding on a strip or a marker. */
  readonly frames?: { readonly start: number; readonly end: number };
}

/** A finding is data: a stable code, a severity, a rendered message and everything it was rendered from. */
export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly message: string;
  readonly where: Where;
  readonly expected?: string;
  readonly actual?: string;
  /** The rule or spec clause enforced (`Netflix Timed Text Style Guide §4`, `SMPTE ST 12-1`). */
  readonly rule?: string;
  /** A proposed fix, in words an editor can act on. */
  readonly fix?: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface FindingExtras {
  readonly where?: Where;
  readonly severity?: Severity;
  readonly expected?: string;
  readonly actual?: string;
  readonly rule?: string;
  readonly fix?: string;
}

/** The one factory for findings: the message is rendered from the code's template and the params. */
export function finding<C extends FindingCode>(code: C, params: ParamsOf<C>, extras: FindingExtras = {}): Finding {
  const def = CODES[code] as unknown as { severity: Severity; message: (p: ParamsOf<C>) => string };
  const out: Finding = {
    code,
    severity: extras.severity ?? def.severity,
    message: def.message(params),
    where: extras.where ?? {},
    params: params as Readonly<Record<string, unknown>>,
    ...(extras.expected !== undefined ? { expected: extras.expected } : {}),
    ...(extras.actual !== undefined ? { actual: extras.actual } : {}),
    ...(extras.rule !== undefined ? { rule: extras.rule } : {}),
    ...(extras.fix !== undefined ? { fix: extras.fix } : {}),
  };
  return out;
}

/** The finding with its location extended (e.g. a file name added by the caller that knows it). */
export function locatedAt(f: Finding, where: Where): Finding {
  return { ...f, where: { ...where, ...f.where } };
}

export function isFindingCode(code: string): code is FindingCode {
  return Object.prototype.hasOwnProperty.call(CODES, code);
}

export function codeTitle(code: FindingCode): string {
  return CODES[code].title;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by record position, then by line. Stable for equal keys. */
export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.where.frames?.start ?? Infinity) - (b.where.frames?.start ?? Infinity) ||
      (a.where.line ?? Infinity) - (b.where.line ?? Infinity),
  );
}

/** The human location of a finding: `file:12:5`, `V1 event 012 01:00:10:00`. */
export function describeWhere(w: Where): string {
  const parts: string[] = [];
  if (w.file) parts.push(w.line ? `${w.file}:${w.line}${w.column ? `:${w.column}` : ''}` : w.file);
  else if (w.line) parts.push(`line ${w.line}${w.column ? `:${w.column}` : ''}`);
  if (w.track) parts.push(w.track);
  if (w.event) parts.push(`event ${w.event}`);
  if (w.record) parts.push(`${w.record.in}-${w.record.out}`);
  return parts.join(' ');
}
