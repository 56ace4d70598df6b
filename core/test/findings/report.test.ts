import { describe, expect, it } from 'vitest';
import {
  buildReport,
  codeTitle,
  csvField,
  describeWhere,
  escapeXml,
  finding,
  hasErrors,
  isFindingCode,
  locatedAt,
  renderCsv,
  renderHtml,
  renderJson,
  renderJunit,
  renderText,
  REPORT_SCHEMA,
  sortedFindings,
  waiverMatches,
  type Report,
  type Waiver,
} from '../../findings/index.ts';

describe('finding()', () => {
  it('renders the message from the params and keeps them as data', () => {
    const f = finding('INPUT_UNREADABLE', { path: 'cut/scene-v1.edl', reason: 'no such file' });
    expect(f).toEqual({
      code: 'INPUT_UNREADABLE',
      severity: 'error',
      message: 'cut/scene-v1.edl could not be read: no such file',
      where: {},
      params: { path: 'cut/scene-v1.edl', reason: 'no such file' },
    });
  });

  it('uses the template fallback when a param is empty, and carries every extra', () => {
    const f = finding(
      'TIMECODE_INVALID',
      { text: '00:01:00;00', reason: '' },
      { where: { file: 'a.edl', line: 4, column: 33 }, severity: 'warning', expected: '00:01:00;02', actual: '00:01:00;00', rule: 'SMPTE ST 12-1', fix: 'retype the label' },
    );
    expect(f.message).toBe('"00:01:00;00" is not a valid timecode');
    expect(f.severity).toBe('warning');
    expect([f.expected, f.actual, f.rule, f.fix]).toEqual(['00:01:00;02', '00:01:00;00', 'SMPTE ST 12-1', 'retype the label']);
    expect(finding('TIMECODE_INVALID', { text: 'x', reason: 'frame 24 is past 23' }).message).toBe('frame 24 is past 23');
    expect(finding('RATE_INFERRED', { rate: '23.976', why: 'the list has no FCM line' }).message).toBe(
      'no frame rate was given; read as 23.976 because the list has no FCM line',
    );
    expect(finding('INPUT_LIMIT_EXCEEDED', { what: 'the file', limit: '64 MiB', actual: '80 MiB' })).toMatchObject({
      severity: 'error',
      message: 'the file exceeds the limit of 64 MiB (found 80 MiB); the rest was not read',
    });
  });

  it('adds a location without overwriting what the finding already knows', () => {
    const f = finding('RATE_INVALID', { text: '23', reason: '' }, { where: { line: 3 } });
    expect(locatedAt(f, { file: 'x.edl', line: 99 }).where).toEqual({ file: 'x.edl', line: 3 });
  });

  it('knows its closed list of codes', () => {
    expect(isFindingCode('INPUT_UNREADABLE')).toBe(true);
    expect(isFindingCode('toString')).toBe(false);
    expect(isFindingCode('NOT_A_CODE')).toBe(false);
    expect(codeTitle('RATE_INFERRED')).toBe('Frame rate inferred');
  });

  it('describes locations the way an editor reads them', () => {
    expect(describeWhere({ file: 'a.edl', line: 12, column: 5 })).toBe('a.edl:12:5');
    expect(describeWhere({ file: 'a.edl' })).toBe('a.edl');
    expect(describeWhere({ line: 7 })).toBe('line 7');
    expect(describeWhere({ track: 'V1', event: '012', record: { in: '01:00:10:00', out: '01:00:12:00' } })).toBe('V1 event 012 01:00:10:00-01:00:12:00');
  });

  it('sorts errors first, then by record frame, then by line', () => {
    const a = finding('RATE_INFERRED', { rate: '24', why: 'x' }, { where: { line: 1 } });
    const b = finding('INPUT_UNREADABLE', { path: 'b', reason: 'r' }, { where: { line: 9 } });
    const c = finding('INPUT_UNREADABLE', { path: 'c', reason: 'r' }, { where: { line: 2 } });
    const d = finding('INPUT_UNREADABLE', { path: 'd', reason: 'r' }, { where: { frames: { start: 5, end: 6 } } });
    expect(sortedFindings([a, b, c, d]).map((f) => f.params['path'] ?? 'info')).toEqual(['d', 'c', 'b', 'info']);
  });
});

