import { finding, type Finding, type FindingCode, type ParamsOf, type Severity } from '../../findings/index.ts';
import type { CfbContainer } from './container.ts';

/**
 * AAF's persistent object model over Structured Storage (the AAF SDK's "structured storage
 * binary" encoding, as Avid Media Composer, Premiere Pro and Pro Tools write it):
 *
 * - Every object is a storage whose CLSID is the object's class AUID and which holds a
 *   stream named `properties`.
 * - `properties` layout (little-endian): byte order mark (1 byte, 0x4C 'L'), format version
 *   (1 byte), entry count (uint16); then one 6-byte entry per property: pid (uint16),
 *   stored form (uint16), value length (uint16); then the values, in entry order.
 * - Stored forms (`SF`): plain data; a strong reference to one object (value = the child
 *   storage name, UTF-16LE with a NUL); a strong vector or set (value = a collection name N:
 *   the stream `N index` lists local keys and element `k` is the storage `N{k}`, k in hex);
 *   a weak reference (value = referenced-property-table index uint16, key pid uint16, key
 *   size uint8, key bytes); weak vectors and sets (value = a collection name whose `N index`
 *   stream holds count uint32, table index uint16, key pid uint16, key size uint8, keys).
 * - Strong set index: count, next free key, last free key (uint32 each), key pid (uint16),
 *   key size (uint8); then per element its local key (uint32), a reference count (uint32)
 *   and its unique key (MobID, AUID ...). Strong vector index: the three uint32 then local
 *   keys (uint32).
 * - The root storage's `referenced properties` stream lists, for each weak reference target
 *   set, the pid path from the root object to that set: byte order (1), path count (uint16),
 *   pid count (uint32), then pids (uint16) with 0 ending each path.
 *
 * Reading never throws: a missing storage or stream, a short value, a key that points
 * nowhere is a finding, and the caller gets `undefined` or an empty list.
 */

export const SF = {
  DATA: 0x82,
  DATA_STREAM: 0x42,
  STRONG: 0x22,
  STRONG_VECTOR: 0x32,
  STRONG_SET: 0x3a,
  WEAK: 0x02,
  WEAK_VECTOR: 0x12,
  WEAK_SET: 0x1a,
  WEAK_STORED_ID: 0x03,
  UNIQUE_ID: 0x86,
  OPAQUE_STREAM: 0x40,
} as const;

export interface AafProperty {
  readonly pid: number;
  readonly form: number;
  readonly data: Uint8Array;
}

export interface AafObject {
  /** The storage path, ending in `/` (`''` is the root object). */
  readonly path: string;
  /** The class AUID as the storage's CLSID bytes, in hex. */
  readonly classId: string;
  readonly props: ReadonlyMap<number, AafProperty>;
}

/** Finding budget per code, so a damaged file reports its first problems and not a flood. */
const FINDINGS_PER_CODE = 50;
/** Objects read at most (each is a storage; a file of a few GB stays under this). */
export const AAF_MAX_OBJECTS = 2_000_000;
/** Elements in one collection at most. */
const MAX_COLLECTION = 1_000_000;

export function hexOf(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** UTF-16LE up to the first NUL (or the end), decoded by hand: core has no TextDecoder. */
export function utf16le(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const units: number[] = [];
  for (let i = start; i + 1 < end; i += 2) {
    const u = bytes[i]! | (bytes[i + 1]! << 8);
    if (u === 0) break;
    units.push(u);
  }
  let out = '';
  for (let i = 0; i < units.length; i += 4096) out += String.fromCharCode(...units.slice(i, i + 4096));
  return out;
}

/** NUL-separated UTF-16LE strings (AAF string arrays). */
export function utf16leList(bytes: Uint8Array): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    if (bytes[i] === 0 && bytes[i + 1] === 0) {
      out.push(utf16le(bytes, start, i));
      start = i + 2;
    }
  }
  if (start + 1 < bytes.length) out.push(utf16le(bytes, start));
  return out;
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

