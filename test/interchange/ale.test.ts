import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { readAle, readAleDocument, timecodeOf, writeAle, type FrameRate, type MediaRecord } from '@picturelock/core';
import { describeFixtures, fixturePath, HAVE_FIXTURES, readFixtureText } from '@picturelock/test';

const files = HAVE_FIXTURES ? readdirSync(fixturePath('interchange/otio-ale')).filter((f) => f.endsWith('.ale')).map((f) => `interchange/otio-ale/${f}`).sort() : [];

function records(rel: string): readonly MediaRecord[] {
  const r = readAle(readFixtureText(rel), { file: rel });
  return r.value!;
}

const tc = (frames: number, r: FrameRate) => timecodeOf(frames, r);
const span = (m: MediaRecord) => `${tc(m.availableRange!.start.value, m.rate!)} + ${tc(m.availableRange!.duration.value, m.rate!)}`;

describeFixtures('ALE: the corpus', () => {
  it('reads the 5 ALE files of the catalog', () => {
    expect(files.map((f) => f.split('/').pop())).toEqual(['sample.ale', 'sample2.ale', 'sampleUHD.ale', 'sample_blanks.ale', 'sample_no_blanks.ale']);
  });

  it('sample.ale: 4 clips at FPS 24, all from 01:00:00:00, 4:03 to 4:06 long; End exclusive as the Duration column confirms', () => {
    const doc = readAleDocument(readFixtureText('interchange/otio-ale/sample.ale')).value!;
    expect(doc.heading.find(([k]) => k === 'FPS')).toEqual(['FPS', '24']);
    expect(doc.records.map((r) => r.clipName)).toEqual(['test_017056', 'test_017057', 'test_017058', 'Something']);
    expect(doc.records.map(span)).toEqual(['01:00:00:00 + 00:00:04:03', '01:00:00:00 + 00:00:04:04', '01:00:00:00 + 00:00:04:05', '01:00:00:00 + 00:00:04:06']);
    expect(doc.records[0]!.fileName).toBe('test_017056.aaf');
    expect(doc.records[0]!.extra['Color']).toBe('   ');
    expect(doc.records[0]!.extra['FPS']).toBe('24.00');
    expect(doc.columns).toHaveLength(129);
  });

  it('sample.ale: read then write reproduces the file byte for byte', () => {
    const text = readFixtureText('interchange/otio-ale/sample.ale');
    const doc = readAleDocument(text).value!;
    const out = writeAle(doc.records, { heading: doc.heading, columns: doc.columns, lineEnding: doc.lineEnding });
    expect(out.findings).toEqual([]);
    expect(out.text).toBe(text);
  });

  it('sample2.ale: a one-line CRLF heading at 23.98; ranges 04:00:00:00 + 00:00:46:16 and 04:00:46:16 + 00:00:50:16; a short row is a finding', () => {
    const r = readAleDocument(readFixtureText('interchange/otio-ale/sample2.ale'), { file: 'sample2.ale' });
    const doc = r.value!;
    expect(doc.lineEnding).toBe('\r\n');
    expect(doc.heading.find(([k]) => k === 'FPS')).toEqual(['FPS', '23.98']);
    expect(doc.rate).toEqual({ num: 24000, den: 1001, dropFrame: false });
    expect(doc.records.map((m) => [m.clipName, m.reel])).toEqual([['19A-1xa', '3NY004'], ['19A-2xa', '3NY004']]);
    expect(doc.records.map(span)).toEqual(['04:00:00:00 + 00:00:46:16', '04:00:46:16 + 00:00:50:16']);
    expect(r.findings.map((f) => [f.code, f.where.line, f.params['actual'], f.params['expected']])).toEqual([['ALE_ROW_WIDTH', 8, 30, 32]]);
  });

  it('sampleUHD.ale: VIDEO_FORMAT CUSTOM, one R3D clip 14:40:02:11 to 14:42:22:23 at 23.976, image size 4096 x 2304', () => {
    const doc = readAleDocument(readFixtureText('interchange/otio-ale/sampleUHD.ale')).value!;
    expect(doc.heading.find(([k]) => k === 'VIDEO_FORMAT')).toEqual(['VIDEO_FORMAT', 'CUSTOM']);
    const m = doc.records[0]!;
    expect([m.clipName, m.fileName, m.width, m.height]).toEqual(['A118_C029_1102JR', 'A118_C029_1102JR_001.R3D', 4096, 2304]);
    expect(tc(m.availableRange!.start.value, m.rate!)).toBe('14:40:02:11');
    expect(tc(m.availableRange!.start.value + m.availableRange!.duration.value, m.rate!)).toBe('14:42:22:23');
  });

  it('sample_blanks.ale: blank lines everywhere; 1 clip at 25, 05:42:12:20 + 00:00:17:17, CDL columns kept', () => {
    const m = records('interchange/otio-ale/sample_blanks.ale');
    expect(m).toHaveLength(1);
    expect(m[0]!.clipName).toBe('A020C003_150905_E2XZ.mov');
    expect(m[0]!.rate).toEqual({ num: 25, den: 1, dropFrame: false });
    expect(span(m[0]!)).toBe('05:42:12:20 + 00:00:17:17');
    expect(m[0]!.reel).toBe('A020E2XZ');
  });

  it('sample_no_blanks.ale: 6 clips; clip 4 has Tape A_0076C005_230511_190706_h1CTJ and Take 5', () => {
    const m = records('interchange/otio-ale/sample_no_blanks.ale');
    expect(m).toHaveLength(6);
    expect(m[4]!.reel).toBe('A_0076C005_230511_190706_h1CTJ');
    expect(m[4]!.extra['Take']).toBe('5');
    expect(span(m[0]!)).toBe('19:42:28:17 + 00:01:44:12');
  });

  it.each(files)('%s: read -> write -> read gives the same records', (rel) => {
    const doc = readAleDocument(readFixtureText(rel)).value!;
    const again = readAleDocument(writeAle(doc.records, { heading: doc.heading, columns: doc.columns }).text).value!;
    expect(again.records).toEqual(doc.records);
    // With no layout given, the default layout carries the same records too.
    expect(readAle(writeAle(doc.records).text).value).toEqual(doc.records);
  });

  it('mutated ALE files (truncated, lines shuffled or duplicated, bytes flipped) never throw', () => {
    const texts = files.map((f) => readFixtureText(f));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: texts.length - 1 }), fc.nat(), fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 3 }), (k, at, op, junk) => {
        const t = texts[k]!;
        const lines = t.split('\n');
        const p = at % t.length;
        const li = at % lines.length;
        const mutated =
          op === 0 ? t.slice(0, p)
          : op === 1 ? t.slice(0, p) + junk + t.slice(p + 1)
          : op === 2 ? [...lines.slice(0, li), lines[li]!, ...lines.slice(li)].join('\n')
          : [...lines.slice(li), ...lines.slice(0, li)].join('\n');
        const r = readAle(mutated);
        return r.value !== undefined || r.findings.length > 0;
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
