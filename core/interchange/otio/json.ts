import { finding, type Finding } from '../../findings/index.ts';

/**
 * JSON as OpenTimelineIO reads and writes it. OTIO's C++ core uses RapidJSON with NaN and
 * infinity enabled, so real .otio files may hold the bare tokens `NaN`, `Inf`, `Infinity`,
 * `-Inf` and `-Infinity`, and integers wider than 64 bits; `JSON.parse` refuses all of
 * these. This reader accepts them (each with a finding), never throws, and on a syntax
 * error keeps everything read before it (open objects and arrays are closed where they
 * stand) plus one finding with the line and column.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A number written the way OTIO's writer writes doubles (`24.0`, not `24`). */
export class JsonFloat {
  constructor(readonly value: number) {}
}

/** What the writer accepts: plain JSON values, explicit floats, and bigints written as integer digits. */
export type JsonOut = null | boolean | number | string | bigint | JsonFloat | readonly JsonOut[] | { readonly [key: string]: JsonOut | undefined };

export interface JsonReadResult {
  readonly value: JsonValue | undefined;
  readonly findings: Finding[];
  /** 1-based line and column where an object or array began. */
  readonly positionOf: (v: object) => { line: number; column: number } | undefined;
}

/** Nesting deeper than this is refused (a finding), so a hostile file cannot exhaust memory or the stack. */
export const OTIO_MAX_JSON_DEPTH = 512;
/** Text longer than this (in UTF-16 units, about 256 MB of ASCII) is refused. */
export const OTIO_MAX_JSON_LENGTH = 256 * 1024 * 1024;

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const SPECIALS: readonly (readonly [string, number])[] = [
  ['-Infinity', -Infinity],
  ['Infinity', Infinity],
  ['-Inf', -Infinity],
  ['Inf', Infinity],
  ['-NaN', NaN],
  ['NaN', NaN],
];

type Mode = 'value' | 'afterValue' | 'keyOrEnd' | 'valueOrEnd' | 'key';

interface Frame {
  readonly container: JsonValue[] | JsonObject;
  readonly isArray: boolean;
  key: string;
}

class Stop extends Error {}

