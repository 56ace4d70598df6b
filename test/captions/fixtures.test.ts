import { expect, it } from 'vitest';
import { captionText, compareTime, readCaptions, rescaledTo, rt, type CaptionDocument, type Finding } from '@picturelock/core';
import { describeFixtures, readFixtureBytes } from '@picturelock/test';
import { catalogRows, significantTimes } from './catalog.ts';

const MS = { num: 1000, den: 1 };
const ms = (t: Parameters<typeof rescaledTo>[0]) => rescaledTo(t, MS, 'round');
function read(path: string): { doc: CaptionDocument | undefined; findings: Finding[]; format?: string } {
  // A .vtt without its signature is still read as WebVTT here, so the reader can say what is wrong.
  const r = readCaptions(readFixtureBytes(`captions/${path}`), { file: path, ...(path.endsWith('.vtt') ? { format: 'vtt' as const } : {}) });
  return { doc: r.value, findings: [...r.findings], ...(r.format ? { format: r.format } : {}) };
}
const texts = (d: CaptionDocument | undefined) => (d?.events ?? []).map(captionText);
const times = (d: CaptionDocument | undefined) => (d?.events ?? []).map((e) => [ms(e.start), ms(e.end)]);
const clockMs = (s: string) => {
  const [h, m, rest] = s.split(':');
  return Math.round((Number(h) * 3600 + Number(m) * 60) * 1000 + Number(rest) * 1000);
};
/** Text compared the way the catalog prints it: tags, line separators and white space ignored, "..." truncation honoured. */
const squeeze = (s: string) => s.replace(/<[^>]+>/g, '').replace(/<[^>]*$/, '').replace(/\{\\an\d\}/g, '').replace(/[\s/]+/g, '');

describeFixtures('captions fixtures: every file reads', () => {
  const rows = catalogRows();
  const notCaptions = (format: string) => /JSON|licence|PNG|MCC|Spruce|decoded/i.test(format);
  it('reads every caption file in its detected format and reports every other file as not a caption format, never throwing', () => {
    expect(rows.length).toBe(256);
    const wrong: string[] = [];
    for (const row of rows) {
      const r = read(row.path);
      if (notCaptions(row.format)) {
        if (r.format !== undefined || r.findings[0]?.code !== 'CAPTION_FORMAT_UNKNOWN') wrong.push(row.path);
      } else if (r.doc === undefined) wrong.push(row.path);
    }
    expect(wrong).toEqual([]);
  });
});

