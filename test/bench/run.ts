/**
 * `npm run bench`: fixed workloads, medians printed as a table. Nothing here asserts a time.
 * `npm run bench -- <word>` runs only the benchmarks whose operation contains that word.
 */
import { measure, table, type Bench, type BenchResult } from './harness.ts';
import { benches as time } from './time.bench.ts';

const suites: Record<string, () => Bench[]> = {
  time: () => time,
};

const filter = process.argv[2]?.toLowerCase();
const results: BenchResult[] = [];
for (const [name, load] of Object.entries(suites)) {
  for (const b of load()) {
    if (filter && !b.operation.toLowerCase().includes(filter) && !name.includes(filter)) continue;
    results.push(await measure(b));
  }
}
process.stdout.write(`${table(results)}\n`);
