/**
 * The naming template language.
 *
 *   {field}                a field written as given
 *   {field:02} {field:v03} a whole number, zero-padded (prefix letters kept: v007)
 *   {field:YYYYMMDD}       a date (YYYY, YY, MM, DD and literal separators)
 *   {field|upper|pad:4}    filters, applied left to right: upper, lower, slug, pad:N[:char],
 *                          truncate:N, replace:FROM:TO
 *   [_{desc}]              an optional segment: it vanishes, separators and all, when any
 *                          field inside it is empty
 *   \{ \} \[ \] \\         literal braces, brackets and backslash
 *
 * Every template is also a parser: `parseNamingName` matches a name back into its fields.
 * Compiling refuses templates whose names could not be split back unambiguously.
 */
import { err, ok, type Result } from '../time/index.ts';
import { finding, type Finding } from '../findings/index.ts';
import {
  canonicalFieldValue,
  escapeRegExp,
  formatFixedLength,
  formatPattern,
  formattedFieldValue,
  parseNamingFormat,
  readFieldValue,
  type NamingFormat,
} from './formats.ts';

export type NamingFilter =
  | { readonly name: 'upper' }
  | { readonly name: 'lower' }
  | { readonly name: 'slug' }
  | { readonly name: 'pad'; readonly width: number; readonly char: string }
  | { readonly name: 'truncate'; readonly length: number }
  | { readonly name: 'replace'; readonly from: string; readonly to: string };

export const NAMING_FILTERS = ['upper', 'lower', 'slug', 'pad', 'truncate', 'replace'] as const;

export interface NamingFieldToken {
  readonly kind: 'field';
  readonly field: string;
  readonly format: NamingFormat;
  readonly filters: readonly NamingFilter[];
  /** The token as written, braces included: `{episode:02}`. */
  readonly source: string;
  /** The optional segment this token belongs to (index), or undefined when required. */
  readonly group: number | undefined;
  /** Regular-expression source a written value matches (no anchors). */
  readonly pattern: string;
  /** Characters a written value may never contain (path separators, the separators that follow it). */
  readonly excluded: string;
  readonly fixedLength: number | undefined;
  /** A pattern that only finds the segment's extent (anything up to the next separator), used to blame each bad segment. */
  readonly loosePattern: string;
}

export interface NamingLiteral {
  readonly kind: 'literal';
  readonly text: string;
  readonly group: number | undefined;
}

export type NamingElement = NamingFieldToken | NamingLiteral;

export interface NamingTemplate {
  readonly source: string;
  readonly elements: readonly NamingElement[];
  /** Field names in order of first appearance. */
  readonly fields: readonly string[];
}

export interface NamingCompileOptions {
  /** Regular-expression sources (whole-value, no anchors) that replace a field's default pattern; conventions use them. */
  readonly fieldPatterns?: Readonly<Record<string, string>>;
}

export type NamingFieldValues = Readonly<Record<string, string | number | undefined>>;

/** Characters no field may ever contain: path separators and control characters. */
const ALWAYS_EXCLUDED = '/\\';
const CONTROL = /[\x00-\x1f\x7f]/;

interface RawToken {
  readonly body: string;
  readonly column: number;
  readonly group: number | undefined;
}

type RawElement = { kind: 'literal'; text: string; group: number | undefined } | { kind: 'token'; token: RawToken };

function syntax(template: string, column: number, reason: string): Finding {
  return finding('NAMING_TEMPLATE_SYNTAX', { template, column, reason });
}

