import { readFileSync } from 'node:fs';
import { readCaptions, captionText, toSecondsString, writeCaptions, captionsCheck, captionProfile, frameRate } from '@picturelock/core';
const F = '/work/shared/fixtures/captions/';
for (const f of process.argv.slice(2)) {
  const r = readCaptions(new Uint8Array(readFileSync(F + f)), { file: f });
  console.log('==', f, r.format, r.value?.events.length, r.findings.map((x) => `${x.code}@${x.where.line}: ${x.message}`).slice(0, 6));
  const ev = r.value?.events ?? [];
  for (const e of [...ev.slice(0, 3), ...ev.slice(-2)]) console.log('  ', toSecondsString(e.start, 3), toSecondsString(e.end, 3), JSON.stringify(captionText(e)), JSON.stringify(e.lines).slice(0, 200));
}