describe('waivers', () => {
  const f = finding('RATE_INVALID', { text: '23.98', reason: '' }, { where: { file: 'v.xml', track: 'V2', event: '007', clip: 'SH010', record: { in: '01:00:20:00', out: '01:00:21:00' } } });
  const base: Waiver = { code: 'RATE_INVALID', who: 'Dana Ruiz (client)', when: '2025-03-14', why: 'approved' };

  it('match by code and by every location field they name', () => {
    expect(waiverMatches(base, f)).toBe(true);
    expect(waiverMatches({ ...base, code: 'RATE_INFERRED' }, f)).toBe(false);
    expect(waiverMatches({ ...base, where: { event: '007', track: 'V2', file: 'v.xml', clip: 'SH010', recordIn: '01:00:20:00' } }, f)).toBe(true);
    expect(waiverMatches({ ...base, where: { event: '008' } }, f)).toBe(false);
    expect(waiverMatches({ ...base, where: { track: 'V1' } }, f)).toBe(false);
    expect(waiverMatches({ ...base, where: { file: 'w.xml' } }, f)).toBe(false);
    expect(waiverMatches({ ...base, where: { clip: 'SH020' } }, f)).toBe(false);
    expect(waiverMatches({ ...base, where: { recordIn: '01:00:20:01' } }, f)).toBe(false);
  });

  it('move a finding into the approved exceptions instead of hiding it', () => {
    const other = finding('RATE_INVALID', { text: '26', reason: '' }, { where: { event: '009' } });
    const report = buildReport({ title: 't', toolVersion: '0.1.0', generatedAt: '2025-03-14T10:00:00Z', findings: [f, other], waivers: [{ ...base, where: { event: '007' } }] });
    expect(report.findings).toEqual([other]);
    expect(report.waived).toEqual([{ finding: f, waiver: { ...base, where: { event: '007' } } }]);
    expect(report.summary).toEqual({ error: 1, warning: 0, info: 0, waived: 1, total: 2 });
    expect(hasErrors(report)).toBe(true);
    const all = buildReport({ title: 't', toolVersion: '0.1.0', generatedAt: '2025-03-14T10:00:00Z', findings: [f, other], waivers: [base] });
    expect(all.summary).toEqual({ error: 0, warning: 0, info: 0, waived: 2, total: 2 });
    expect(hasErrors(all)).toBe(false);
  });
});

/** One report with every kind of entry: two open errors, a warning, a note, a waived error and two extra sections. */
function sampleReport(): Report {
  return buildReport({
    title: 'Conform check: THE LOCK v1',
    toolVersion: '0.1.0',
    generatedAt: '2025-03-14T10:00:00Z',
    inputs: [
      { path: 'examples/scene-v1.edl', role: 'offline' },
      { path: 'examples/media.csv', role: 'inventory' },
    ],
    findings: [
      finding('INPUT_UNREADABLE', { path: 'media/A<01>.csv', reason: 'permission denied & locked' }, { where: { file: 'media/A<01>.csv' } }),
      finding(
        'INPUT_LIMIT_EXCEEDED',
        { what: 'Comment "LOC" lines', limit: '1,000', actual: '1,204' },
        { severity: 'warning', where: { file: 'examples/scene-v1.edl', line: 88 }, expected: '<= 1,000', actual: '1,204', fix: 'split the list, or raise the limit' },
      ),
      finding('RATE_INFERRED', { rate: '23.976', why: 'the list has no FCM line' }, { where: { file: 'examples/scene-v1.edl', line: 1 } }),
      finding(
        'TIMECODE_INVALID',
        { text: '00:01:00;00', reason: '' },
        {
          where: { file: 'examples/scene-v1.edl', line: 12, column: 33, track: 'V1', event: '004', record: { in: '01:00:10:00', out: '01:00:12:00' }, frames: { start: 240, end: 288 } },
          expected: '00:01:00;02',
          actual: '00:01:00;00',
          rule: 'SMPTE ST 12-1',
          fix: 'use 00:01:00;02, the next label that exists',
        },
      ),
      finding('RATE_INVALID', { text: '23.98', reason: '' }, { where: { track: 'V2', event: '007', clip: 'SH010_comp_v011' } }),
    ],
    waivers: [{ code: 'RATE_INVALID', where: { event: '007' }, who: 'Dana Ruiz (client)', when: '2025-03-14', why: 'VFX vendor delivers at 24; approved in the turnover notes' }],
    sections: [
      { kind: 'table', title: 'Events checked', columns: ['Event', 'Record in', 'Clip'], rows: [['001', '01:00:00:00', 'A001C003'], ['004', '01:00:10:00', 'B002C001']] },
      { kind: 'text', title: 'Scope', text: 'V1 and V2 against the camera originals.' },
    ],
  });
}