describeFixtures('captions fixtures: ttconv, caption-inspector and EBU STL cue facts (O[ttconv CLI -> SRT])', () => {
  const rows = catalogRows().filter((r) => (r.path.startsWith('ttconv/') || r.path.startsWith('caption-inspector/')) && /SRT\]: \d+ cue/.test(r.facts));
  // paint-on.scc: ttconv shows each word one word early; Picturelock shows a word on the frame its last byte pair arrives (see scc.ts).
  const timed = rows.filter((r) => !r.path.endsWith('paint-on.scc'));
  it.each(timed.map((r) => [r.path, r]))('%s: cue count, first and last cue times and text', (_p, row) => {
    const facts = row.facts.slice(row.facts.indexOf('SRT]:'));
    const count = Number(/SRT\]: (\d+) cue/.exec(facts)![1]);
    const cues = [...facts.matchAll(/(\d\d:\d\d:\d\d\.\d{3})→(\d\d:\d\d:\d\d\.\d{3}) "(.*?)"(?=;|$| \(| \||…|\.)/g)].map((m) => ({ start: clockMs(m[1]!), end: clockMs(m[2]!), text: m[3]! }));
    const { doc } = read(row.path);
    const events = doc!.events;
    // ttconv's SRT writer merges paragraphs shown together into one cue (lwsp_default).
    const shown = row.path.endsWith('lwsp_default.ttml') ? [{ ...events[0]!, lines: events.flatMap((e) => e.lines) }] : events;
    expect(shown.length).toBe(count);
    const check = (cue: (typeof cues)[number], e: (typeof events)[number]) => {
      expect([ms(e.start), ms(e.end)]).toEqual([cue.start, cue.end]);
      const want = squeeze(cue.text.replace(/\.\.\.$/, ''));
      expect(squeeze(captionText(e)).startsWith(want)).toBe(true);
    };
    if (count === 0) return;
    check(cues[0]!, shown[0]!);
    if (/… last|; last/.test(facts) || cues.length === count) check(cues[cues.length - 1]!, shown[shown.length - 1]!);
  });

  it('paint-on.scc: 18 cues; the text grows word by word to the full two lines', () => {
    const { doc } = read('ttconv/scc/paint-on.scc');
    expect(doc!.events.length).toBe(18);
    expect(texts(doc).slice(0, 3)).toEqual(['Lorem', 'Lorem ipsum', 'Lorem ipsum dolor']);
    expect(texts(doc)[17]).toBe('Pellentesque interdum lacinia sollicitudin.\nInteger luctus et ligula ac sagittis.');
  });

  it('pop-on.scc: the mid-row italics and the special characters', () => {
    const { doc } = read('ttconv/scc/pop-on.scc');
    expect(doc!.events[2]!.lines).toEqual([[{ text: 'Test ½ Caption' }], [{ text: 'Test ' }, { text: 'test', italic: true }, { text: ' Captions' }]]);
  });

  it('Plan 9 SCC: drop-frame labels, 664 pop-on captions, no findings', () => {
    const r = read('caption-inspector/Plan9fromOuterSpace.scc');
    expect(r.findings).toEqual([]);
    expect(r.doc!.frameRate).toEqual({ num: 30000, den: 1001, dropFrame: true });
    // The first caption is loaded at 00:00:24;22 and shown by the EOC at 00:00:25;12 (frame 762).
    expect(r.doc!.events[0]!.start.value).toBe(762);
  });

  it('EBU STL: GSI programme start, colours from teletext codes, contained TTI dropped', () => {
    const black = read('ttconv/stl/irt/requirement-0076-001.stl').doc!;
    expect(black.programmeStart).toBe(10 * 3600 * 25);
    expect(black.events[0]!.lines[0]!.map((s) => s.color)).toEqual([undefined, 'black']);
    const colours = ['0076-002', '0076-003', '0076-004', '0076-005', '0076-006', '0076-007', '0076-008'].map((n) => read(`ttconv/stl/irt/requirement-${n}.stl`).doc!.events[0]!.lines[0]!.find((s) => s.color)?.color);
    expect(colours).toEqual(['blue', 'red', 'lime', 'yellow', 'blue', 'magenta', 'cyan']);
    const contained = read('ttconv/stl/sandflow/contained_tti.stl');
    expect(contained.findings.map((f) => [f.code, f.where.line])).toEqual([['CAPTION_STL_TTI_CONTAINED', 2]]);
    expect(texts(read('ttconv/stl/irt/requirement-0071-002.stl').doc)).toEqual(['Test1 Test2']);
    expect(read('ttconv/stl/irt/requirement-0074-001.stl').doc!.events[0]!.lines.length).toBe(2);
    expect(read('ttconv/stl/irt/requirement-0067-001.stl').doc!.events[0]!.placement?.align).toBe('left');
  });

  it('SRT {\\anN} tags become positions', () => {
    const { doc } = read('ttconv/srt/alignment.srt');
    expect(doc!.events.map((e) => `${e.placement?.vertical}/${e.placement?.align}`)).toEqual([
      'bottom/left', 'bottom/center', 'bottom/right', 'middle/left', 'middle/center', 'middle/right', 'top/left', 'top/center', 'top/right',
    ]);
  });

  it('the invalid WebVTT sample is refused for its signature', () => {
    expect(read('ttconv/vtt/invalid/bad-signature.vtt').findings.map((f) => f.code)).toEqual(['CAPTION_SIGNATURE_MISSING']);
  });
});

