/**
 * `npm run bench`: fixed workloads, medians printed as a table. Nothing here asserts a time.
 * `npm run bench -- <word>` runs only the benchmarks whose operation contains that word.
 */
import { measure, table, type Bench, type BenchResult } from './harness.ts';
import { benches as time } from './time.bench.ts';
import { benches as checksum } from './checksum.bench.ts';
import { benches as edl } from './edl.bench.ts';
import { benches as fcp7xml } from './fcp7xml.bench.ts';
import { benches as fcpxml } from './fcpxml.bench.ts';
import { benches as naming } from './naming.bench.ts';
import { benches as spec } from './spec.bench.ts';
import { benches as hosts } from './hosts.bench.ts';
import { benches as hostsB } from './hosts-b.bench.ts';
import { benches as conform } from './conform.bench.ts';
import { benches as aaf } from './aaf.bench.ts';
import { benches as captions } from './captions.bench.ts';
import { benches as deliver } from './deliver.bench.ts';
import { benches as panel } from './panel.bench.ts';

const suites: Record<string, () => Bench[]> = {
  panel: () => panel,
  deliver: () => deliver,
  captions: () => captions,
  conform: () => conform,
  spec: () => spec,
  edl: () => edl,
  fcp7xml: () => fcp7xml,
  fcpxml: () => fcpxml,
  time: () => time,
  checksum: () => checksum,
  naming: () => naming,
  hosts: () => hosts,
  'hosts-b': () => hostsB,
  aaf: () => aaf,
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
