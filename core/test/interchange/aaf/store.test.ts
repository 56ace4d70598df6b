import { describe, expect, it } from 'vitest';
import { aafTimelines } from '../../../interchange/aaf/compose.ts';
import type { CfbContainer } from '../../../interchange/aaf/container.ts';
import { AafMeta, baselineClassId } from '../../../interchange/aaf/meta.ts';
import { AafStore, SF, hexOf, i64At, utf16le, utf16leList } from '../../../interchange/aaf/store.ts';

/**
 * The AAF object model over a container built by hand (no CFB bytes): properties streams,
 * strong references, set/vector indexes, weak references through the referenced property
 * table, and the guards (missing objects, malformed streams, reference loops).
 */

const u16 = (n: number) => [n & 0xff, n >> 8];
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
const i64 = (n: number) => [...u32(n), ...u32(0)];
const str = (s: string) => [...[...s].flatMap((c) => u16(c.charCodeAt(0))), 0, 0];
const hex = (h: string) => h.match(/../g)!.map((x) => parseInt(x, 16));

/** A properties stream: 'L', version, count, entries (pid, form, length), then the values. */
function props(entries: readonly (readonly [number, number, readonly number[]])[]): Uint8Array {
  const head = [0x4c, 0x20, ...u16(entries.length), ...entries.flatMap(([pid, form, v]) => [...u16(pid), ...u16(form), ...u16(v.length)])];
  return Uint8Array.from([...head, ...entries.flatMap(([, , v]) => v)]);
}

const MOB_A = '11'.repeat(32);
const PICTURE = '0202030100010000060e2b3404010101';

interface Built {
  storages: Map<string, { clsid: string }>;
  streams: Map<string, Uint8Array>;
}

function add(b: Built, path: string, clsid: string, p: Uint8Array): void {
  b.storages.set(path, { clsid });
  b.streams.set(`${path}properties`, p);
}

/** A file holding one composition whose only clip plays the composition itself. */
function selfReferencingComposition(): CfbContainer {
  const b: Built = { storages: new Map(), streams: new Map() };
  add(b, '', '', props([[0x0002, SF.STRONG, str('Header-2')]]));
  add(b, 'Header-2/', baselineClassId(0x2f), props([[0x3b03, SF.STRONG, str('Content-3b03')]]));
  add(b, 'Header-2/Content-3b03/', baselineClassId(0x18), props([[0x1901, SF.STRONG_SET, str('Mobs-1901')]]));
  // Set index: count, next free, last free, key pid 0x4401 (MobID), key size 32; then local key, ref count, key.
  b.streams.set('Header-2/Content-3b03/Mobs-1901 index', Uint8Array.from([...u32(1), ...u32(1), ...u32(0), ...u16(0x4401), 32, ...u32(0), ...u32(1), ...hex(MOB_A)]));
  const mob = 'Header-2/Content-3b03/Mobs-1901{0}/';
  add(b, mob, baselineClassId(0x35), props([[0x4401, SF.DATA, hex(MOB_A)], [0x4402, SF.DATA, str('Loop')], [0x4403, SF.STRONG_VECTOR, str('Slots-4403')]]));
  b.streams.set(`${mob}Slots-4403 index`, Uint8Array.from([...u32(1), ...u32(1), ...u32(0), ...u32(0)]));
  const slot = `${mob}Slots-4403{0}/`;
  add(b, slot, baselineClassId(0x3b), props([[0x4801, SF.DATA, u32(1)], [0x4b01, SF.DATA, [...u32(24), ...u32(1)]], [0x4803, SF.STRONG, str('Segment-4803')]]));
  // The DataDefinition weak reference: table index 0, key pid 0x1b01, 16-byte key (Picture).
  const picture = [...u16(0), ...u16(0x1b01), 16, ...hex(PICTURE)];
  add(b, `${slot}Segment-4803/`, baselineClassId(0x11), props([[0x0201, SF.WEAK, picture], [0x0202, SF.DATA, i64(10)], [0x1101, SF.DATA, hex(MOB_A)], [0x1102, SF.DATA, u32(1)], [0x1201, SF.DATA, i64(0)]]));
  return b;
}

