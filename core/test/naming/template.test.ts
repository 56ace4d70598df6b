import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileNamingTemplate, expandNamingTemplate, namingTemplateOf, parseNamingName, namingSegmentsLoosely, type NamingTemplate } from '../../naming/template.ts';

const HOUSE = '{show}_{episode:02}_{version:v03}_{date:YYYYMMDD}';

function compiled(text: string): NamingTemplate {
  return namingTemplateOf(text);
}

function refusal(text: string): string {
  const r = compileNamingTemplate(text);
  if (r.ok) throw new Error(`${text} compiled`);
  return `${r.error.code}: ${r.error.message}`;
}

function mismatch(template: string, name: string): string[] {
  const r = parseNamingName(compiled(template), name);
  if (r.ok) throw new Error(`${name} parsed`);
  return r.error.map((f) => f.message);
}

describe('expand', () => {
  it('writes the acceptance name with padding, version prefix and compact date', () => {
    const r = expandNamingTemplate(compiled(HOUSE), { show: 'ABC', episode: 3, version: 7, date: '2026-11-20' });
    expect(r).toEqual({ ok: true, value: { name: 'ABC_03_v007_20261120', fields: { show: 'ABC', episode: '3', version: '7', date: '2026-11-20' } } });
  });

  it('accepts versions and dates as people type them, and writes wider numbers in full', () => {
    const t = compiled(HOUSE);
    expect(expandNamingTemplate(t, { show: 'ABC', episode: '003', version: 'v12', date: '20261120' })).toMatchObject({ ok: true, value: { name: 'ABC_03_v012_20261120' } });
    expect(expandNamingTemplate(t, { show: 'ABC', episode: 123, version: 1234, date: '2026-01-02' })).toMatchObject({ ok: true, value: { name: 'ABC_123_v1234_20260102' } });
  });

  it('applies filters left to right', () => {
    const t = compiled('{title|slug}_{show|upper}_{reel|pad:4}_{desc|truncate:5}_{note|replace: :-}');
    const r = expandNamingTemplate(t, { title: 'Chef’s Table: Été', show: 'abc', reel: 7, desc: 'Opening titles', note: 'a b c' });
    expect(r).toMatchObject({ ok: true, value: { name: 'chef-s-table-ete_ABC_0007_Openi_a-b-c' } });
  });

  it('drops an optional segment with its separator when its field is empty', () => {
    const t = compiled('{show}[_{desc}]_{version:v03}.{ext}');
    expect(expandNamingTemplate(t, { show: 'ABC', version: 2, ext: 'mov' })).toMatchObject({ ok: true, value: { name: 'ABC_v002.mov', fields: { desc: '' } } });
    expect(expandNamingTemplate(t, { show: 'ABC', desc: 'TXTLS', version: 2, ext: 'mov' })).toMatchObject({ ok: true, value: { name: 'ABC_TXTLS_v002.mov' } });
  });

  it('refuses missing fields, unreadable values and separators inside a field', () => {
    const r = expandNamingTemplate(compiled(HOUSE), { show: 'A_B', episode: 'two', version: 1, date: '2026-02-30' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((f) => f.message)).toEqual([
      'field `show` value `A_B` contains `_`, the separator that follows it, so the name could not be read back',
      'field `episode` value `two` is not a whole number for `{episode:02}`',
      'field `date` value `2026-02-30` is not a calendar date for `{date:YYYYMMDD}`',
    ]);
    const missing = expandNamingTemplate(compiled(HOUSE), { show: 'A', version: 1, date: '2026-02-03' });
    expect(missing.ok ? [] : missing.error.map((f) => f.message)).toEqual(['field `episode` has no value (set it, or put its segment in [ ] to make it optional)']);
    const escape = expandNamingTemplate(compiled('{show}.{ext}'), { show: '../etc', ext: 'mov' });
    expect(escape.ok ? [] : escape.error.map((f) => f.message)).toEqual(['field `show` value `../etc` contains `.`, the separator that follows it, so the name could not be read back']);
    const slash = expandNamingTemplate(compiled('{show}_{ext}'), { show: 'a/b', ext: 'mov' });
    expect(slash.ok ? [] : slash.error.map((f) => f.message)).toEqual(['field `show` value `a/b` contains `/`, a path separator']);
  });
});

describe('parse', () => {
  it('reads a name back into canonical fields with segment positions', () => {
    const r = parseNamingName(compiled(HOUSE), 'ABC_03_v007_20261120');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.fields).toEqual({ show: 'ABC', episode: '3', version: '7', date: '2026-11-20' });
    expect(r.value.segments.map((s) => [s.segment, s.field, s.text, s.offset])).toEqual([
      [1, 'show', 'ABC', 0],
      [2, 'episode', '03', 4],
      [3, 'version', 'v007', 7],
      [4, 'date', '20261120', 12],
    ]);
  });

  it('says which segment breaks and why', () => {
    expect(mismatch(HOUSE, 'ABC_EP1_v007_20261120')).toEqual(['`ABC_EP1_v007_20261120`: segment 2 `EP1` does not match `{episode:02}`']);
    expect(mismatch('{show}_{season}_{episode:02}', 'ABC_S1_EP1')).toEqual(['`ABC_S1_EP1`: segment 3 `EP1` does not match `{episode:02}`']);
    expect(mismatch(HOUSE, 'ABC_003_v07_20261340')).toEqual([
      '`ABC_003_v07_20261340`: segment 2 `003` does not match `{episode:02}` (has extra leading zeros; written as `03`)',
      '`ABC_003_v07_20261340`: segment 3 `v07` does not match `{version:v03}`',
      '`ABC_003_v07_20261340`: segment 4 `20261340` does not match `{date:YYYYMMDD}` (is not a calendar date)',
    ]);
    expect(mismatch(HOUSE, 'ABC_03_v007')).toEqual(['`ABC_03_v007`: after segment 3, expected `_` but the name ends']);
    expect(mismatch(HOUSE, 'ABC_03_v007_20261120_final')).toEqual([
      '`ABC_03_v007_20261120_final`: after segment 4, `_final` is left over; the template `{show}_{episode:02}_{version:v03}_{date:YYYYMMDD}` ends there',
    ]);
    expect(mismatch('{show|upper}_{episode:02}', 'abc_01')).toEqual(['`abc_01`: segment 1 `abc` does not match `{show|upper}` (is not upper case)']);
  });

  it('reads optional segments present or absent', () => {
    const t = compiled('{show}[_{desc}]_{version:v03}');
    expect(parseNamingName(t, 'ABC_v001')).toMatchObject({ ok: true, value: { fields: { show: 'ABC', desc: '', version: '1' } } });
    expect(parseNamingName(t, 'ABC_TXTLS_v001')).toMatchObject({ ok: true, value: { fields: { show: 'ABC', desc: 'TXTLS', version: '1' } } });
  });

  it('finds segments by separators alone for a name that fails', () => {
    const segs = namingSegmentsLoosely(compiled(HOUSE), 'ABC_EP1_v7_x');
    expect(segs?.map((s) => [s.segment, s.field, s.text])).toEqual([
      [1, 'show', 'ABC'],
      [2, 'episode', 'EP1'],
      [3, 'version', 'v7'],
      [4, 'date', 'x'],
    ]);
  });

  it('uses a two-digit year as 20YY', () => {
    expect(parseNamingName(compiled('{show}_{date:YYMMDD}'), 'ABC_261120')).toMatchObject({ ok: true, value: { fields: { date: '2026-11-20' } } });
  });
});