describeFixtures('captions fixtures: subtitles-php facts', () => {
  it('srt, vtt, ttml and dfxp versions of the same two cues agree', () => {
    const want = [[137400, 140400], [3740500, 3742500]];
    for (const f of ['srt.srt', 'vtt.vtt', 'ttml.ttml', 'dfxp.dfxp']) {
      const { doc } = read(`subtitles-php/${f}`);
      expect(times(doc)).toEqual(want);
      expect(texts(doc)).toEqual(["Senator, we're making\nour final approach into Coruscant.", 'Very good, Lieutenant.']);
    }
  });
  it('ttml2.ttml: five cues, two lines, French, bold and italic spans, red', () => {
    const { doc } = read('subtitles-php/ttml2.ttml');
    expect(times(doc)).toEqual([[0, 2000], [2000, 4000], [4000, 6000], [6000, 8000], [8000, 10000]]);
    expect(texts(doc)).toEqual([
      'Hello I am your first line.',
      'I am your second captions\nbut with two lines.',
      'Je suis le troisième sous-titre.',
      'I am another caption with Bold and Italic styles.',
      'I am the last caption displayed in red and centered.',
    ]);
    expect(doc!.events[2]!.language).toBe('fr');
    expect(doc!.events[4]!.lines[0]![0]!.color).toBe('red');
  });
  it('duplicated xml:ids still read 3 cues', () => {
    const { doc } = read('subtitles-php/ttml_with_duplicated_element_ids.ttml');
    expect(times(doc)).toEqual([[0, 1000], [1000, 2000], [2000, 3000]]);
    expect(texts(doc)).toEqual(['First line.', 'Second line.', 'Third line.']);
  });
  it('WebVTT samples: voice, tags, missing text, extra blank lines, styles, no hours', () => {
    const name = read('subtitles-php/vtt_with_name.vtt').doc!;
    expect([times(name), texts(name), name.events[0]!.speaker]).toEqual([[[9000, 11000]], ['We are in New York City'], 'Roger Bingham']);
    expect(texts(read('subtitles-php/vtt_with_html.vtt').doc)).toEqual(['Sur les playground, ici à Montpellier']);
    const missing = read('subtitles-php/vtt_with_missing_text.vtt');
    expect([times(missing.doc), texts(missing.doc)]).toEqual([[[0, 1000], [2000, 3000]], ['one', 'three']]);
    expect(missing.findings.map((f) => [f.code, f.where.line])).toEqual([['CAPTION_EMPTY', 6]]);
    const blank = read('subtitles-php/vtt_with_multiple_new_lines.vtt');
    expect([times(blank.doc), texts(blank.doc)]).toEqual([[[0, 1000], [2000, 3000]], ['one\ntwo', 'three']]);
    expect(texts(read('subtitles-php/vtt_with_styles.vtt').doc)).toEqual(['Hello world.']);
    expect(times(read('subtitles-php/vtt_without_hours_in_timestamp.vtt').doc)).toEqual([[0, 10000]]);
  });
});