/** Splits the template into literals and raw `{...}` tokens, tracking optional `[...]` segments. */
function scan(template: string): Result<RawElement[], Finding> {
  const out: RawElement[] = [];
  let literal = '';
  let group: number | undefined;
  let groupColumn = 0;
  let groups = 0;
  let groupHasField = false;
  const flush = () => {
    if (literal) out.push({ kind: 'literal', text: literal, group });
    literal = '';
  };
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '\\') {
      const next = template[i + 1];
      if (next === undefined || !'{}[]\\'.includes(next)) return err(syntax(template, i + 1, 'a backslash escapes only { } [ ] or \\'));
      literal += next;
      i++;
    } else if (c === '{') {
      const close = template.indexOf('}', i + 1);
      const reopen = template.indexOf('{', i + 1);
      if (close < 0 || (reopen >= 0 && reopen < close)) {
        return err(finding('NAMING_TEMPLATE_UNCLOSED_BRACE', { template, column: i + 1, open: '{' }));
      }
      flush();
      out.push({ kind: 'token', token: { body: template.slice(i + 1, close), column: i + 1, group } });
      if (group !== undefined) groupHasField = true;
      i = close;
    } else if (c === '}') {
      return err(syntax(template, i + 1, '`}` closes nothing (write \\} for a literal brace)'));
    } else if (c === '[') {
      if (group !== undefined) return err(syntax(template, i + 1, 'optional segments cannot be nested'));
      flush();
      group = groups++;
      groupColumn = i + 1;
      groupHasField = false;
    } else if (c === ']') {
      if (group === undefined) return err(syntax(template, i + 1, '`]` closes no optional segment (write \\] for a literal bracket)'));
      if (!groupHasField) return err(syntax(template, groupColumn, 'an optional segment needs a field that decides whether it appears'));
      flush();
      group = undefined;
    } else {
      literal += c;
    }
  }
  if (group !== undefined) return err(finding('NAMING_TEMPLATE_UNCLOSED_BRACE', { template, column: groupColumn, open: '[' }));
  flush();
  return ok(out);
}

function parseFilter(token: string, text: string): Result<NamingFilter, Finding> {
  const [name, ...args] = text.split(':');
  const bad = (reason: string) => err(finding('NAMING_TEMPLATE_BAD_FORMAT', { token, format: text, reason }));
  const count = (n: number, min: number) => (args.length < min || args.length > n ? bad(`takes ${min === n ? n : `${min} to ${n}`} argument${n === 1 ? '' : 's'}`) : undefined);
  switch (name) {
    case 'upper':
    case 'lower':
    case 'slug':
      return count(0, 0) ?? ok({ name });
    case 'pad': {
      const wrong = count(2, 1);
      if (wrong) return wrong;
      const width = Number(args[0]);
      const char = args[1] ?? '0';
      if (!Number.isInteger(width) || width < 1 || width > 255) return bad('needs a width from 1 to 255');
      if ([...char].length !== 1) return bad('pads with exactly one character');
      return ok({ name, width, char });
    }
    case 'truncate': {
      const wrong = count(1, 1);
      if (wrong) return wrong;
      const length = Number(args[0]);
      if (!Number.isInteger(length) || length < 1) return bad('needs a positive length');
      return ok({ name, length });
    }
    case 'replace': {
      const wrong = count(2, 2);
      if (wrong) return wrong;
      if (args[0] === '') return bad('needs the text to replace');
      return ok({ name, from: args[0]!, to: args[1]! });
    }
    default:
      return err(finding('NAMING_TEMPLATE_UNKNOWN_FILTER', { token, filter: name ?? '', known: NAMING_FILTERS.join(', ') }));
  }
}

function charClass(excluded: string): string {
  const escaped = [...new Set(excluded)].map((c) => (/[A-Za-z0-9]/.test(c) ? c : `\\${c}`)).join('');
  return `[^${escaped}\\x00-\\x1f\\x7f]`;
}

/** How many capture groups a regular-expression source opens (conventions may use groups). */
function captureGroupCount(source: string): number {
  return new RegExp(`${source}|`).exec('')!.length - 1;
}

/**
 * Compiles a template. Refuses unclosed braces, unknown filters and formats, and fields that
 * could meet with no separator between them (their boundary could not be found when reading
 * a name back). Never throws.
 */