describe('bad templates are refused with a message', () => {
  it.each([
    ['{show', 'NAMING_TEMPLATE_UNCLOSED_BRACE: template `{show`: the `{` opened at column 1 is never closed'],
    ['{show_{ep}', 'NAMING_TEMPLATE_UNCLOSED_BRACE: template `{show_{ep}`: the `{` opened at column 1 is never closed'],
    ['{show}[_{desc}', 'NAMING_TEMPLATE_UNCLOSED_BRACE: template `{show}[_{desc}`: the `[` opened at column 7 is never closed'],
    ['{show}}', 'NAMING_TEMPLATE_SYNTAX: template `{show}}` column 7: `}` closes nothing (write \\} for a literal brace)'],
    ['{show|shout}', 'NAMING_TEMPLATE_UNKNOWN_FILTER: `{show|shout}`: unknown filter `shout` (known: upper, lower, slug, pad, truncate, replace)'],
    ['{ep:xx}', 'NAMING_TEMPLATE_BAD_FORMAT: `{ep:xx}`: format `xx` is not known: use a zero-padded width (02, v03) or a date (YYYYMMDD, YYYY-MM-DD, YYMMDD)'],
    ['{d:YYYYMM}', 'NAMING_TEMPLATE_BAD_FORMAT: `{d:YYYYMM}`: format `YYYYMM` is a date but needs exactly one year (YYYY or YY), one MM and one DD'],
    ['{show|truncate}', 'NAMING_TEMPLATE_BAD_FORMAT: `{show|truncate}`: format `truncate` takes 1 argument'],
    ['{}', 'NAMING_TEMPLATE_SYNTAX: template `{}` column 1: `{}` has no field name'],
    ['{1st}', 'NAMING_TEMPLATE_SYNTAX: template `{1st}` column 1: `{1st}`: field names use letters, digits and _ (and do not start with a digit)'],
    ['[_v1]', 'NAMING_TEMPLATE_SYNTAX: template `[_v1]` column 1: an optional segment needs a field that decides whether it appears'],
    [
      '{show}{desc}',
      'NAMING_TEMPLATE_AMBIGUOUS: `{show}` and `{desc}` can meet with no separator between them, so a name cannot be split back into the two fields; put a separator such as `_` between them or give one a fixed width',
    ],
    [
      '{show}[_{desc}]{note}',
      'NAMING_TEMPLATE_AMBIGUOUS: `{show}` and `{note}` can meet with no separator between them, so a name cannot be split back into the two fields; put a separator such as `_` between them or give one a fixed width',
    ],
    [
      '{show}{episode:02}',
      'NAMING_TEMPLATE_AMBIGUOUS: `{show}` and `{episode:02}` can meet with no separator between them, so a name cannot be split back into the two fields; put a separator such as `_` between them or give one a fixed width',
    ],
  ])('%s', (text, message) => {
    expect(refusal(text)).toBe(message);
  });

  it('accepts adjacent fields when one has a fixed width or a letter prefix parts them', () => {
    expect(parseNamingName(compiled('{show}{date:YYYYMMDD}'), 'ABC20261120')).toMatchObject({ ok: true, value: { fields: { show: 'ABC', date: '2026-11-20' } } });
    expect(parseNamingName(compiled('s{season:02}{episode:e02}'), 's02e11')).toMatchObject({ ok: true, value: { fields: { season: '2', episode: '11' } } });
    expect(parseNamingName(compiled('\\{{show}\\}'), '{ABC}')).toMatchObject({ ok: true, value: { fields: { show: 'ABC' } } });
  });
});

