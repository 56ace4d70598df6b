/**
 * Naming conventions as data (`NamingConvention.1` JSON, validated by a zod schema): the
 * accepted templates (current form first, older generations after), per-field allowed values,
 * patterns, length limits and the fact each field states, the whole name's character set,
 * length limit, extension policy and target file systems.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../time/index.ts';
import { finding, locatedAt, type Finding } from '../findings/index.ts';
import { compileNamingTemplate, namingSegmentsLoosely, parseNamingName, type NamingSegment, type NamingTemplate } from './template.ts';
import { checkNamingFacts, namingFactOfField, type NamingFacts, type NamingFieldToCheck } from './facts.ts';
import { NAMING_TARGET_OSES, namingComponentProblems } from './sanitize.ts';

export const NAMING_CONVENTION_SCHEMA = 'NamingConvention.1';

const FieldSpecSchema = z
  .object({
    description: z.string().optional(),
    /** Exact values the field may take (case-sensitive). */
    allowed: z.array(z.string().min(1)).min(1).optional(),
    /** A regular expression (no anchors) the field must match; it also decides where the field ends when reading a name. */
    pattern: z.string().min(1).optional(),
    maxLength: z.number().int().positive().optional(),
    /** The media fact the field states, checked when facts are known. */
    fact: z.enum(['rate', 'resolution', 'audio', 'timecode', 'version']).optional(),
  })
  .strict();

export const NamingConventionSchema = z
  .object({
    schema: z.literal(NAMING_CONVENTION_SCHEMA),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and -'),
    title: z.string().min(1),
    /** The published rule or practice it encodes, for findings. */
    rule: z.string().optional(),
    templates: z.array(z.string().min(1)).min(1),
    fields: z.record(z.string(), FieldSpecSchema).default({}),
    /** Longest whole name (extension included), in characters. */
    maxLength: z.number().int().positive().optional(),
    /** The body of a regular-expression character class every character must be in (`A-Za-z0-9._-`). */
    charset: z.string().min(1).optional(),
    /** `none`: the template covers the whole name; `any`: a trailing `.ext` is set aside; a list: the extensions allowed. */
    extension: z.union([z.enum(['none', 'any']), z.array(z.string().regex(/^[A-Za-z0-9]+$/)).min(1)]).default('any'),
    target: z.enum(NAMING_TARGET_OSES as unknown as ['windows', 'macos', 'linux', 'all', 'portable']).default('all'),
  })
  .strict();

export type NamingConventionData = z.infer<typeof NamingConventionSchema>;
export type NamingFieldSpec = z.infer<typeof FieldSpecSchema>;

export interface NamingConvention {
  readonly data: NamingConventionData;
  readonly templates: readonly NamingTemplate[];
}

