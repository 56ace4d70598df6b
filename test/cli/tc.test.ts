import { runCli } from '@picturelock/test';
import { describe, expect, it } from 'vitest';

/** Runs `picturelock <args>` against a capturing io; returns the exit code and both streams. */
/** `picturelock <args>` in-process: exit code, stdout and stderr. */
const run = runCli;

describe('picturelock tc: the acceptance examples of the foundation issue', () => {
  it('01:00:00;00 --rate 29.97df --to frames prints 107892', async () => {
    expect(await run('tc', '01:00:00;00', '--rate', '29.97df', '--to', 'frames')).toEqual({ code: 0, out: '107892\n', err: '' });
  });

  it("'#107892' --rate 29.97df prints 01:00:00;00", async () => {
    expect(await run('tc', '#107892', '--rate', '29.97df')).toEqual({ code: 0, out: '01:00:00;00\n', err: '' });
  });

  it('00:01:00;00 --rate 29.97df exits 2 and names 00:01:00;02 as the next valid label', async () => {
    const r = await run('tc', '00:01:00;00', '--rate', '29.97df');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      'picturelock: "00:01:00;00" does not exist at 29.97 DF: drop-frame skips frames 00 to 01 at the start of minute 1 (every minute not divisible by ten); nearest valid labels are 00:00:59;29 and 00:01:00;02\n',
    );
  });

  it('01:00:00:00 --rate 23.976 --to ticks prints 915372057600000', async () => {
    expect(await run('tc', '01:00:00:00', '--rate', '23.976', '--to', 'ticks')).toEqual({ code: 0, out: '915372057600000\n', err: '' });
  });

  it('10:00:00;00 --rate 59.94df --to frames prints 2157840', async () => {
    expect(await run('tc', '10:00:00;00', '--rate', '59.94df', '--to', 'frames')).toEqual({ code: 0, out: '2157840\n', err: '' });
  });
});

describe('picturelock tc: more conversions', () => {
  it('--to seconds prints exact seconds, marking a cut decimal with ~', async () => {
    expect(await run('tc', '01:00:00:00', '--rate', '23.976', '--to', 'seconds')).toEqual({ code: 0, out: '3603.6\n', err: '' });
    expect(await run('tc', '01:00:00;00', '--rate', '29.97df', '--to', 'seconds')).toEqual({ code: 0, out: '3599.9964\n', err: '' });
    expect(await run('tc', '#1', '--rate', '29.97', '--to', 'seconds')).toEqual({ code: 0, out: '~0.033366\n', err: '' });
  });

  it('reads tick counts and adds or subtracts operands', async () => {
    expect(await run('tc', 't915372057600000', '--rate', '23.976')).toEqual({ code: 0, out: '01:00:00:00\n', err: '' });
    expect(await run('tc', '01:00:10:00-01:00:00:00', '--rate', '25', '--to', 'frames')).toEqual({ code: 0, out: '250\n', err: '' });
    expect(await run('tc', '00:00:59;29+#1', '--rate', '29.97df')).toEqual({ code: 0, out: '00:01:00;02\n', err: '' });
  });

  it('refuses what it cannot read with exit 2 and says why', async () => {
    expect(await run('tc', '00:00:00:24', '--rate', '24')).toEqual({
      code: 2,
      out: '',
      err: 'picturelock: "00:00:00:24": frame 24 is past the last frame (23) of a second at 24 fps; the label is legal at 25, 29.97, 30, 50, 59.94, 60\n',
    });
    expect(await run('tc', '01:00:00:00', '--rate', '23.976df')).toEqual({
      code: 2,
      out: '',
      err: 'picturelock: --rate: drop-frame does not exist at 23.976: only 29.97 and 59.94 have drop-frame timecode\n',
    });
    const bad = await run('tc', '01:00:00:00', '--rate', '25', '--to', 'feet');
    expect(bad).toEqual({ code: 2, out: '', err: 'picturelock: --to feet: expected one of tc, frames, ticks, seconds\n' });
    const missing = await run('tc', '01:00:00:00');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("required option '-r, --rate <rate>' not specified");
  });
});

describe('the CLI frame', () => {
  it('--help exits 0 and lists tc', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: picturelock');
    expect(r.out).toMatch(/^\s+tc \[options\] <value>\s+timecode calculator/m);
  });

  it('tc --help exits 0 and prints the worked examples', async () => {
    const r = await run('tc', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: picturelock tc [options] <value>');
    expect(r.out).toContain('$ picturelock tc 01:00:00;00 --rate 29.97df --to frames      107892');
  });

  it('--version prints the package version and exits 0', async () => {
    expect(await run('--version')).toEqual({ code: 0, out: '0.1.0\n', err: '' });
  });

  it('an unknown command exits 2', async () => {
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain("unknown command 'frobnicate'");
  });
});