describe('AAF store: properties streams and references', () => {
  it('decodes UTF-16LE names and NUL-separated string arrays by hand', () => {
    expect(utf16le(Uint8Array.from(str('Eyjafjallajökull')))).toBe('Eyjafjallajökull');
    expect(utf16leList(Uint8Array.from([...str('False'), ...str('True')]))).toEqual(['False', 'True']);
    expect(hexOf(Uint8Array.from([0, 0x0d, 0xff]))).toBe('000dff');
  });

  it('keeps 64-bit integers exact up to 2^53 and refuses to round beyond', () => {
    expect(i64At(Uint8Array.from(i64(86400)), 0)).toBe(86400);
    expect(i64At(Uint8Array.from([0, 0, 0, 0, 0, 0, 0x40, 0]), 0)).toBeUndefined();
    expect(i64At(Uint8Array.from([1, 2, 3]), 0)).toBeUndefined();
  });

  it('reads entries, strong references and a strong set with its keys', () => {
    const s = new AafStore(selfReferencingComposition(), 'hand.aaf');
    const header = s.ref(s.root(), 0x0002);
    expect(header?.path).toBe('Header-2/');
    const content = s.ref(header, 0x3b03);
    expect(s.strongElements(content, 0x1901)).toEqual([{ key: MOB_A, path: 'Header-2/Content-3b03/Mobs-1901{0}/' }]);
    const mob = s.refs(content, 0x1901)[0];
    expect(s.str(mob, 0x4402)).toBe('Loop');
    expect(s.weakKey(s.ref(s.refs(mob, 0x4403)[0], 0x4803), 0x0201)).toBe(PICTURE);
    expect(s.findings).toEqual([]);
  });

  it('a composition that plays itself is cut at the loop with a finding, and the read ends', () => {
    const s = new AafStore(selfReferencingComposition(), 'hand.aaf');
    const tls = aafTimelines(s, new AafMeta(s));
    expect(tls.map((t) => [t.name, t.tracks.length, t.tracks[0]!.children[0]!.kind])).toEqual([['Loop', 1, 'stack']]);
    const nested = tls[0]!.tracks[0]!.children[0]!;
    expect(nested.kind === 'stack' ? nested.children : null).toEqual([]);
    expect(s.findings.map((f) => [f.code, f.params, f.where.file])).toEqual([
      ['AAF_REFERENCE_LOOP', { path: 'Header-2/Content-3b03/Mobs-1901{0}/' }, 'hand.aaf'],
      ['AAF_TIMECODE_SLOT_MISSING', { name: 'Loop' }, 'hand.aaf'],
    ]);
  });

  it('missing objects, short streams, big-endian and unresolvable weak references are findings', () => {
    const b: Built = { storages: new Map(), streams: new Map() };
    add(b, '', '', props([[0x0001, SF.STRONG, str('MetaDictionary-1')], [0x0002, SF.STRONG, str('Header-2')], [0x0005, SF.WEAK, [...u16(3), ...u16(0x0005), 16, ...hex('ab'.repeat(16))]]]));
    b.storages.set('Header-2/', { clsid: '' });
    b.streams.set('Header-2/properties', Uint8Array.from([0x4c, 0x20, 5, 0]));
    add(b, 'MetaDictionary-1/', '', Uint8Array.from([0x42, 0x20, 0, 0]));
    const s = new AafStore(b, 'bad.aaf');
    expect(s.ref(s.root(), 0x0002)?.props.size).toBe(0);
    expect(s.ref(s.root(), 0x0001)?.props.size).toBe(0);
    expect(s.weak(s.root(), 0x0005, 'the class')).toBeUndefined();
    expect(s.object('Nowhere/')).toBeUndefined();
    expect(s.findings.map((f) => f.code)).toEqual(['AAF_PROPERTIES_MALFORMED', 'AAF_BYTE_ORDER_UNSUPPORTED', 'AAF_REFERENCE_UNRESOLVED', 'AAF_STREAM_MISSING']);
    expect(s.findings[0]!.message).toBe('the properties of "Header-2/" cannot be read: 5 entries do not fit in 4 bytes; the object was read as far as it goes');
  });

  it('names the baseline classes and walks their parents when the file has no meta-dictionary', () => {
    const s = new AafStore(selfReferencingComposition(), 'hand.aaf');
    const m = new AafMeta(s);
    const clip = s.ref(s.refs(s.refs(s.ref(s.ref(s.root(), 2), 0x3b03), 0x1901)[0], 0x4403)[0], 0x4803);
    expect(m.className(clip)).toBe('SourceClip');
    expect(['SourceReference', 'Segment', 'Component', 'InterchangeObject', 'Sequence'].map((n) => m.isA(clip, n))).toEqual([true, true, true, true, false]);
  });
});