function setKey(obj: JsonObject, key: string, value: JsonValue): void {
  // `__proto__` is an ordinary key in JSON; assigning it would replace the prototype.
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

export function readOtioJson(text: string, file?: string): JsonReadResult {
  const findings: Finding[] = [];
  const offsets = new WeakMap<object, number>();
  let lineStarts: number[] | undefined;
  const lineCol = (offset: number): { line: number; column: number } => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) lineStarts.push(k + 1);
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const where = (offset: number) => ({ ...(file !== undefined ? { file } : {}), ...lineCol(offset) });
  const positionOf = (v: object) => {
    const o = offsets.get(v);
    return o === undefined ? undefined : lineCol(o);
  };

  if (text.length > OTIO_MAX_JSON_LENGTH) {
    findings.push(finding('INPUT_LIMIT_EXCEEDED', { what: 'OTIO text', limit: `${OTIO_MAX_JSON_LENGTH} characters`, actual: `${text.length}` }, { where: file !== undefined ? { file } : {} }));
    return { value: undefined, findings, positionOf };
  }

  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let root: JsonValue | undefined;
  const stack: Frame[] = [];
  let mode = 'value' as Mode;

  const fail = (reason: string, at = i): never => {
    findings.push(finding('OTIO_JSON_SYNTAX', { reason }, { where: where(at) }));
    throw new Stop();
  };
  const skipWs = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
  };
  const attach = (v: JsonValue) => {
    const top = stack[stack.length - 1];
    if (!top) root = v;
    else if (top.isArray) (top.container as JsonValue[]).push(v);
    else setKey(top.container as JsonObject, top.key, v);
  };
  const describe = (at: number) => (at >= text.length ? 'the text ends' : `found "${text.slice(at, at + 12).split(/\r?\n/)[0]}"`);

  // Position of the next backslash at or after the scan point (-1: none left); found once, not per string.
  let nextBackslash = text.indexOf('\\');
  const readString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    let run = i;
    for (;;) {
      // Jump to the next quote or backslash: most strings have neither inside.
      const q = text.indexOf('"', i);
      if (q === -1) fail('a string is not closed', start);
      if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = text.indexOf('\\', i);
      const b = nextBackslash;
      i = b !== -1 && b < q ? b : q;
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(run, i);
        i++;
        return out;
      }
      if (c === 92) {
        out += text.slice(run, i);
        const e = text[i + 1];
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail(`"\\u${hex}" is not a unicode escape`);
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            fail(`"\\${e ?? ''}" is not a JSON escape`);
        }
        i += 2;
        run = i;
        continue;
      }
      i++;
    }
  };

  const readScalar = (): JsonValue => {
    const c = text[i];
    if (c === '"') return readString();
    // Only `N`, `I` and `-I`/`-N` can start the non-standard tokens; skip the scan otherwise.
    const special = c === 'N' || c === 'I' || (c === '-' && (text[i + 1] === 'I' || text[i + 1] === 'N'));
    for (const [token, v] of special ? SPECIALS : []) {
      if (text.startsWith(token, i) && !/[A-Za-z0-9_]/.test(text[i + token.length] ?? '')) {
        findings.push(finding('OTIO_JSON_NONSTANDARD_NUMBER', { token }, { where: where(i) }));
        i += token.length;
        return v;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0] !== '-') {
      const raw = m[0];
      const at = i;
      i += raw.length;
      const n = Number(raw);
      if (!/[.eE]/.test(raw) && !Number.isSafeInteger(n)) {
        const exact = Number.isFinite(n) && BigInt(raw) === BigInt(n);
        findings.push(finding('OTIO_JSON_INTEGER_UNSAFE', { text: raw, kept: String(n), exact }, { where: where(at) }));
      }
      return n;
    }
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    return fail(`expected a value, ${describe(i)}`);
  };

  const open = (isArray: boolean) => {
    if (stack.length >= OTIO_MAX_JSON_DEPTH) {
      findings.push(finding('INPUT_LIMIT_EXCEEDED', { what: 'JSON nesting', limit: `${OTIO_MAX_JSON_DEPTH} levels`, actual: `more than ${OTIO_MAX_JSON_DEPTH}` }, { where: where(i) }));
      throw new Stop();
    }
    const container: JsonValue[] | JsonObject = isArray ? [] : {};
    offsets.set(container, i);
    attach(container);
    stack.push({ container, isArray, key: '' });
    i++;
    mode = isArray ? 'valueOrEnd' : 'keyOrEnd';
  };
  const close = () => {
    stack.pop();
    i++;
    mode = 'afterValue';
  };

  try {
    for (;;) {
      skipWs();
      if (mode === 'afterValue') {
        const top = stack[stack.length - 1];
        if (!top) break;
        const c = text[i];
        if (c === ',') {
          i++;
          mode = top.isArray ? 'value' : 'key';
        } else if (c === (top.isArray ? ']' : '}')) close();
        else fail(`expected "," or "${top.isArray ? ']' : '}'}", ${describe(i)}`);
        continue;
      }
      if (mode === 'keyOrEnd' || mode === 'key') {
        const c = text[i];
        if (mode === 'keyOrEnd' && c === '}') {
          close();
          continue;
        }
        if (c !== '"') fail(`expected a quoted key, ${describe(i)}`);
        const key = readString();
        skipWs();
        if (text[i] !== ':') fail(`expected ":" after the key "${key}", ${describe(i)}`);
        i++;
        stack[stack.length - 1]!.key = key;
        mode = 'value';
        continue;
      }
      // mode is 'value' or 'valueOrEnd'
      const c = text[i];
      if (mode === 'valueOrEnd' && c === ']') {
        close();
        continue;
      }
      if (c === '{') open(false);
      else if (c === '[') open(true);
      else {
        attach(readScalar());
        mode = 'afterValue';
      }
    }
    skipWs();
    if (i < text.length) findings.push(finding('OTIO_JSON_TRAILING_TEXT', { text: text.slice(i, i + 20) }, { where: where(i) }));
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  return { value: root, findings, positionOf };
}

function floatText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return `${n}.0`;
  return String(n);
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return floatText(n);
  return String(n);
}

/**
 * Pretty JSON with 4-space indents as OTIO writes it; `JsonFloat` values keep a decimal
 * point, non-finite numbers are written as RapidJSON writes them (`NaN`, `Infinity`).
 */
export function writeOtioJson(value: JsonOut): string {
  const parts: string[] = [];
  const emit = (v: JsonOut, indent: string) => {
    if (v === null) parts.push('null');
    else if (typeof v === 'boolean') parts.push(v ? 'true' : 'false');
    else if (typeof v === 'number') parts.push(numberText(v));
    else if (typeof v === 'bigint') parts.push(v.toString());
    else if (typeof v === 'string') parts.push(JSON.stringify(v));
    else if (v instanceof JsonFloat) parts.push(floatText(v.value));
    else if (Array.isArray(v)) {
      const arr = v as readonly JsonOut[];
      if (arr.length === 0) {
        parts.push('[]');
        return;
      }
      const inner = `${indent}    `;
      parts.push('[\n');
      arr.forEach((item, k) => {
        parts.push(inner);
        emit(item, inner);
        parts.push(k + 1 < arr.length ? ',\n' : '\n');
      });
      parts.push(`${indent}]`);
    } else {
      const entries = Object.entries(v as { readonly [key: string]: JsonOut | undefined }).filter((e): e is [string, JsonOut] => e[1] !== undefined);
      if (entries.length === 0) {
        parts.push('{}');
        return;
      }
      const inner = `${indent}    `;
      parts.push('{\n');
      entries.forEach(([k, item], n) => {
        parts.push(`${inner}${JSON.stringify(k)}: `);
        emit(item, inner);
        parts.push(n + 1 < entries.length ? ',\n' : '\n');
      });
      parts.push(`${indent}}`);
    }
  };
  emit(value, '');
  return `${parts.join('')}\n`;
}
