import { readFileSync } from 'node:fs';
import { readCaptions, compareTime, rt } from '@picturelock/core';
import { catalogRows, significantTimes } from './catalog.ts';
let bad = 0;
for (const row of catalogRows().filter((r) => r.path.startsWith('imsc-tests/') && r.path.endsWith('.ttml'))) {
  const sig = significantTimes(row.facts);
  if (!sig) continue;
  const r = readCaptions(new Uint8Array(readFileSync('/work/shared/fixtures/captions/' + row.path)));
  const evs = r.value?.events ?? [];
  const wrong = sig.filter(([t, shown]) => {
    const at = rt(Math.round(t * 1000), { num: 1000, den: 1 });
    const on = evs.some((e) => compareTime(e.start, at) <= 0 && compareTime(at, e.end) < 0);
    return on !== shown;
  });
  if (wrong.length) { bad++; console.log(row.path, JSON.stringify(wrong), evs.length, r.findings.map(f=>f.code).join(',')); }
}
console.log('bad', bad);