export function compileNamingTemplate(template: string, options: NamingCompileOptions = {}): Result<NamingTemplate, Finding> {
  const scanned = scan(template);
  if (!scanned.ok) return scanned;
  const raw = scanned.value;

  interface Parsed {
    field: string;
    format: NamingFormat;
    filters: NamingFilter[];
    source: string;
    group: number | undefined;
  }
  const parsed: (Parsed | NamingLiteral)[] = [];
  for (const e of raw) {
    if (e.kind === 'literal') {
      parsed.push({ kind: 'literal', text: e.text, group: e.group });
      continue;
    }
    const { body, column, group } = e.token;
    const source = `{${body}}`;
    const [head = '', ...filterTexts] = body.split('|');
    const colon = head.indexOf(':');
    const field = (colon < 0 ? head : head.slice(0, colon)).trim();
    const formatSpec = colon < 0 ? '' : head.slice(colon + 1);
    if (field === '') return err(syntax(template, column, `\`${source}\` has no field name`));
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) return err(syntax(template, column, `\`${source}\`: field names use letters, digits and _ (and do not start with a digit)`));
    const format = parseNamingFormat(formatSpec);
    if (!format.ok) return err(finding('NAMING_TEMPLATE_BAD_FORMAT', { token: source, format: formatSpec, reason: format.error }));
    const filters: NamingFilter[] = [];
    for (const text of filterTexts) {
      const f = parseFilter(source, text.trim());
      if (!f.ok) return f;
      filters.push(f.value);
    }
    if (format.value.kind !== 'text' && filters.some((f) => f.name === 'slug' || f.name === 'truncate' || f.name === 'replace')) {
      return err(finding('NAMING_TEMPLATE_BAD_FORMAT', { token: source, format: formatSpec, reason: 'cannot be combined with slug, truncate or replace (the value could not be read back)' }));
    }
    parsed.push({ field, format: format.value, filters, source, group });
  }

  const isLiteral = (e: Parsed | NamingLiteral): e is NamingLiteral => 'kind' in e;
  // The first characters of every literal that can directly follow element i: optional
  // segments after it may vanish, so the search continues past them.
  const followers = (i: number): string => {
    const own = parsed[i]!.group;
    let chars = '';
    for (let j = i + 1; j < parsed.length; j++) {
      const e = parsed[j]!;
      const guaranteed = e.group === undefined || e.group === own;
      if (isLiteral(e)) {
        chars += e.text[0]!;
        if (guaranteed) return chars;
        // Skip the rest of this optional segment: it is present or absent as a whole.
        while (j + 1 < parsed.length && parsed[j + 1]!.group === e.group) j++;
      } else if (guaranteed) {
        return chars;
      } else {
        while (j + 1 < parsed.length && parsed[j + 1]!.group === e.group) j++;
      }
    }
    return chars;
  };

  // Every punctuation character the literals use: a loose reading splits segments on these.
  const separators = parsed.map((e) => (isLiteral(e) ? e.text.replace(/[A-Za-z0-9]/g, '') : '')).join('');
  const elements: NamingElement[] = [];
  for (let i = 0; i < parsed.length; i++) {
    const e = parsed[i]!;
    if (isLiteral(e)) {
      elements.push(e);
      continue;
    }
    const custom = options.fieldPatterns?.[e.field];
    // A convention's own pattern decides which separators a field may hold (`chefs_table`).
    const excluded = custom === undefined ? ALWAYS_EXCLUDED + followers(i) : ALWAYS_EXCLUDED;
    let pattern: string;
    if (custom !== undefined) pattern = custom;
    else if (e.format.kind !== 'text') pattern = formatPattern(e.format)!;
    else if (e.filters.some((f) => f.name === 'slug')) pattern = excluded.includes('-') ? '[a-z0-9]+' : '[a-z0-9]+(?:-[a-z0-9]+)*';
    else pattern = `${charClass(excluded)}+`;
    elements.push({
      kind: 'field',
      field: e.field,
      format: e.format,
      filters: e.filters,
      source: e.source,
      group: e.group,
      pattern,
      excluded,
      fixedLength: custom === undefined ? formatFixedLength(e.format) : undefined,
      loosePattern: `${charClass(ALWAYS_EXCLUDED + followers(i) + separators)}+`,
    });
  }

  const ambiguity = findAmbiguity(elements);
  if (ambiguity) return err(finding('NAMING_TEMPLATE_AMBIGUOUS', { first: ambiguity[0].source, second: ambiguity[1].source }));

  const fields: string[] = [];
  for (const e of elements) if (e.kind === 'field' && !fields.includes(e.field)) fields.push(e.field);
  return ok({ source: template, elements, fields });
}