describe('properties', () => {
  const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
  const templates = [
    HOUSE,
    '{show}_s{season:02}e{episode:02}[_{desc}]_{version:v02}.{ext}',
    '{title}-{reel:3}-{date:YYYY-MM-DD}[-{note}]',
    '{a}.{b}.{c:v1}',
    '{show}{date:YYYYMMDD}_{clip}',
  ].map(compiled);
  const values = fc.record({
    show: text,
    title: text,
    desc: fc.oneof(text, fc.constant('')),
    note: fc.oneof(text, fc.constant('')),
    ext: fc.stringMatching(/^[a-z0-9]{1,4}$/),
    a: text,
    b: text,
    clip: text,
    episode: fc.nat({ max: 5000 }),
    season: fc.nat({ max: 99 }),
    reel: fc.nat({ max: 99999 }),
    c: fc.nat({ max: 999 }),
    version: fc.nat({ max: 100000 }),
    date: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  });

  it('every expanded name parses back to the same fields', () => {
    fc.assert(
      fc.property(fc.constantFrom(...templates), values, (t, v) => {
        const e = expandNamingTemplate(t, v);
        // Values that would break reading back (a separator inside a field) are refused, never written.
        if (!e.ok) return e.error.every((f) => f.code === 'NAMING_FIELD_INVALID');
        const p = parseNamingName(t, e.value.name);
        expect(p.ok && p.value.fields).toEqual(e.value.fields);
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('values without separators always expand', () => {
    const plain = fc.stringMatching(/^[A-Za-z0-9]{1,10}$/);
    fc.assert(
      fc.property(plain, fc.nat({ max: 999 }), fc.nat({ max: 9999 }), (show, episode, version) => {
        const e = expandNamingTemplate(templates[0]!, { show, episode, version, date: '2026-11-20' });
        expect(e.ok).toBe(true);
      }),
    );
  });
});