function regexProblem(source: string, wrap: (s: string) => string): string | undefined {
  try {
    new RegExp(wrap(source));
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Validates and compiles a convention from parsed JSON; every problem is a NAMING_CONVENTION_INVALID finding naming its path. */
export function loadNamingConvention(json: unknown, source: string): Result<NamingConvention, Finding[]> {
  const parsed = NamingConventionSchema.safeParse(json);
  if (!parsed.success) {
    return err(parsed.error.issues.map((i) => finding('NAMING_CONVENTION_INVALID', { source, issue: `${i.path.join('.') || '(root)'}: ${i.message}` })));
  }
  const data = parsed.data;
  const problems: Finding[] = [];
  const fieldPatterns: Record<string, string> = {};
  for (const [name, spec] of Object.entries(data.fields)) {
    if (spec.pattern === undefined) continue;
    const p = regexProblem(spec.pattern, (s) => `^(?:${s})$`);
    if (p) problems.push(finding('NAMING_CONVENTION_INVALID', { source, issue: `fields.${name}.pattern: ${p}` }));
    else fieldPatterns[name] = spec.pattern;
  }
  if (data.charset !== undefined) {
    const p = regexProblem(data.charset, (s) => `^[${s}]$`);
    if (p) problems.push(finding('NAMING_CONVENTION_INVALID', { source, issue: `charset: ${p}` }));
  }
  const templates: NamingTemplate[] = [];
  data.templates.forEach((text, i) => {
    const t = compileNamingTemplate(text, { fieldPatterns });
    if (t.ok) templates.push(t.value);
    else problems.push(finding('NAMING_CONVENTION_INVALID', { source, issue: `templates.${i}: ${t.error.message}` }));
  });
  for (const name of Object.keys(data.fields)) {
    if (templates.length === data.templates.length && !templates.some((t) => t.fields.includes(name))) {
      problems.push(finding('NAMING_CONVENTION_INVALID', { source, issue: `fields.${name}: no template uses this field` }));
    }
  }
  return problems.length ? err(problems) : ok({ data, templates });
}

export interface NamingConventionCheck {
  /** The fields read from the name by the first template it fits (undefined when none fits). */
  readonly fields?: Readonly<Record<string, string>>;
  readonly template?: string;
  readonly findings: readonly Finding[];
}

const EXTENSION = /\.([A-Za-z0-9]{1,5})$/;

/**
 * Checks one file name against a convention: target file-system legality, character set,
 * length, the templates (the best-fitting failure is reported with its segment), allowed
 * values and field lengths, then the fields that state media facts against `facts`.
 */
export function checkNamingConvention(name: string, convention: NamingConvention, options: { facts?: NamingFacts; file?: string } = {}): NamingConventionCheck {
  const c = convention.data;
  const out: Finding[] = [];
  const rule = c.rule ?? c.title;
  out.push(...namingComponentProblems(name, c.target));
  if (c.maxLength !== undefined && [...name].length > c.maxLength) {
    out.push(finding('NAMING_NAME_TOO_LONG', { name, what: 'the name', length: [...name].length, limit: c.maxLength }, { rule }));
  }
  if (c.charset !== undefined) {
    const allowed = new RegExp(`^[${c.charset}]$`);
    const seen = new Set<string>();
    [...name].forEach((ch, i) => {
      if (!allowed.test(ch) && !seen.has(ch)) {
        seen.add(ch);
        out.push(finding('NAMING_CHARACTER_NOT_ALLOWED', { name, char: ch, position: i + 1, allowed: c.charset! }, { rule }));
      }
    });
  }

  let body = name;
  if (c.extension !== 'none') {
    const m = EXTENSION.exec(name);
    if (Array.isArray(c.extension)) {
      const ext = m?.[1] ?? '';
      if (!c.extension.some((e) => e.toLowerCase() === ext.toLowerCase())) {
        out.push(finding('NAMING_VALUE_NOT_ALLOWED', { name, segment: 0, field: 'extension', value: ext ? `.${ext}` : '(none)', allowed: c.extension.map((e) => `.${e}`).join(', ') }, { rule }));
      }
    }
    if (m) body = name.slice(0, m.index);
  }

  const fieldProblems = (segments: readonly NamingSegment[]): Finding[] => {
    const found: Finding[] = [];
    for (const seg of segments) {
      const spec = c.fields[seg.field];
      if (spec?.allowed && !spec.allowed.includes(seg.text)) {
        found.push(finding('NAMING_VALUE_NOT_ALLOWED', { name, segment: seg.segment, field: seg.field, value: seg.text, allowed: spec.allowed.join(', ') }, { rule, expected: spec.allowed.join(' | '), actual: seg.text }));
      }
      if (spec?.maxLength !== undefined && [...seg.text].length > spec.maxLength) {
        found.push(finding('NAMING_NAME_TOO_LONG', { name, what: `segment ${seg.segment} (${seg.field}) \`${seg.text}\``, length: [...seg.text].length, limit: spec.maxLength }, { rule }));
      }
    }
    return found;
  };

  let best: { template: NamingTemplate; findings: readonly Finding[] } | undefined;
  let bestReach = -1;
  for (const t of convention.templates) {
    const parsed = parseNamingName(t, body);
    if (!parsed.ok) {
      const reach = Math.max(...parsed.error.map((f) => Number(f.params['segment'] ?? 0)));
      if (reach > bestReach) {
        best = { template: t, findings: parsed.error };
        bestReach = reach;
      }
      continue;
    }
    out.push(...fieldProblems(parsed.value.segments));
    const toCheck: NamingFieldToCheck[] = [];
    for (const seg of parsed.value.segments) {
      const fact = c.fields[seg.field]?.fact ?? namingFactOfField(seg.field);
      if (fact) toCheck.push({ field: seg.field, text: seg.text, value: seg.value, fact });
    }
    if (options.facts) out.push(...checkNamingFacts(name, toCheck, options.facts));
    return { fields: parsed.value.fields, template: t.source, findings: located(out, options.file) };
  }
  if (best) {
    const blamed: Finding[] = [];
    for (const f of best.findings) {
      const field = /^\{([A-Za-z0-9_]+)/.exec(String(f.params['pattern'] ?? ''))?.[1];
      const description = field ? c.fields[field]?.description : undefined;
      blamed.push({ ...f, rule, ...(description ? { fix: `${field}: ${description}` } : {}) });
    }
    // Allowed values of the segments that did read, so one run names every wrong segment.
    blamed.push(...fieldProblems(namingSegmentsLoosely(best.template, body) ?? []));
    out.push(...blamed.sort((a, b) => Number(a.params['segment'] ?? 0) - Number(b.params['segment'] ?? 0)));
  }
  return { findings: located(out, options.file) };
}

function located(findings: readonly Finding[], file: string | undefined): Finding[] {
  return file ? findings.map((f) => locatedAt(f, { file })) : [...findings];
}

const DCNC_FIELDS: Record<string, NamingFieldSpec> = {
  title: { description: 'short film title, at most 14 characters', pattern: '[A-Za-z0-9-]+', maxLength: 14 },
  type: {
    description: 'content type FTR, TLR, TSR, TST, RTG-F, RTG-T, SHR, ADV, XSN, PSA or POL, with an optional version (FTR-2) and modifiers (-3D)',
    pattern: '(?:FTR|TLR|TSR|TST|RTG-F|RTG-T|SHR|ADV|XSN|PSA|POL)(?:-[A-Za-z0-9]+)*',
  },
  aspect: { description: 'projector aspect ratio: F flat (1.85), S scope (2.39), C full container (1.90)', allowed: ['F', 'S', 'C'] },
  language: { description: 'audio language - subtitle language (EN-XX: English audio, no subtitles)', pattern: '[A-Z]{2,3}-[A-Z]{2,3}(?:-[A-Z]{2,3})?' },
  territory: { description: 'territory and rating (US-PG, INT-TD, INT)', pattern: '[A-Z]{2,3}(?:-[A-Za-z0-9+]+)?' },
  audio: { description: 'audio type 10, 20, 51 or 71 with optional tags (51-HI)', pattern: '(?:10|20|51|71)(?:-[A-Za-z0-9]+)*', fact: 'audio' },
  res: { description: 'resolution 2K or 4K', allowed: ['2K', '4K'], fact: 'resolution' },
  studio: { description: 'studio code, or NULL', pattern: '[A-Za-z0-9]+' },
  facility: { description: 'facility code (3 characters), or NUL', pattern: '[A-Z0-9]{3}' },
  standard: { description: 'IOP or SMPTE, with -3D for 3D', allowed: ['IOP', 'SMPTE', 'IOP-3D', 'SMPTE-3D'] },
  package: { description: 'OV (original version) or VF (version file)', allowed: ['OV', 'VF'] },
};

/** The built-in conventions (facts: naming-and-manifests §1). */
export const NAMING_CONVENTION_DATA: readonly NamingConventionData[] = [
  {
    schema: NAMING_CONVENTION_SCHEMA,
    id: 'dcnc',
    title: 'Digital Cinema Naming Convention (ISDCF)',
    rule: 'ISDCF Digital Cinema Naming Convention',
    templates: [
      '{title}_{type}_{aspect}_{language}_{territory}_{audio}_{res}_{studio}_{date:YYYYMMDD}_{facility}_{standard}_{package}',
      // Older generation without the standard field (DCNC appendix 8 examples).
      '{title}_{type}_{aspect}_{language}_{territory}_{audio}_{res}_{studio}_{date:YYYYMMDD}_{facility}_{package}',
    ],
    fields: DCNC_FIELDS,
    charset: 'A-Za-z0-9_-',
    extension: 'none',
    target: 'all',
  },
  {
    schema: NAMING_CONVENTION_SCHEMA,
    id: 'dpp-as11',
    title: 'UK DPP AS-11 programme file (production number)',
    rule: 'AS-11 UK DPP carries identification in metadata; the file is named after the production number by broadcaster practice',
    templates: ['{production}'],
    fields: { production: { description: 'the production or house number (letters, digits, - and _)', pattern: '[A-Za-z0-9][A-Za-z0-9_-]*', maxLength: 64 } },
    charset: 'A-Za-z0-9._-',
    extension: ['mxf'],
    target: 'portable',
  },
  {
    schema: NAMING_CONVENTION_SCHEMA,
    id: 'platform-master',
    title: 'Streaming-platform master name (title_s##e##_v##_...)',
    rule: 'platform naming practice; characters a-z A-Z 0-9 . _ - only, no spaces',
    templates: [
      '{title}_s{season:02}e{episode:02}_{version:v02}_{element}_{res}_{fps}',
      '{title}_s{season:02}e{episode:02}_{version:v02}_{element}_{mix}_{audio}_{format}_{samplerate}_{bitdepth}_{fps}',
    ],
    fields: {
      title: { description: 'lower-case title words joined by _', pattern: '[a-z0-9]+(?:_[a-z0-9]+)*' },
      element: { description: 'deliverable element (PM printmaster, VDM, NAM, GAM ...)', pattern: '[A-Za-z0-9]+' },
      mix: { pattern: '[A-Za-z0-9]+' },
      audio: { description: 'channel count such as 6ch or 2ch', pattern: '\\d+ch', fact: 'audio' },
      format: { pattern: '[A-Za-z0-9]+' },
      samplerate: { description: 'sample rate such as 48k', pattern: '\\d+k' },
      bitdepth: { description: 'bit depth such as 24b', pattern: '\\d+b' },
      res: { description: 'UHD, HD, 4K, 2K or WxH', pattern: '[A-Za-z0-9]+', fact: 'resolution' },
      fps: { description: 'frame rate without the dot (23976, 25, 2997)', pattern: '\\d+', fact: 'rate' },
    },
    charset: 'A-Za-z0-9._-',
    extension: 'any',
    target: 'portable',
  },
  {
    schema: NAMING_CONVENTION_SCHEMA,
    id: 'house',
    title: 'House style SHOW_EP_VER_DATE',
    rule: 'house style SHOW_EP_VER_DATE',
    templates: ['{show|upper}_{episode:02}_{version:v03}_{date:YYYYMMDD}'],
    fields: { show: { description: 'show code in capitals', maxLength: 20 } },
    maxLength: 100,
    charset: 'A-Za-z0-9._-',
    extension: 'any',
    target: 'portable',
  },
];

/** The built-in conventions, compiled. */
export const NAMING_CONVENTIONS: readonly NamingConvention[] = NAMING_CONVENTION_DATA.map((d) => {
  const c = loadNamingConvention(d, `built-in ${d.id}`);
  if (!c.ok) throw new Error(c.error.map((f) => f.message).join('; '));
  return c.value;
});

export function namingConventionById(id: string): NamingConvention | undefined {
  return NAMING_CONVENTIONS.find((c) => c.data.id === id);
}
