import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readCaptions, readDeliverPlan, rescaledTo, type CaptionDocument } from '@picturelock/core';

/** Each event's text and its in/out in whole milliseconds: what a conversion must keep. */
const summary = (doc: CaptionDocument | undefined) =>
  doc?.events.map((e) => [e.lines.map((l) => l.map((sp) => sp.text).join('')).join('\n'), rescaledTo(e.start, { num: 1000, den: 1 }, 'round'), rescaledTo(e.end, { num: 1000, den: 1 }, 'round')]);
import { runCli } from '@picturelock/test';

const example = (name: string) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));

it('a delivery converts the captions into the profile sidecar formats and checks them against the cut', async () => {
  const out = mkdtempSync(join(tmpdir(), 'picturelock-deliver-captions-'));
  // No media: the picture and stem jobs fail for it, the caption sidecars do not depend on it.
  const plan = await runCli('deliver', 'plan', example('scene-v1.edl'), '--rate', '23.976', '--profile', 'netflix.prores.kmrb', '--captions', example('scene-v1.srt'), '--out', out);
  expect(plan.out + plan.err).toContain('DELIVER_CAPTIONS_WRITTEN_AS');
  const planned = readDeliverPlan(readFileSync(join(out, 'deliver-plan.json'), 'utf8'));
  expect(planned.ok).toBe(true);
  if (!planned.ok) return;
  const captions = planned.value.sidecars.filter((s) => s.kind === 'captions');
  expect(captions.map((s) => [s.path, s.captions?.writer, s.captions?.format])).toEqual([
    ['captions/THE-LOCK-SC42-v1.ttml', 'ttml', 'ttml'],
    ['captions/THE-LOCK-SC42-v1.dfxp', 'ttml', 'dfxp'],
  ]);

  const run = await runCli('deliver', 'run', out);
  expect(run.code).toBe(1);
  // Checked against the cut with the profile's caption rules (netflix-en): the 1-frame gap and the long line.
  expect(run.out + run.err).toContain('CAPTION_GAP_SHORT');
  expect(run.out + run.err).toContain('CAPTION_LINE_TOO_LONG');

  const pkg = join(out, planned.value.packageFolder);
  const source = readCaptions(new Uint8Array(readFileSync(example('scene-v1.srt'))));
  expect(summary(source.value)?.[1]).toEqual(['Now.', 2842, 3900]);
  for (const ext of ['ttml', 'dfxp']) {
    const back = readCaptions(new Uint8Array(readFileSync(join(pkg, `captions/THE-LOCK-SC42-v1.${ext}`))));
    expect(summary(back.value)).toEqual(summary(source.value));
  }
  // Sealed with the rest of the package.
  expect((await runCli('mhl', 'verify', pkg)).code).toBe(0);
}, 60_000);
