import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captionText, readCaptions, readVtt, rescaledTo } from '@picturelock/core';
import { describeFixtures, fixturePath, readFixtureBytes, runCli } from '@picturelock/test';

/** `picturelock <args>` in-process: exit code, stdout and stderr. */
const run = runCli;


describe('picturelock captions check: acceptance', () => {
  it('an SRT with a 45-character line and a 1-frame gap exits 1 with both findings and their proposed fixes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-captions-'));
    const srt = join(dir, 'long-line.srt');
    // 45 characters; at 23.976 the second cue starts 1 frame (42 ms) after the first ends.
    writeFileSync(srt, '1\n00:00:01,000 --> 00:00:04,004\nThis subtitle line has exactly 45 characters.\n\n2\n00:00:04,046 --> 00:00:06,000\nAnd the next one.\n');
    const r = await run('captions', 'check', srt, '--profile', 'netflix-en');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`error   CAPTION_LINE_TOO_LONG ${srt}:2 event 1 00:00:01:00 (00:00:01,001)-00:00:04:00 (00:00:04,004): event 1 line 1 has 45 characters; the limit is 42 (expected <= 42, got 45)\n          fix: break the text as "This subtitle line has" / "exactly 45 characters."`);
    expect(r.out).toContain(
      `error   CAPTION_GAP_SHORT ${srt}:2 event 1 00:00:01:00 (00:00:01,001)-00:00:04:00 (00:00:04,004): the gap between events 1 and 2 is 1 frame(s); the minimum is 2 (expected >= 2 frames, got 1 frame(s))\n          fix: end event 1 at 00:00:03:23 (00:00:03,962), 2 frames before event 2 starts at 00:00:04:01 (00:00:04,046)`,
    );
    expect(r.out).toContain('FAIL: 2 errors, 0 warnings, 1 info, 0 waived');
  });

  it('captions fix writes a new file beside the original, refuses to overwrite it or an existing output without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-captions-'));
    const srt = join(dir, 'in.srt');
    const original = '1\n00:00:01,000 --> 00:00:04,004\nThis subtitle line has exactly 45 characters.\n\n2\n00:00:04,046 --> 00:00:06,000\nAnd the next one.\n';
    writeFileSync(srt, original);
    expect((await run('captions', 'fix', srt, '-o', srt)).code).toBe(2);
    const out = join(dir, 'in.fixed.srt');
    const r = await run('captions', 'fix', srt, '-o', out);
    expect(r.code).toBe(0);
    expect(readFileSync(srt, 'utf8')).toBe(original);
    expect(readFileSync(out, 'utf8')).toBe('1\n00:00:01,000 --> 00:00:03,962\nThis subtitle line has\nexactly 45 characters.\n\n2\n00:00:04,046 --> 00:00:06,000\nAnd the next one.\n');
    expect((await run('captions', 'fix', srt, '-o', out)).code).toBe(2);
    expect((await run('captions', 'fix', srt, '-o', out, '--force')).code).toBe(0);
  });
});