/** Two fields that can meet with nothing between them, neither of fixed width, cannot be split apart. */
function findAmbiguity(elements: readonly NamingElement[]): [NamingFieldToken, NamingFieldToken] | undefined {
  for (let i = 0; i < elements.length; i++) {
    const a = elements[i]!;
    if (a.kind !== 'field') continue;
    for (let j = i + 1; j < elements.length; j++) {
      const b = elements[j]!;
      const guaranteed = b.group === undefined || b.group === a.group;
      if (b.kind === 'literal') {
        if (guaranteed) break;
        continue;
      }
      // b is a field with only vanishable elements between a and b.
      const digitsThenLetters = a.format.kind !== 'text' && b.format.kind === 'number' && /^[A-Za-z]/.test(b.format.prefix);
      const between = elements.slice(i + 1, j).some((e) => e.group !== undefined && e.group === b.group);
      if (!between && a.fixedLength === undefined && b.fixedLength === undefined && !digitsThenLetters) return [a, b];
      if (guaranteed) break;
    }
  }
  return undefined;
}

/** A template from trusted source text (built-in conventions); throws on a bad one (programmer error). */
export function namingTemplateOf(template: string, options: NamingCompileOptions = {}): NamingTemplate {
  const t = compileNamingTemplate(template, options);
  if (!t.ok) throw new Error(t.error.message);
  return t.value;
}

