import { readFixtureText } from '@picturelock/test';

/** One catalog row: the path and its facts column, as CATALOG.md gives them. */
export interface CatalogRow {
  readonly path: string;
  readonly format: string;
  readonly facts: string;
}

/** The rows of ../shared/fixtures/captions/CATALOG.md. */
export function catalogRows(): CatalogRow[] {
  const text = readFixtureText('captions/CATALOG.md');
  const rows: CatalogRow[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| Path') || line.startsWith('| Source')) continue;
    const cells = line.split(' | ');
    const path = cells[0]!.slice(2).trim();
    if (!path.includes('/') && !path.includes('.')) continue;
    rows.push({ path, format: cells[1]!.trim(), facts: cells[cells.length - 1]!.replace(/ \|$/, '') });
  }
  return rows;
}

/** IMSC significant times as `[seconds, shown]` from "significant time(s) [0+, 5-, ...]" (the elided "…" part skipped). */
export function significantTimes(facts: string): [number, boolean][] | undefined {
  const m = /significant time\(s\) \[([^\]]*)\]/.exec(facts);
  if (!m) return undefined;
  return m[1]!
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[\d.]+[+-−]$/.test(s))
    .map((s) => [Number(s.slice(0, -1)), s.endsWith('+')]);
}