export function u8At(b: Uint8Array, o: number): number | undefined {
  return o + 1 <= b.length ? b[o] : undefined;
}
export function u16At(b: Uint8Array, o: number): number | undefined {
  return o + 2 <= b.length ? view(b).getUint16(o, true) : undefined;
}
export function u32At(b: Uint8Array, o: number): number | undefined {
  return o + 4 <= b.length ? view(b).getUint32(o, true) : undefined;
}
export function i32At(b: Uint8Array, o: number): number | undefined {
  return o + 4 <= b.length ? view(b).getInt32(o, true) : undefined;
}
/** A 64-bit integer as a number, or undefined when short or beyond 2^53 (never rounded silently). */
export function i64At(b: Uint8Array, o: number, signed = true): number | undefined {
  if (o + 8 > b.length) return undefined;
  const v = signed ? view(b).getBigInt64(o, true) : view(b).getBigUint64(o, true);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : undefined;
}

interface SetElement {
  readonly key: string;
  readonly path: string;
}

export class AafStore {
  readonly findings: Finding[] = [];
  private readonly perCode = new Map<string, number>();
  private readonly seen = new Set<string>();
  private readonly objects = new Map<string, AafObject | null>();
  private readonly collections = new Map<string, SetElement[]>();
  private readonly targetSets = new Map<number, Map<string, string> | null>();
  private weakPaths: number[][] | undefined;
  private objectCount = 0;
  private stopped = false;

  constructor(
    private readonly container: CfbContainer,
    private readonly file: string,
  ) {}

  /** Records a finding once per message, at most FINDINGS_PER_CODE per code. */
  report<C extends FindingCode>(code: C, params: ParamsOf<C>, severity?: Severity): void {
    const f = finding(code, params, { where: { file: this.file }, ...(severity ? { severity } : {}) });
    if (this.seen.has(f.message)) return;
    this.seen.add(f.message);
    const n = this.perCode.get(code) ?? 0;
    if (n >= FINDINGS_PER_CODE) return;
    this.perCode.set(code, n + 1);
    this.findings.push(f);
  }

  /** The object stored at `path` (a storage path ending in `/`). */
  object(path: string): AafObject | undefined {
    const cached = this.objects.get(path);
    if (cached !== undefined) return cached ?? undefined;
    if (this.stopped) return undefined;
    if (++this.objectCount > AAF_MAX_OBJECTS) {
      this.stopped = true;
      this.report('AAF_LIMIT_EXCEEDED', { what: 'the number of objects', limit: AAF_MAX_OBJECTS });
      return undefined;
    }
    const storage = this.container.storages.get(path);
    const stream = this.container.streams.get(`${path}properties`);
    if (!storage || !stream) {
      this.report('AAF_STREAM_MISSING', { path: path || '/', wanted: storage ? 'the properties stream of' : 'the object' });
      this.objects.set(path, null);
      return undefined;
    }
    const obj: AafObject = { path, classId: storage.clsid, props: this.parseProperties(path, stream) };
    this.objects.set(path, obj);
    return obj;
  }

  private parseProperties(path: string, s: Uint8Array): Map<number, AafProperty> {
    const props = new Map<number, AafProperty>();
    const where = path || '/';
    if (s.length < 4) {
      this.report('AAF_PROPERTIES_MALFORMED', { path: where, reason: `the stream is ${s.length} bytes, shorter than its 4-byte header` });
      return props;
    }
    // 0x4C 'L' little-endian, 0x42 'B' big-endian.
    if (s[0] !== 0x4c) {
      if (s[0] === 0x42) this.report('AAF_BYTE_ORDER_UNSUPPORTED', { path: where });
      else this.report('AAF_PROPERTIES_MALFORMED', { path: where, reason: `byte order mark 0x${s[0]!.toString(16)} is neither 'L' nor 'B'` });
      return props;
    }
    const count = u16At(s, 2)!;
    let at = 4 + count * 6;
    if (at > s.length) {
      this.report('AAF_PROPERTIES_MALFORMED', { path: where, reason: `${count} entries do not fit in ${s.length} bytes` });
      return props;
    }
    for (let i = 0; i < count; i++) {
      const pid = u16At(s, 4 + i * 6)!;
      const form = u16At(s, 6 + i * 6)!;
      const len = u16At(s, 8 + i * 6)!;
      if (at + len > s.length) {
        this.report('AAF_PROPERTIES_MALFORMED', { path: where, reason: `property 0x${pid.toString(16)} runs past the end of the stream` });
        break;
      }
      props.set(pid, { pid, form, data: s.subarray(at, at + len) });
      at += len;
    }
    return props;
  }