function slugged(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function filtered(value: string, filters: readonly NamingFilter[]): string {
  let v = value;
  for (const f of filters) {
    if (f.name === 'upper') v = v.toUpperCase();
    else if (f.name === 'lower') v = v.toLowerCase();
    else if (f.name === 'slug') v = slugged(v);
    else if (f.name === 'pad') v = v.padStart(f.width, f.char);
    else if (f.name === 'truncate') v = [...v].slice(0, f.length).join('');
    else v = v.split(f.from).join(f.to);
  }
  return v;
}

/** Why a written value cannot stand for its token, or undefined when it can. */
function writtenValueProblem(t: NamingFieldToken, text: string): string | undefined {
  for (const c of text) {
    if (c === '/' || c === '\\') return `contains \`${c}\`, a path separator`;
    if (CONTROL.test(c)) return 'contains a control character';
    if (t.excluded.includes(c)) return `contains \`${c}\`, the separator that follows it, so the name could not be read back`;
  }
  if (!new RegExp(`^(?:${t.pattern})$`).test(text)) return `does not fit \`${t.source}\``;
  for (const f of t.filters) {
    if (f.name === 'upper' && text !== text.toUpperCase()) return 'is not upper case';
    if (f.name === 'lower' && text !== text.toLowerCase()) return 'is not lower case';
    if (f.name === 'truncate' && [...text].length > f.length) return `is longer than ${f.length} characters`;
    if (f.name === 'pad' && [...text].length < f.width) return `is shorter than ${f.width} characters`;
  }
  return undefined;
}

export interface NamingExpansion {
  readonly name: string;
  /** The canonical value of every field as written (numbers unpadded, dates ISO, empty for a vanished optional). */
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Writes a name from field values. Missing required fields, values a format cannot read and
 * values that would break reading the name back (a separator or `/` inside a field) are
 * findings; nothing is silently repaired.
 */
export function expandNamingTemplate(t: NamingTemplate, values: NamingFieldValues): Result<NamingExpansion, Finding[]> {
  const problems: Finding[] = [];
  const written = new Map<NamingFieldToken, { text: string; canonical: string } | undefined>();
  for (const e of t.elements) {
    if (e.kind !== 'field') continue;
    const raw = values[e.field];
    const text = raw === undefined ? '' : String(raw);
    if (text === '') {
      written.set(e, undefined);
      if (e.group === undefined) problems.push(finding('NAMING_FIELD_MISSING', { field: e.field }));
      continue;
    }
    const canonical = canonicalFieldValue(e.format, text);
    if (!canonical.ok) {
      problems.push(finding('NAMING_FIELD_INVALID', { field: e.field, value: text, reason: `${canonical.error} for \`${e.source}\`` }));
      continue;
    }
    const out = filtered(formattedFieldValue(e.format, canonical.value), e.filters);
    const problem = writtenValueProblem(e, out);
    if (problem) {
      problems.push(finding('NAMING_FIELD_INVALID', { field: e.field, value: out, reason: problem }));
      continue;
    }
    written.set(e, { text: out, canonical: e.format.kind === 'text' ? out : canonical.value });
  }
  if (problems.length) return err(problems);

  const absentGroups = new Set<number>();
  for (const e of t.elements) if (e.kind === 'field' && e.group !== undefined && written.get(e) === undefined) absentGroups.add(e.group);
  let name = '';
  const fields: Record<string, string> = {};
  for (const e of t.elements) {
    const present = e.group === undefined || !absentGroups.has(e.group);
    if (e.kind === 'literal') {
      if (present) name += e.text;
      continue;
    }
    const w = written.get(e);
    if (present && w) {
      name += w.text;
      fields[e.field] = w.canonical;
    } else if (fields[e.field] === undefined) {
      fields[e.field] = '';
    }
  }
  return ok({ name, fields });
}

/** One matched field in a name: where it sits and what it says. */
export interface NamingSegment {
  readonly field: string;
  readonly token: NamingFieldToken;
  /** 1-based position among the fields present in the name. */
  readonly segment: number;
  /** The text as written in the name. */
  readonly text: string;
  /** The canonical value (numbers unpadded, dates ISO). */
  readonly value: string;
  /** 0-based offset in the name. */
  readonly offset: number;
}

export interface NamingParse {
  readonly fields: Readonly<Record<string, string>>;
  readonly segments: readonly NamingSegment[];
}

/** Top-level units: a literal, a field, or a whole optional segment. */
interface Unit {
  readonly elements: readonly NamingElement[];
  readonly optional: boolean;
}

function unitsOf(t: NamingTemplate): Unit[] {
  const units: Unit[] = [];
  for (let i = 0; i < t.elements.length; i++) {
    const e = t.elements[i]!;
    if (e.group === undefined) {
      units.push({ elements: [e], optional: false });
      continue;
    }
    const members: NamingElement[] = [e];
    while (i + 1 < t.elements.length && t.elements[i + 1]!.group === e.group) members.push(t.elements[++i]!);
    units.push({ elements: members, optional: true });
  }
  return units;
}

interface Compiled {
  readonly regex: RegExp;
  /** For each field token in the prefix, its capture group index. */
  readonly groups: readonly { readonly token: NamingFieldToken; readonly index: number }[];
}

function compiledPrefix(units: readonly Unit[], count: number, anchored: boolean, loose = false): Compiled {
  let source = '^';
  let index = 1;
  const groups: { token: NamingFieldToken; index: number }[] = [];
  for (const u of units.slice(0, count)) {
    let part = '';
    for (const e of u.elements) {
      if (e.kind === 'literal') {
        part += escapeRegExp(e.text);
      } else {
        const pattern = loose ? e.loosePattern : e.pattern;
        part += `(${pattern})`;
        groups.push({ token: e, index });
        index += 1 + captureGroupCount(pattern);
      }
    }
    source += u.optional ? `(?:${part})?` : part;
  }
  return { regex: new RegExp(anchored ? `${source}$` : source, 'd'), groups };
}

/** Fields matched by a compiled template: each segment read, and the problems of those that do not read. */
function matchedSegments(name: string, c: Compiled, m: RegExpExecArray, fieldNames: readonly string[]): { segments: NamingSegment[]; fields: Record<string, string>; problems: Finding[] } {
  const segments: NamingSegment[] = [];
  const fields: Record<string, string> = {};
  const problems: Finding[] = [];
  for (const f of fieldNames) fields[f] = '';
  for (const g of c.groups) {
    const text = m[g.index];
    if (text === undefined) continue;
    const seg = segments.length + 1;
    const offset = m.indices![g.index]![0];
    const problem = writtenValueProblem(g.token, text);
    const value = problem ? undefined : readFieldValue(g.token.format, text);
    if (problem || !value?.ok) {
      const reason = problem ?? (value && !value.ok ? value.error : '');
      problems.push(finding('NAMING_NAME_MISMATCH', { name, segment: seg, text, pattern: g.token.source, reason: reason === `does not fit \`${g.token.source}\`` ? '' : reason }));
      segments.push({ field: g.token.field, token: g.token, segment: seg, text, value: text, offset });
      continue;
    }
    if (fields[g.token.field] !== '' && fields[g.token.field] !== value.value) {
      problems.push(finding('NAMING_NAME_MISMATCH', { name, segment: seg, text, pattern: g.token.source, reason: `${g.token.field} already reads \`${fields[g.token.field]}\` earlier in the name` }));
    }
    fields[g.token.field] = value.value;
    segments.push({ field: g.token.field, token: g.token, segment: seg, text, value: value.value, offset });
  }
  return { segments, fields, problems };
}

/** True when every two fields are parted by a literal, so segments can be found by separators alone. */
function separatorsAlone(t: NamingTemplate): boolean {
  return t.elements.every((e, i) => e.kind !== 'field' || t.elements[i + 1]?.kind !== 'field');
}

/**
 * The segments of a name found by separators alone, without judging their content: how a
 * name that fails its template can still be read field by field (to blame every bad
 * segment, or check allowed values). Undefined when the separators do not fit either.
 */
export function namingSegmentsLoosely(t: NamingTemplate, name: string): readonly NamingSegment[] | undefined {
  if (!separatorsAlone(t)) return undefined;
  const units = unitsOf(t);
  const loose = compiledPrefix(units, units.length, true, true);
  const m = loose.regex.exec(name);
  return m ? matchedSegments(name, loose, m, t.fields).segments : undefined;
}

/**
 * Reads a name back into its fields. A name that does not fit says where it breaks: every
 * segment (1-based among the fields present) whose text fails its token
 * (`segment 2 \`EP1\` does not match \`{episode:02}\``), or the first place the separators stop
 * fitting. Never throws.
 */
export function parseNamingName(t: NamingTemplate, name: string): Result<NamingParse, Finding[]> {
  const units = unitsOf(t);
  const full = compiledPrefix(units, units.length, true);
  const m = full.regex.exec(name);
  if (m) {
    const r = matchedSegments(name, full, m, t.fields);
    return r.problems.length ? err(r.problems) : ok({ fields: r.fields, segments: r.segments });
  }
  if (separatorsAlone(t)) {
    const loose = compiledPrefix(units, units.length, true, true);
    const lm = loose.regex.exec(name);
    if (lm) {
      const r = matchedSegments(name, loose, lm, t.fields);
      if (r.problems.length) return err(r.problems);
    }
  }
  return err([diagnosed(t, units, name)]);
}

/** The first place a name stops fitting: the longest matching run of units, then what breaks it. */
function diagnosed(t: NamingTemplate, units: readonly Unit[], name: string): Finding {
  let matched = 0;
  let end = 0;
  let present = 0;
  for (let k = 1; k <= units.length; k++) {
    const c = compiledPrefix(units, k, false);
    const m = c.regex.exec(name);
    if (!m) break;
    matched = k;
    end = m[0].length;
    present = c.groups.filter((g) => m[g.index] !== undefined).length;
  }
  if (matched === units.length) {
    return finding('NAMING_NAME_STRUCTURE', { name, segment: present, reason: `\`${name.slice(end)}\` is left over; the template \`${t.source}\` ends there` });
  }
  const unit = units[matched]!;
  const first = unit.elements[0]!;
  const rest = name.slice(end);
  if (first.kind === 'literal' && !rest.startsWith(first.text)) {
    const expected = first.text;
    const found = rest === '' ? 'the name ends' : `found \`${rest.slice(0, expected.length)}\``;
    return finding('NAMING_NAME_STRUCTURE', { name, segment: present, reason: `expected \`${expected}\` but ${found}` });
  }
  // The failing field is the first field of the unit (after its leading literal, if any).
  const skip = first.kind === 'literal' ? first.text.length : 0;
  const token = unit.elements.find((e): e is NamingFieldToken => e.kind === 'field')!;
  const body = rest.slice(skip);
  const nextLiteral = units.slice(matched).flatMap((u) => u.elements).slice(unit.elements.indexOf(token) + 1).find((e) => e.kind === 'literal');
  const stop = nextLiteral && nextLiteral.kind === 'literal' ? body.indexOf(nextLiteral.text[0]!) : -1;
  const text = stop < 0 ? body : body.slice(0, stop);
  if (text === '') {
    return finding('NAMING_NAME_STRUCTURE', { name, segment: present, reason: `\`${token.source}\` is missing` });
  }
  const reason = writtenValueProblem(token, text) ?? '';
  return finding('NAMING_NAME_MISMATCH', { name, segment: present + 1, text, pattern: token.source, reason: reason === `does not fit \`${token.source}\`` ? '' : reason });
}
