/** A benchmark with a fixed workload: `run` is timed `iterations` times after `warmup` untimed runs. */
export interface Bench {
  /** What is measured, e.g. `timecode format 29.97 DF`. */
  readonly operation: string;
  /** The workload's size in words, e.g. `100k labels`, `5,000 events (812 KB)`. */
  readonly size: string;
  readonly setup?: () => Promise<void> | void;
  readonly run: () => Promise<unknown> | unknown;
  /** How many units one run handles, so ops/s counts units (labels, events), not runs. */
  readonly unitsPerRun?: number;
  readonly iterations?: number;
  readonly warmup?: number;
  /** Extra figures printed beside the timing (host call counts, peak memory, ratios). */
  readonly note?: () => string;
}

export interface BenchResult {
  readonly operation: string;
  readonly size: string;
  readonly medianMs: number;
  readonly opsPerSecond: number;
  readonly note: string;
}

export async function measure(b: Bench): Promise<BenchResult> {
  await b.setup?.();
  for (let i = 0; i < (b.warmup ?? 2); i++) await b.run();
  const times: number[] = [];
  for (let i = 0; i < (b.iterations ?? 10); i++) {
    const t0 = performance.now();
    await b.run();
    times.push(performance.now() - t0);
  }
  times.sort((a, c) => a - c);
  const mid = Math.floor(times.length / 2);
  const median = times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
  return { operation: b.operation, size: b.size, medianMs: median, opsPerSecond: ((b.unitsPerRun ?? 1) * 1000) / median, note: b.note?.() ?? '' };
}

function fmt(n: number): string {
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  if (n >= 1) return n.toFixed(2);
  return n.toPrecision(3);
}

/** The table `npm run bench` prints: operation, size, median, ops/s, note. */
export function table(results: readonly BenchResult[]): string {
  const rows = results.map((r) => [r.operation, r.size, `${fmt(r.medianMs)} ms`, fmt(r.opsPerSecond), r.note]);
  const head = ['operation', 'size', 'median', 'ops/s', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