describeFixtures('picturelock captions convert: acceptance', () => {
  it('Plan 9 SCC -> WebVTT keeps every caption: 664 cues, the same text and the same times to the millisecond', async () => {
    const scc = fixturePath('captions/caption-inspector/Plan9fromOuterSpace.scc');
    const r = await run('captions', 'convert', scc, '--to', 'vtt');
    expect(r.code).toBe(0);
    const vtt = readVtt(r.out).value!;
    const source = readCaptions(readFixtureBytes('captions/caption-inspector/Plan9fromOuterSpace.scc')).value!;
    expect(vtt.events.length).toBe(664);
    expect(vtt.events.map(captionText)).toEqual(source.events.map(captionText));
    // The catalog's first and last cues (ttconv CLI -> SRT).
    expect(r.out).toContain('00:00:25.425 --> 00:00:29.429\nCriswell Predicts...\n');
    expect(r.out).toContain('01:18:21.564 --> 01:18:26.569\nSubtitles by FredFal\n');
    // To the frame: every time read back lands on the same 29.97 frame.
    const frames = (d: typeof vtt) => d.events.map((e) => [rescaledTo(e.start, { num: 30000, den: 1001 }, 'round'), rescaledTo(e.end, { num: 30000, den: 1001 }, 'round')]);
    expect(frames(vtt)).toEqual(source.events.map((e) => [e.start.value, e.end.value]));
  });

  it('pop-on SCC -> WebVTT: the three catalog cues with italics', async () => {
    const r = await run('captions', 'convert', fixturePath('captions/ttconv/scc/pop-on.scc'), '--to', 'vtt');
    expect(r.out).toBe(
      'WEBVTT\n\n01:02:57.907 --> 01:02:59.242\n( horn honking )\n\n01:03:32.308 --> 01:11:36.425\nHEY, THE®E.\n\n01:11:36.492 --> 01:11:37.760\nTest ½ Caption\nTest <i>test</i> Captions\n',
    );
  });

  it('SCC -> TTML -> SCC and -> SRT keep text and frames; 608 limits are reported when converting to SCC', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-captions-'));
    const ttml = join(dir, 'plan9.ttml');
    expect((await run('captions', 'convert', fixturePath('captions/caption-inspector/Plan9fromOuterSpace.scc'), '--to', 'ttml', '-o', ttml)).code).toBe(0);
    const back = join(dir, 'plan9.scc');
    const r = await run('captions', 'convert', ttml, '--to', 'scc', '-o', back);
    expect(r.code).toBe(0);
    const a = readCaptions(readFixtureBytes('captions/caption-inspector/Plan9fromOuterSpace.scc')).value!;
    const b = readCaptions(new Uint8Array(readFileSync(back))).value!;
    expect(b.events.map((e) => [e.start.value, e.end.value, captionText(e)])).toEqual(a.events.map((e) => [e.start.value, e.end.value, captionText(e)]));
    const long = join(dir, 'long.srt');
    writeFileSync(long, '1\n00:00:05,000 --> 00:00:08,000\nThis line is far too long for a 608 row — it has to wrap…\n');
    const w = await run('captions', 'convert', long, '--to', 'scc');
    expect(w.err).toBe(
      'warning: CAPTION_TARGET_LAYOUT: SCC: event 1 has a 57-character line; CEA-608 rows hold 32, so it was wrapped\nwarning: CAPTION_TARGET_LOSS: SCC cannot carry the character "…" (written as "..."); 1 event(s) lost it\n',
    );
    const wrapped = readCaptions(new TextEncoder().encode(w.out)).value!;
    expect(captionText(wrapped.events[0]!)).toBe('This line is far too long for a\n608 row — it has to wrap...');
  });
});

describe('picturelock captions retime', () => {
  it('moves captions from the old cut to the new one by source', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-captions-'));
    const edl = (events: string[]) => `TITLE: T\nFCM: NON-DROP FRAME\n\n${events.join('\n')}\n`;
    writeFileSync(join(dir, 'old.edl'), edl(['001  REELA    V     C        00:00:00:00 00:00:04:00 01:00:00:00 01:00:04:00', '002  REELB    V     C        00:00:10:00 00:00:14:00 01:00:04:00 01:00:08:00']));
    writeFileSync(join(dir, 'new.edl'), edl(['001  REELB    V     C        00:00:10:00 00:00:14:00 01:00:00:00 01:00:04:00', '002  REELA    V     C        00:00:00:00 00:00:04:00 01:00:04:00 01:00:08:00']));
    writeFileSync(join(dir, 'c.srt'), '1\n00:00:01,000 --> 00:00:02,000\nOn A\n\n2\n00:00:05,000 --> 00:00:06,000\nOn B\n');
    const r = await run('captions', 'retime', join(dir, 'c.srt'), '--changes', join(dir, 'old.edl'), join(dir, 'new.edl'), '-o', join(dir, 'new.srt'), '--rate', '24');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'new.srt'), 'utf8')).toBe('1\n00:00:01,000 --> 00:00:02,000\nOn B\n\n2\n00:00:05,000 --> 00:00:06,000\nOn A\n');
  });
});