describe('report model', () => {
  it('sorts, waives and counts', () => {
    const r = sampleReport();
    expect(r.schema).toBe(REPORT_SCHEMA);
    expect(r.findings.map((f) => f.code)).toEqual(['TIMECODE_INVALID', 'INPUT_UNREADABLE', 'INPUT_LIMIT_EXCEEDED', 'RATE_INFERRED']);
    expect(r.waived.map((w) => w.finding.code)).toEqual(['RATE_INVALID']);
    expect(r.summary).toEqual({ error: 2, warning: 1, info: 1, waived: 1, total: 5 });
  });
});

describe('renderers (golden outputs)', () => {
  const report = sampleReport();

  it('text without colour', async () => {
    const text = renderText(report);
    expect(text).not.toContain('\x1b');
    expect(text.trimEnd().split('\n').at(-1)).toBe('FAIL: 2 errors, 1 warning, 1 info, 1 waived');
    await expect(text).toMatchFileSnapshot('./golden/report.txt');
  });

  it('text with colour', async () => {
    const text = renderText(report, { color: true });
    expect(text).toContain('\x1b[31merror  \x1b[0m \x1b[1mTIMECODE_INVALID\x1b[0m');
    expect(text).toContain('\x1b[31mFAIL\x1b[0m: 2 errors');
    await expect(text).toMatchFileSnapshot('./golden/report.ansi.txt');
  });

  it('text says PASS when every error is waived', () => {
    const pass = buildReport({
      title: 'clean',
      toolVersion: '0.1.0',
      generatedAt: '2025-03-14T10:00:00Z',
      findings: [finding('RATE_INVALID', { text: '23', reason: '' })],
      waivers: [{ code: 'RATE_INVALID', who: 'QC', when: '2025-03-14', why: 'known' }],
    });
    expect(renderText(pass)).toBe(
      [
        'clean',
        '',
        'Approved exceptions',
        'waived  error   RATE_INVALID: "23" is not a frame rate',
        '          waived by QC on 2025-03-14: known',
        '',
        'PASS: 0 errors, 0 warnings, 0 info, 1 waived',
        '',
      ].join('\n'),
    );
  });

  it('JSON with the picturelock.report/1 schema and summary counts', async () => {
    const json = renderJson(report);
    const parsed = JSON.parse(json) as Report;
    expect(parsed.schema).toBe('picturelock.report/1');
    expect(parsed.summary).toEqual({ error: 2, warning: 1, info: 1, waived: 1, total: 5 });
    expect(parsed.findings.map((f) => [f.code, f.severity])).toEqual([
      ['TIMECODE_INVALID', 'error'],
      ['INPUT_UNREADABLE', 'error'],
      ['INPUT_LIMIT_EXCEEDED', 'warning'],
      ['RATE_INFERRED', 'info'],
    ]);
    expect(parsed.waived[0]!.waiver.who).toBe('Dana Ruiz (client)');
    expect(parsed.findings[0]!.where.record).toEqual({ in: '01:00:10:00', out: '01:00:12:00' });
    await expect(json).toMatchFileSnapshot('./golden/report.json');
  });

  it('CSV with RFC 4180 quoting and CRLF line ends', async () => {
    const csv = renderCsv(report);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('status,severity,code,message,file,line,track,event,clip,record_in,record_out,source_in,source_out,expected,actual,rule,fix,waived_by,waived_why');
    expect(lines[3]).toBe(
      'open,warning,INPUT_LIMIT_EXCEEDED,"Comment ""LOC"" lines exceeds the limit of 1,000 (found 1,204); the rest was not read",examples/scene-v1.edl,88,,,,,,,,"<= 1,000","1,204",,"split the list, or raise the limit",,',
    );
    expect(lines[5]).toBe('waived,error,RATE_INVALID,"""23.98"" is not a frame rate",,,V2,007,SH010_comp_v011,,,,,,,,,Dana Ruiz (client),VFX vendor delivers at 24; approved in the turnover notes');
    expect(lines).toHaveLength(7);
    expect(lines[6]).toBe('');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField(12)).toBe('12');
    await expect(csv).toMatchFileSnapshot('./golden/report.csv');
  });

  it('JUnit XML a CI job can gate on', async () => {
    const xml = renderJunit(report);
    expect(xml).toContain('<testsuite name="Conform check: THE LOCK v1" tests="5" failures="2" skipped="1" timestamp="2025-03-14T10:00:00Z">');
    expect(xml.match(/<failure /g)).toHaveLength(2);
    expect(xml).toContain('<skipped message="waived by Dana Ruiz (client): VFX vendor delivers at 24; approved in the turnover notes"/>');
    expect(xml).toContain('name="INPUT_UNREADABLE media/A&lt;01&gt;.csv"');
    await expect(xml).toMatchFileSnapshot('./golden/report.junit.xml');
  });

  it('JUnit with no findings still has one passing case', () => {
    const empty = buildReport({ title: 'clean', toolVersion: '0.1.0', generatedAt: '2025-03-14T10:00:00Z', findings: [] });
    expect(renderJunit(empty)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="clean" tests="1" failures="0">\n  <testsuite name="clean" tests="1" failures="0" skipped="0" timestamp="2025-03-14T10:00:00Z">\n    <testcase classname="picturelock" name="no findings"/>\n  </testsuite>\n</testsuites>\n',
    );
  });

  it('HTML: self-contained, with the three sections in order', async () => {
    const html = renderHtml(report);
    const headings = [...html.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(['Events checked', 'Scope', 'Mandatory failures', 'Advisory warnings', 'Notes', 'Approved exceptions']);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).toContain('@media print');
    expect(html).toContain('<span class="pill verdict fail">FAIL</span><span class="pill sev-error">2 errors</span><span class="pill sev-warning">1 warning</span>');
    expect(html).toContain('media/A&lt;01&gt;.csv could not be read: permission denied &amp; locked');
    // Each finding sits in its own section.
    const between = (from: string, to: string) => html.slice(html.indexOf(from), html.indexOf(to));
    expect(between('id="mandatory"', 'id="advisory"').match(/data-code="(\w+)"/g)).toEqual(['data-code="TIMECODE_INVALID"', 'data-code="INPUT_UNREADABLE"']);
    expect(between('id="advisory"', 'id="notes"').match(/data-code="(\w+)"/g)).toEqual(['data-code="INPUT_LIMIT_EXCEEDED"']);
    expect(between('id="exceptions"', '</body>').match(/data-code="(\w+)"/g)).toEqual(['data-code="RATE_INVALID"']);
    expect(between('id="exceptions"', '</body>')).toContain('Dana Ruiz (client), 2025-03-14: VFX vendor delivers at 24; approved in the turnover notes');
    await expect(html).toMatchFileSnapshot('./golden/report.html');
  });

  it('HTML with nothing to report says so in every section', () => {
    const html = renderHtml(buildReport({ title: 'clean', toolVersion: '0.1.0', generatedAt: '2025-03-14T10:00:00Z', findings: [] }));
    expect(html).toContain('<p class="empty">No mandatory failures.</p>');
    expect(html).toContain('<p class="empty">No advisory warnings.</p>');
    expect(html).toContain('<p class="empty">No approved exceptions.</p>');
    expect(html).not.toContain('id="notes"');
    expect(html).toContain('<span class="pill verdict pass">PASS</span>');
  });

  it('escapes markup in every XML and HTML field', () => {
    expect(escapeXml(`<a href="x">Tom's & Jerry</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom&apos;s &amp; Jerry&lt;/a&gt;');
  });
});
