import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frameRate, rt, rescaledTo, toSecondsString } from '../../time/index.ts';
import {
  CEA608_CHARACTERS,
  captionText,
  readScc,
  readSrt,
  readTtml,
  readVtt,
  writeScc,
  writeSrt,
  writeTtml,
  writeVtt,
  type CaptionDocument,
  type CaptionEvent,
  type CaptionLine,
} from '../../captions/index.ts';
import { captionMsOf } from '../../captions/clock.ts';

const MS = { num: 1000, den: 1 };
const ev = (startMs: number, endMs: number, lines: CaptionLine[], extra: Partial<CaptionEvent> = {}): CaptionEvent => ({ start: rt(startMs, MS), end: rt(endMs, MS), lines, ...extra });
const doc = (events: CaptionEvent[]): CaptionDocument => ({ format: 'srt', timeBase: 'media', events });
const plain = (e: CaptionEvent) => ({ start: captionMsOf(e.start), end: captionMsOf(e.end), lines: e.lines });
const bytes = (s: string): Uint8Array => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

const STYLED = doc([
  ev(1000, 3500, [[{ text: 'Plain ' }, { text: 'italic', italic: true }], [{ text: 'bold', bold: true }, { text: ' and ' }, { text: 'under', underline: true }]]),
  ev(3600, 5000, [[{ text: 'yellow text', color: 'yellow' }]], { placement: { vertical: 'top' } }),
  ev(3_600_000, 3_602_500, [[{ text: 'An hour in & 5 < 6' }]]),
]);

describe('SRT', () => {
  it('text -> model -> text keeps styles, the {\\an8} position and every millisecond', () => {
    const w = writeSrt(STYLED);
    expect(w.text).toBe(
      '1\n00:00:01,000 --> 00:00:03,500\nPlain <i>italic</i>\n<b>bold</b> and <u>under</u>\n\n2\n00:00:03,600 --> 00:00:05,000\n{\\an8}<font color="yellow">yellow text</font>\n\n3\n01:00:00,000 --> 01:00:02,500\nAn hour in & 5 < 6\n',
    );
    const back = readSrt(w.text);
    expect(back.value!.events.map(plain)).toEqual(STYLED.events.map(plain));
    expect(back.value!.events[1]!.placement).toEqual({ vertical: 'top', align: 'center' });
  });

  it('reads broken timestamps, overlaps, junk and a missing blank line with findings that carry line numbers, never throwing', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\nOne\n2\n00:00:01.500 --> 00:00:04,000\nTwo\x00\x01 junk\n\n3\n00:00:xx,000 --> 00:00:05,000\nBroken\n\n4\n00:00:06,000 --> 00:00:05,000\nReversed\n';
    const r = readSrt(text, { file: 'bad.srt' });
    expect(r.value!.events.map((e) => [captionMsOf(e.start), captionMsOf(e.end), captionText(e)])).toEqual([
      [1000, 2000, 'One'],
      [1500, 4000, 'Two junk'],
    ]);
    expect(r.findings.map((f) => [f.code, f.where.line])).toEqual([
      ['CAPTION_BINARY_DATA', 6],
      ['CAPTION_TIMESTAMP_LENIENT', 5],
      ['CAPTION_TIMESTAMP_INVALID', 9],
      ['CAPTION_TIMES_REVERSED', 13],
    ]);
  });

  it('reads Windows-1252 bytes (wrong encoding) with a finding and the right characters', () => {
    const r = readSrt(bytes('1\n00:00:01,000 --> 00:00:02,000\nCaf\xe9 \x93quoted\x94\n'));
    expect(captionText(r.value!.events[0]!)).toBe('Café “quoted”');
    expect(r.findings.map((f) => f.code)).toEqual(['INTERCHANGE_TEXT_ENCODING_GUESSED']);
  });

  it('reads pure binary junk as no events and findings, not a crash', () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 37 + 11) % 256);
    const r = readSrt(junk);
    expect(r.value!.events).toEqual([]);
    expect(r.findings.some((f) => f.code === 'CAPTION_BINARY_DATA')).toBe(true);
  });
});

