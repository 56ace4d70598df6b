import { copyFileSync, existsSync, linkSync, mkdtempSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '@picturelock/test';
import { generateExampleMedia, planAt } from './media.ts';

/**
 * The states a killed `deliver run` can leave one job in, built by hand from a finished
 * package: the plan says `running` while the output is (a) already renamed to its final name,
 * (b) linked to it with the temporary name not yet removed, (c) still a temporary file, or
 * (d) a temporary file beside an older file of that name (a --force run stopped before the move).
 */
const EDL = `TITLE: RESUME v1
FCM: NON-DROP FRAME

001  A001C003 AA/V  C        14:21:03:04 14:21:04:04 01:00:00:00 01:00:01:00
* FROM CLIP NAME:  A001C003_250314_R1AB
`;

let work: string;
let media: string;
let edl: string;

/** A verified package in `name`, with job `id` put back to `running` as a kill would leave it. */
async function killedAfterRender(name: string, id: string): Promise<{ out: string; final: string; tmp: string }> {
  const out = join(work, name);
  expect((await runCli('deliver', 'plan', edl, '--profile', 'youtube.upload.sdr', '--with', 'prores-422hq', '--media', media, '--out', out)).code).toBe(0);
  expect((await runCli('deliver', 'run', out)).code).toBe(0);
  const planFile = join(out, 'deliver-plan.json');
  const data = JSON.parse(readFileSync(planFile, 'utf8')) as { jobs: { id: string; state: string; result?: unknown }[] };
  const job = data.jobs.find((j) => j.id === id)!;
  job.state = 'running';
  delete job.result;
  writeFileSync(planFile, `${JSON.stringify(data, null, 2)}\n`);
  const plan = planAt(out);
  const j = plan.jobs.find((x) => x.id === id)!;
  const dir = join(out, plan.packageFolder, j.output.folder);
  return { out, final: join(dir, j.output.name), tmp: join(dir, `.${j.output.name}.partial`) };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'pl-resume-'));
  media = join(work, 'media');
  await generateExampleMedia(media, ['A001C003_250314_R1AB'], { width: 128, height: 72, maxFrames: 48 });
  edl = join(work, 'cut.edl');
  writeFileSync(edl, EDL);
}, 60_000);

describe('deliver run: resuming a job the plan left running', () => {
  it('adopts an output already renamed to its final name: checked, not rendered again', async () => {
    const { out, final } = await killedAfterRender('renamed', '04-prores-422hq');
    const before = statSync(final).mtimeMs;
    const r = await runCli('deliver', 'run', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('OK: 4 verified, 0 failed (1 run, 3 already verified)');
    const job = planAt(out).jobs.find((j) => j.id === '04-prores-422hq')!;
    expect([job.state, job.attempts, job.result?.durationFrames]).toEqual(['verified', 1, 24]);
    expect(statSync(final).mtimeMs).toBe(before);
  }, 60_000);

  it('adopts an output linked into place whose temporary name was not yet removed, and removes it', async () => {
    const { out, final, tmp } = await killedAfterRender('linked', '02-stems-a1');
    linkSync(final, tmp);
    const r = await runCli('deliver', 'run', out);
    expect(r.code).toBe(0);
    const job = planAt(out).jobs.find((j) => j.id === '02-stems-a1')!;
    expect([job.state, job.attempts]).toEqual(['verified', 1]);
    expect(existsSync(tmp)).toBe(false);
  }, 60_000);

  it('renders again when only the temporary file was written', async () => {
    const { out, final, tmp } = await killedAfterRender('partial', '04-prores-422hq');
    // The encoder had written the temporary file; the final name did not exist yet.
    copyFileSync(final, tmp);
    unlinkSync(final);
    const r = await runCli('deliver', 'run', out);
    expect(r.code).toBe(0);
    const job = planAt(out).jobs.find((j) => j.id === '04-prores-422hq')!;
    expect([job.state, job.attempts]).toEqual(['verified', 2]);
    expect(existsSync(tmp)).toBe(false);
  }, 60_000);

  it('never adopts an older file of that name beside a temporary one: the job needs --force again', async () => {
    const { out, final, tmp } = await killedAfterRender('forced', '04-prores-422hq');
    writeFileSync(tmp, 'half a render');
    const r = await runCli('deliver', 'run', out);
    expect(r.code).toBe(1);
    const job = planAt(out).jobs.find((j) => j.id === '04-prores-422hq')!;
    expect([job.state, job.reason]).toEqual(['failed', `masters/${final.split('/').pop()} already exists; pass --force to replace it`]);
    expect(existsSync(tmp)).toBe(false);
    expect((await runCli('deliver', 'run', out, '--force')).code).toBe(0);
    expect(planAt(out).jobs.find((j) => j.id === '04-prores-422hq')!.state).toBe('verified');
  }, 60_000);
});