  root(): AafObject | undefined {
    return this.object('');
  }

  prop(obj: AafObject | undefined, pid: number): AafProperty | undefined {
    return obj?.props.get(pid);
  }

  /** A strong reference to one object. */
  ref(obj: AafObject | undefined, pid: number): AafObject | undefined {
    const p = this.prop(obj, pid);
    if (!p || p.form !== SF.STRONG) return undefined;
    return this.object(`${obj!.path}${utf16le(p.data)}/`);
  }

  /** The objects of a strong vector (in order) or set (in index order). */
  refs(obj: AafObject | undefined, pid: number): AafObject[] {
    const out: AafObject[] = [];
    for (const e of this.strongElements(obj, pid)) {
      const o = this.object(e.path);
      if (o) out.push(o);
    }
    return out;
  }

  /** A strong set's elements with their unique keys (hex), without reading the objects. */
  strongElements(obj: AafObject | undefined, pid: number): readonly SetElement[] {
    const p = this.prop(obj, pid);
    if (!p || (p.form !== SF.STRONG_VECTOR && p.form !== SF.STRONG_SET)) return [];
    const name = `${obj!.path}${utf16le(p.data)}`;
    const cached = this.collections.get(name);
    if (cached) return cached;
    const out: SetElement[] = [];
    this.collections.set(name, out);
    const idx = this.container.streams.get(`${name} index`);
    if (!idx) {
      this.report('AAF_STREAM_MISSING', { path: `${name} index`, wanted: 'the collection index' });
      return out;
    }
    const count = u32At(idx, 0) ?? 0;
    const isSet = p.form === SF.STRONG_SET;
    const keySize = isSet ? (u8At(idx, 14) ?? 0) : 0;
    const header = isSet ? 15 : 12;
    const stride = isSet ? 8 + keySize : 4;
    const fits = Math.max(0, Math.floor((idx.length - header) / stride));
    if (count > fits) this.report('AAF_PROPERTIES_MALFORMED', { path: `${name} index`, reason: `${count} elements announced, ${fits} stored` });
    const n = Math.min(count, fits, MAX_COLLECTION);
    if (n === MAX_COLLECTION) this.report('AAF_LIMIT_EXCEEDED', { what: `the collection ${name}`, limit: MAX_COLLECTION });
    for (let i = 0; i < n; i++) {
      const at = header + i * stride;
      const local = u32At(idx, at)!;
      const key = isSet ? hexOf(idx.subarray(at + 8, at + 8 + keySize)) : String(i);
      out.push({ key, path: `${name}{${local.toString(16)}}/` });
    }
    return out;
  }

  /** The pid paths of the referenced property table (weak reference targets). */
  private weakTargetPaths(): number[][] {
    if (this.weakPaths) return this.weakPaths;
    const paths: number[][] = [];
    this.weakPaths = paths;
    const s = this.container.streams.get('referenced properties');
    if (!s) return paths;
    const pidCount = u32At(s, 3) ?? 0;
    let path: number[] = [];
    for (let i = 0; i < pidCount && 7 + i * 2 + 2 <= s.length; i++) {
      const pid = u16At(s, 7 + i * 2)!;
      if (pid === 0) {
        paths.push(path);
        path = [];
      } else path.push(pid);
    }
    return paths;
  }

  /** key -> object path for the target set at a referenced-property-table index. */
  private targetSet(index: number): Map<string, string> | undefined {
    const cached = this.targetSets.get(index);
    if (cached !== undefined) return cached ?? undefined;
    const pids = this.weakTargetPaths()[index];
    let map: Map<string, string> | null = null;
    if (pids && pids.length > 0) {
      let at = this.root();
      for (const pid of pids.slice(0, -1)) at = this.ref(at, pid);
      if (at) {
        map = new Map();
        for (const e of this.strongElements(at, pids[pids.length - 1]!)) map.set(e.key, e.path);
      }
    }
    this.targetSets.set(index, map);
    return map ?? undefined;
  }

  private resolveWeak(from: AafObject, index: number, key: string, what: string): AafObject | undefined {
    const set = this.targetSet(index);
    const path = set?.get(key);
    if (!path) {
      this.report('AAF_REFERENCE_UNRESOLVED', { from: from.path || '/', what, key });
      return undefined;
    }
    return this.object(path);
  }