describe('WebVTT', () => {
  it('text -> model -> text keeps voice spans, settings, colour classes and escapes', () => {
    const d = doc([
      ev(0, 1500, [[{ text: 'a < b & c' }]], { speaker: 'Roger Bingham', vttSettings: { align: 'start', line: '10%' } }),
      ev(2000, 3000, [[{ text: 'lime', color: 'lime' }, { text: ' and ' }, { text: 'it', italic: true }]]),
    ]);
    const w = writeVtt(d);
    expect(w.text).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:01.500 align:start line:10%\n<v Roger Bingham>a &lt; b &amp; c\n\n00:00:02.000 --> 00:00:03.000\n<c.lime>lime</c> and <i>it</i>\n');
    const back = readVtt(w.text).value!;
    expect(back.events.map(plain)).toEqual(d.events.map(plain));
    expect(back.events[0]!.speaker).toBe('Roger Bingham');
    expect(back.events[0]!.vttSettings).toEqual({ align: 'start', line: '10%' });
  });

  it('refuses a missing signature with a finding and no cues', () => {
    const r = readVtt('vtt\n\n00:00:01.002 --> 00:00:03.004\nHello\n');
    expect(r.value!.events).toEqual([]);
    expect(r.findings.map((f) => [f.code, f.where.line])).toEqual([['CAPTION_SIGNATURE_MISSING', 1]]);
  });
});

describe('TTML', () => {
  it('model -> text -> model keeps styles, speaker, placement and milliseconds', () => {
    const d = { ...STYLED, events: [...STYLED.events.slice(0, 2), ev(6000, 7000, [[{ text: 'Hi' }]], { speaker: 'Ann' })] };
    const w = writeTtml(d);
    const back = readTtml(w.text);
    expect(back.findings).toEqual([]);
    expect(back.value!.events.map(plain)).toEqual(d.events.map(plain));
    expect(back.value!.events[1]!.placement?.vertical).toBe('top');
    expect(back.value!.events[2]!.speaker).toBe('Ann');
  });

  it('reads Netflix-style frame times: ttp:frameRate 24 with multiplier 1000 1001, clock frames and ticks', () => {
    const text = `<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:frameRate="24" ttp:frameRateMultiplier="1000 1001" ttp:timeBase="media" ttp:tickRate="10000000">
<body><div>
<p begin="00:00:01:12" end="00:00:03:00">Frames</p>
<p begin="72f" end="96f">Offset frames</p>
<p begin="50050000t" end="60060000t">Ticks</p>
</div></body></tt>`;
    const r = readTtml(text);
    expect(r.findings).toEqual([]);
    const fr = frameRate(24000, 1001);
    // 00:00:01:12 in media time = 1 s + 12 frames at 23.976 = 1.5005 s; 72f = 3.003 s; 50050000 ticks at 10 MHz = 5.005 s.
    expect(r.value!.events.flatMap((e) => [toSecondsString(e.start), toSecondsString(e.end)])).toEqual(['1.5005', '3', '3.003', '4.004', '5.005', '6.006']);
    expect(rescaledTo(r.value!.events[1]!.start, fr, 'round')).toBe(72);
    expect(r.value!.frameRate).toEqual(fr);
  });

  it('refuses a DOCTYPE that declares entities, and caps depth', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE tt [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="0s" end="1s">&b;</p></div></body></tt>';
    const r = readTtml(bomb);
    expect(r.value!.events).toEqual([]);
    expect(r.findings.map((f) => f.code)).toEqual(['XML_ENTITY_DECLARED']);
    const deep = `<tt xmlns="http://www.w3.org/ns/ttml"><body>${'<div>'.repeat(100)}${'</div>'.repeat(100)}</body></tt>`;
    expect(readTtml(deep).findings.map((f) => f.code)).toEqual(['XML_LIMIT_EXCEEDED']);
  });
});