describeFixtures('captions fixtures: WebVTT parser conformance (WPT and vtt.js)', () => {
  const vtt = (p: string) => read(p).doc!;
  it('WPT file parsing: headers, ids, timings', () => {
    for (const f of ['header-garbage', 'header-space', 'header-tab', 'header-timings']) expect([times(vtt(`wpt-webvtt/file-parsing/${f}.vtt`)), texts(vtt(`wpt-webvtt/file-parsing/${f}.vtt`))]).toEqual([[[0, 1000]], ['text']]);
    expect(vtt('wpt-webvtt/file-parsing/ids.vtt').events.map((e) => e.id)).toEqual([' leading space', 'trailing space ', '-- >', '->', ' ']);
    for (const f of ['signature-bom', 'signature-no-newline', 'signature-space-no-newline', 'signature-space', 'signature-tab-no-newline', 'signature-tab', 'signature-timings', 'timings-eof', 'timings-garbage']) {
      const r = read(`wpt-webvtt/file-parsing/${f}.vtt`);
      expect([f, r.doc!.events.length, r.findings.filter((x) => x.code === 'CAPTION_SIGNATURE_MISSING').length]).toEqual([f, 0, 0]);
    }
    expect(texts(vtt('wpt-webvtt/file-parsing/timings-omitted-hours.vtt'))).toEqual(['text0', 'text1', 'text2']);
    expect(texts(vtt('wpt-webvtt/file-parsing/timings-too-long.vtt'))).toEqual(['text0', 'text1']);
    expect(texts(vtt('wpt-webvtt/file-parsing/timings-too-short.vtt'))).toEqual(['text0', 'text1']);
    expect(texts(vtt('wpt-webvtt/file-parsing/comment-in-cue-text.vtt'))).toEqual(['NOTE text', 'NOTE text\nNOTE text2']);
  });
  it('WPT cue settings: align, size, vertical, multiple (last valid value wins)', () => {
    expect(vtt('wpt-webvtt/file-parsing/settings-align.vtt').events.map((e) => e.vttSettings?.align ?? 'center')).toEqual(['center', 'start', 'center', 'end', 'left', 'right', 'end', 'end', 'end', 'end', 'end', 'end', 'center']);
    expect(vtt('wpt-webvtt/file-parsing/settings-size.vtt').events.map((e) => Number((e.vttSettings?.size ?? '100%').replace('%', '')))).toEqual([100, 2, 0, 0, 100, 50, 1.5, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
    expect(vtt('wpt-webvtt/file-parsing/settings-vertical.vtt').events.map((e) => e.vttSettings?.vertical ?? '')).toEqual(['', 'lr', 'rl', 'lr', '', '', '', '']);
    expect(vtt('wpt-webvtt/file-parsing/settings-multiple.vtt').events.map((e) => e.vttSettings)).toEqual([
      { align: 'start', line: '1%', vertical: 'lr', size: '50%', position: '25%' },
      { align: 'center', line: '1', vertical: 'rl', size: '0%', position: '100%' },
    ]);
    expect(vtt('wpt-webvtt/file-parsing/settings-position.vtt').events.length).toBe(22);
    for (const [f, n] of [['regions-id', 4], ['regions-old', 2], ['regions-regionanchor', 20], ['regions-scroll', 6], ['regions-viewportanchor', 20]] as const) expect(vtt(`wpt-webvtt/file-parsing/${f}.vtt`).events.length).toBe(n);
    expect(vtt('wpt-webvtt/file-parsing/regions-old.vtt').events.map((e) => e.placement?.region)).toEqual([undefined, undefined]);
  });
  it('vtt.js cue times and file layouts (current W3C rules where vtt.js is older)', () => {
    expect(times(vtt('vttjs/cue-times/fractions.vtt'))).toEqual([[142, 519]]);
    for (const f of ['left-tab', 'missing-spaces-between-separator', 'separator-extra-space', 'separator-tab', 'space-left-tab-right', 'space-right-tab-left', 'spaces-tabs-on-both-sides', 'tab-right']) {
      expect([f, times(vtt(`vttjs/cue-times/${f}.vtt`)), texts(vtt(`vttjs/cue-times/${f}.vtt`))]).toEqual([f, [[25000, 27000]], ['Payload']]);
    }
    for (const f of ['max-spot-digits', 'minimum-time-spots']) expect(times(vtt(`vttjs/cue-times/${f}.vtt`))).toEqual([[0, 2000]]);
    // vtt.js reads "000:00.000" (three-digit first field, no hours) as 0; WPT timings-too-long
    // lists exactly that timing as invalid, so Picturelock follows WPT.
    expect(read('vttjs/cue-times/min-top-digits.vtt').findings.map((f) => f.code)).toEqual(['CAPTION_TIMESTAMP_INVALID']);
    expect(times(vtt('vttjs/cue-times/min-mid-digits.vtt'))).toEqual([]);
    expect(times(vtt('vttjs/cue-times/missing-separator.vtt'))).toEqual([]);
    // vtt.js reads "120:00.000" as 120 hours; the W3C rules (and WPT timings-too-long) refuse a
    // three-digit first field without a third field, so no cue, with a finding.
    const sixty = read('vttjs/cue-times/minimum-spots-over-sixty.vtt');
    expect([sixty.doc!.events.length, sixty.findings.map((f) => f.code)]).toEqual([0, ['CAPTION_TIMESTAMP_INVALID']]);
    for (const f of ['webvtt-no-bom', 'webvtt-space', 'webvtt-tab', 'webvtt-with-bom']) expect([times(vtt(`vttjs/file-layout/${f}.vtt`)), texts(vtt(`vttjs/file-layout/${f}.vtt`))]).toEqual([[[0, 2000]], ['text']]);
    for (const f of ['bad-double-webvtt', 'blank-file-with-bom', 'blank-file', 'bom-tab-webvtt', 'garbage-signature', 'newline-before-webvtt', 'tab-after-bom-before-header']) {
      const r = read(`vttjs/file-layout/${f}.vtt`);
      expect([f, r.doc?.events.length ?? 0]).toEqual([f, 0]);
    }
    // vtt.js expects nothing from a timing line right after the signature; the current W3C
    // parser (WPT header-timings) reads it as a cue, and so does Picturelock.
    expect(texts(vtt('vttjs/file-layout/header-no-new-line.vtt'))).toEqual(['Test']);
  });
});

describeFixtures('captions fixtures: IMSC significant times (ttconv isd-references)', () => {
  // BasicTiming010: at 24.4 s and 35 s only a <br/> is active (an ISD with no text; Picturelock
  // keeps no empty events). BeginEnd002: paragraphs without an end are kept for 10 s with a finding.
  const exceptions: Record<string, number[]> = { 'imsc-tests/imsc1/ttml/timing/BasicTiming010.ttml': [24.4, 35], 'imsc-tests/imsc1/ttml/timing/BeginEnd002.ttml': [20] };
  const rows = catalogRows().filter((r) => r.path.endsWith('.ttml') && r.path.startsWith('imsc-tests/') && significantTimes(r.facts));
  it.each(rows.map((r) => [r.path, r]))('%s shows content exactly at the "+" instants', (_p, row) => {
    const { doc } = read(row.path);
    const wrong = significantTimes(row.facts)!.filter(([t, shown]) => {
      if (exceptions[row.path]?.includes(t)) return false;
      const at = rt(Math.round(t * 1000), MS);
      return doc!.events.some((e) => compareTime(e.start, at) <= 0 && compareTime(at, e.end) < 0) !== shown;
    });
    expect(wrong).toEqual([]);
  });
});
