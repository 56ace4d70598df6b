import { describe, expect, it } from 'vitest';
import { range } from '../../../time/index.ts';
import { readAle, readAleDocument } from '../../../interchange/ale/read.ts';
import { writeAle } from '../../../interchange/ale/write.ts';

const ale = (fps: string, columns: string[], rows: string[][]) =>
  ['Heading', 'FIELD_DELIM\tTABS', 'VIDEO_FORMAT\t1080', `FPS\t${fps}`, '', 'Column', columns.join('\t'), '', 'Data', ...rows.map((r) => r.join('\t')), ''].join('\n');

describe('readAle', () => {
  it('reads drop-frame timecodes at 29.97 when they use ";" (End exclusive)', () => {
    const r = readAle(ale('29.97', ['Name', 'Start', 'End'], [['a', '01:00:00;00', '01:01:00;02']]));
    const m = r.value![0]!;
    expect(m.rate).toEqual({ num: 30000, den: 1001, dropFrame: true });
    // 01:00:00;00 is frame 107892 at 29.97 DF; one minute later is 01:01:00;02 (labels ;00 and ;01 are skipped).
    expect(m.availableRange).toEqual(range(107892, 1800, { num: 30000, den: 1001 }));
    expect(r.findings).toEqual([]);
  });

  it('reads 59.94 DF and says when Duration disagrees with End minus Start', () => {
    const r = readAle(ale('59.94', ['Name', 'Start', 'End', 'Duration'], [['b', '00:10:00;00', '00:10:00;10', '00:00:00;12']]), { file: 'b.ale' });
    expect(r.value![0]!.availableRange!.duration.value).toBe(10);
    expect(r.findings.map((f) => [f.code, f.where.line, f.params['computed']])).toEqual([['ALE_DURATION_MISMATCH', 10, '00:00:00;10']]);
  });

  it('Start with Duration and no End; End before Start and bad timecodes are findings with line and column', () => {
    const r = readAle(ale('25', ['Name', 'Tape', 'Start', 'End', 'Duration'], [
      ['c', 'T1', '10:00:00:00', '', '00:00:01:00'],
      ['d', 'T2', '10:00:00:10', '10:00:00:00', ''],
      ['e', 'T3', '10:00:00:25', '10:00:01:00', ''],
    ]));
    expect(r.value!.map((m) => [m.clipName, m.reel, m.availableRange?.duration.value])).toEqual([['c', 'T1', 25], ['d', 'T2', undefined], ['e', 'T3', undefined]]);
    expect(r.findings.map((f) => [f.code, f.where.line, f.where.column])).toEqual([
      ['ALE_END_BEFORE_START', 11, undefined],
      ['TIMECODE_INVALID', 12, 6],
      ['ALE_RANGE_MISSING', 12, undefined],
    ]);
  });

  it('no FPS: timecodes need options.rate; a bad FPS is an error; no Column section reads nothing', () => {
    const text = 'Heading\nFIELD_DELIM\tTABS\n\nColumn\nName\tStart\tEnd\n\nData\nx\t01:00:00:00\t01:00:01:00\n';
    const without = readAle(text);
    expect([without.value![0]!.availableRange, without.findings.map((f) => f.code)]).toEqual([undefined, ['ALE_FPS_MISSING']]);
    const withRate = readAle(text, { rate: { num: 24, den: 1, dropFrame: false } });
    expect(withRate.value![0]!.availableRange).toEqual(range(86400, 24, { num: 24, den: 1 }));
    expect(readAle(ale('23', ['Name'], [['x']])).findings[0]!.code).toBe('ALE_FPS_INVALID');
    expect(readAle('Heading\nFPS\t24\n').value).toBeUndefined();
  });

  it('keeps unknown columns as written and reports a clip FPS that differs from the heading', () => {
    const doc = readAleDocument(ale('24', ['Name', 'Scene', 'FPS'], [['x', ' 12A ', '25']])).value!;
    expect(doc.records[0]!.extra).toEqual({ Scene: ' 12A ', FPS: '25' });
    expect(readAle(ale('24', ['Name', 'Scene', 'FPS'], [['x', ' 12A ', '25']])).findings.map((f) => f.code)).toEqual(['ALE_RANGE_MISSING', 'ALE_RECORD_RATE_DIFFERS']);
  });
});

describe('writeAle', () => {
  it('writes the Avid layout with the FPS of the records and End exclusive', () => {
    const r = { num: 24000, den: 1001, dropFrame: false };
    const out = writeAle([{ clipName: 'A001C003', reel: 'A001', fileName: 'A001C003.mov', availableRange: range(86400, 48, r), rate: r, extra: { Scene: '12' } }]);
    expect(out.text).toBe(
      'Heading\nFIELD_DELIM\tTABS\nVIDEO_FORMAT\t1080\nAUDIO_FORMAT\t48khz\nFPS\t23.976\n\nColumn\nName\tTape\tStart\tEnd\tDuration\tSource File\tScene\n\nData\nA001C003\tA001\t01:00:00:00\t01:00:02:00\t00:00:02:00\tA001C003.mov\t12\n',
    );
    expect(out.findings).toEqual([]);
  });

  it('writes drop-frame labels at 29.97 DF, converts other rates down and replaces tabs, with findings', () => {
    const df = { num: 30000, den: 1001, dropFrame: true };
    const out = writeAle(
      [
        { clipName: 'a\tb', availableRange: range(107892, 1800, df), rate: df, extra: {} },
        { clipName: 'c', availableRange: range(48, 24, { num: 24, den: 1 }), extra: {} },
      ],
      { rate: df },
    );
    const rows = out.text.split('\n').slice(10, 12);
    // 48 + 24 frames at 24 are 2 s + 1 s: frames 59.94 to 89.91 at 29.97, rounded down to 59 and 89.
    expect(rows).toEqual(['a b\t\t01:00:00;00\t01:01:00;02\t00:01:00;02', 'c\t\t00:00:01;29\t00:00:02;29\t00:00:01;00']);
    expect(out.findings.map((f) => f.code)).toEqual(['ALE_VALUE_ESCAPED', 'ALE_RATE_MIXED']);
    expect(readAle(out.text).value![0]!.availableRange).toEqual(range(107892, 1800, df));
  });
});