describe('SCC / CEA-608', () => {
  it('encodes and decodes every CEA-608 character', () => {
    // 96 basic, 16 special, 64 extended codes: every code shows a different character.
    expect(CEA608_CHARACTERS.length).toBe(96 + 16 + 64);
    for (const ch of CEA608_CHARACTERS) {
      if (ch === ' ' || ch === '\u00a0') continue;
      const d: CaptionDocument = { format: 'scc', timeBase: 'timecode', events: [{ start: rt(100, { num: 30000, den: 1001 }), end: rt(160, { num: 30000, den: 1001 }), lines: [[{ text: `a${ch}${ch}b` }]] }] };
      const w = writeScc(d);
      expect(w.findings).toEqual([]);
      const back = readScc(w.text).value!;
      expect(captionText(back.events[0]!)).toBe(`a${ch}${ch}b`);
    }
  });

  it('writes pop-on captions whose EOC lands on the start frame and EDM on the end frame (29.97 DF)', () => {
    const r29 = { num: 30000, den: 1001 };
    const d: CaptionDocument = {
      format: 'scc',
      timeBase: 'timecode',
      events: [
        { start: rt(107892, r29), end: rt(107952, r29), lines: [[{ text: 'First ' }, { text: 'caption', italic: true }]] },
        { start: rt(107954, r29), end: rt(108000, r29), lines: [[{ text: 'Second one' }], [{ text: 'two rows' }]] },
      ],
    };
    const w = writeScc(d);
    const lines = w.text.split('\n').filter(Boolean);
    expect(lines.filter((l) => /\t(942f|942c) /.test(l))).toEqual(['01:00:00;00\t942f 942f', '01:00:02;00\t942c 942c', '01:00:02;02\t942f 942f', '01:00:03;18\t942c 942c']);
    expect(w.findings).toEqual([]);
    const back = readScc(w.text).value!;
    expect(back.events.map((e) => [e.start.value, e.end.value, captionText(e)])).toEqual([
      [107892, 107952, 'First caption'],
      [107954, 108000, 'Second one\ntwo rows'],
    ]);
    expect(back.events[0]!.lines[0]).toEqual([{ text: 'First ' }, { text: 'caption', italic: true }]);
  });

  it('reports parity errors and bad words with line numbers', () => {
    const r = readScc('Scenarist_SCC V1.0\n\n00:00:01:00\t9420 zz12 94d2 942f\n');
    expect(r.findings.map((f) => [f.code, f.where.line])).toEqual([
      ['CAPTION_SCC_WORD_INVALID', 3],
      ['CAPTION_SCC_WORD_INVALID', 3],
    ]);
  });
});

describe('property: caption sets survive SRT -> TTML -> VTT -> SRT', () => {
  it('keeps text, styling and milliseconds', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9'.,!?é]{1,8}$/);
    const span = fc.record({ text: fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')), italic: fc.boolean(), bold: fc.boolean() });
    const line = fc.array(span, { minLength: 1, maxLength: 3 });
    const event = fc.record({ startMs: fc.integer({ min: 0, max: 36_000_000 }), lenMs: fc.integer({ min: 1, max: 10_000 }), lines: fc.array(line, { minLength: 1, maxLength: 2 }) });
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 8 }), (events) => {
        const d = doc(
          events.map((e) =>
            ev(
              e.startMs,
              e.startMs + e.lenMs,
              e.lines.map((l) =>
                l.flatMap((s, i) => [...(i > 0 ? [{ text: ' ' }] : []), { text: s.text, ...(s.italic ? { italic: true } : {}), ...(s.bold ? { bold: true } : {}) }]),
              ),
            ),
          ),
        );
        const srt1 = readSrt(writeSrt(d).text).value!;
        const ttml = readTtml(writeTtml(srt1).text).value!;
        const vtt = readVtt(writeVtt(ttml).text).value!;
        const srt2 = readSrt(writeSrt(vtt).text).value!;
        expect(srt2.events.map(plain)).toEqual(srt1.events.map(plain));
        expect(srt1.events.map(captionText)).toEqual(d.events.map(captionText));
      }),
      { numRuns: 100 },
    );
  });
});