  /** The key (hex) a single weak reference names, without resolving it. */
  weakKey(obj: AafObject | undefined, pid: number): string | undefined {
    const p = this.prop(obj, pid);
    if (!p) return undefined;
    if (p.form === SF.WEAK) {
      const size = u8At(p.data, 4) ?? 0;
      return p.data.length >= 5 + size ? hexOf(p.data.subarray(5, 5 + size)) : undefined;
    }
    // Some writers store a definition reference as its bare AUID.
    return p.data.length === 16 ? hexOf(p.data) : undefined;
  }

  /** A weak reference, resolved through the referenced property table. */
  weak(obj: AafObject | undefined, pid: number, what = 'the object'): AafObject | undefined {
    const p = this.prop(obj, pid);
    if (!p || p.form !== SF.WEAK) return undefined;
    const key = this.weakKey(obj, pid);
    const index = u16At(p.data, 0);
    if (key === undefined || index === undefined) return undefined;
    return this.resolveWeak(obj!, index, key, what);
  }

  /** The keys of a weak vector or set. */
  weakKeys(obj: AafObject | undefined, pid: number): { readonly index: number; readonly keys: string[] } {
    const p = this.prop(obj, pid);
    if (!p || (p.form !== SF.WEAK_VECTOR && p.form !== SF.WEAK_SET)) return { index: 0, keys: [] };
    const name = `${obj!.path}${utf16le(p.data)} index`;
    const idx = this.container.streams.get(name);
    if (!idx) {
      this.report('AAF_STREAM_MISSING', { path: name, wanted: 'the collection index' });
      return { index: 0, keys: [] };
    }
    const count = u32At(idx, 0) ?? 0;
    const index = u16At(idx, 4) ?? 0;
    const size = u8At(idx, 8) ?? 0;
    const keys: string[] = [];
    for (let i = 0; i < count && i < MAX_COLLECTION && size > 0 && 9 + (i + 1) * size <= idx.length; i++) keys.push(hexOf(idx.subarray(9 + i * size, 9 + (i + 1) * size)));
    return { index, keys };
  }

  weaks(obj: AafObject | undefined, pid: number, what = 'the object'): AafObject[] {
    const { index, keys } = this.weakKeys(obj, pid);
    const out: AafObject[] = [];
    for (const k of keys) {
      const o = this.resolveWeak(obj!, index, k, what);
      if (o) out.push(o);
    }
    return out;
  }

  data(obj: AafObject | undefined, pid: number): Uint8Array | undefined {
    const p = this.prop(obj, pid);
    return p && (p.form === SF.DATA || p.form === SF.UNIQUE_ID) ? p.data : undefined;
  }
  str(obj: AafObject | undefined, pid: number): string | undefined {
    const d = this.data(obj, pid);
    return d ? utf16le(d) : undefined;
  }
  u16(obj: AafObject | undefined, pid: number): number | undefined {
    const d = this.data(obj, pid);
    return d ? u16At(d, 0) : undefined;
  }
  u32(obj: AafObject | undefined, pid: number): number | undefined {
    const d = this.data(obj, pid);
    return d ? u32At(d, 0) : undefined;
  }
  i64(obj: AafObject | undefined, pid: number): number | undefined {
    const d = this.data(obj, pid);
    if (!d) return undefined;
    // Lengths and positions are Int64; a few writers store narrower integers.
    if (d.length >= 8) return i64At(d, 0);
    if (d.length >= 4) return i32At(d, 0);
    return undefined;
  }
  bool(obj: AafObject | undefined, pid: number): boolean | undefined {
    const d = this.data(obj, pid);
    return d && d.length >= 1 ? d[0] !== 0 : undefined;
  }
  /** An AAF Rational: numerator and denominator, Int32 each. */
  rational(obj: AafObject | undefined, pid: number): { num: number; den: number } | undefined {
    const d = this.data(obj, pid);
    if (!d || d.length < 8) return undefined;
    return { num: i32At(d, 0)!, den: i32At(d, 4)! };
  }
  hex(obj: AafObject | undefined, pid: number): string | undefined {
    const d = this.data(obj, pid);
    return d ? hexOf(d) : undefined;
  }

  /** Whether the file holds a storage at this path (used to count embedded essence without reading it). */
  hasStream(path: string): boolean {
    return this.container.streams.has(path);
  }
}
