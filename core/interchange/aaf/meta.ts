import { AafStore, hexOf, i32At, i64At, u16At, u32At, u8At, utf16le, utf16leList, type AafObject } from './store.ts';

/**
 * The meta-dictionary: the class, property and type definitions the file carries (the
 * baseline model as its writer knew it plus every extension it defines, such as Avid's
 * `CommentMarkerColor`). Extension properties get pids from 0x8000 up that differ from file
 * to file, so they are always looked up here by name, never by a fixed pid.
 *
 * A baseline class AUID reads `0D010101-0101-XX00-060E-2B34-02060101` (XX = the class
 * number); as CLSID bytes that is `0101010d010100XX060e2b3402060101`. The table below names
 * the baseline classes for files whose meta-dictionary leaves them out.
 */

/** Meta-dictionary pids (AAF object specification, meta-model). */
export const META_PID = {
  Identification: 0x0005,
  Name: 0x0006,
  ParentClass: 0x0008,
  Properties: 0x0009,
  Type: 0x000b,
  LocalIdentification: 0x000d,
  ClassDefinitions: 0x0003,
  TypeDefinitions: 0x0004,
  IntSize: 0x000f,
  IntSigned: 0x0010,
  EnumElementType: 0x0014,
  EnumNames: 0x0015,
  EnumValues: 0x0016,
  RecordMemberTypes: 0x001c,
  RecordMemberNames: 0x001d,
  RenamedType: 0x001e,
  ExtEnumNames: 0x001f,
  ExtEnumValues: 0x0020,
} as const;

const BASELINE: readonly (readonly [number, string, string | undefined])[] = [
  [0x01, 'InterchangeObject', undefined],
  [0x02, 'Component', 'InterchangeObject'],
  [0x03, 'Segment', 'Component'],
  [0x04, 'EdgeCode', 'Segment'],
  [0x05, 'EssenceGroup', 'Segment'],
  [0x06, 'Event', 'Segment'],
  [0x07, 'GPITrigger', 'Event'],
  [0x08, 'CommentMarker', 'Event'],
  [0x09, 'Filler', 'Segment'],
  [0x0a, 'OperationGroup', 'Segment'],
  [0x0b, 'NestedScope', 'Segment'],
  [0x0c, 'Pulldown', 'Segment'],
  [0x0d, 'ScopeReference', 'Segment'],
  [0x0e, 'Selector', 'Segment'],
  [0x0f, 'Sequence', 'Segment'],
  [0x10, 'SourceReference', 'Segment'],
  [0x11, 'SourceClip', 'SourceReference'],
  [0x14, 'Timecode', 'Segment'],
  [0x17, 'Transition', 'Component'],
  [0x18, 'ContentStorage', 'InterchangeObject'],
  [0x19, 'ControlPoint', 'InterchangeObject'],
  [0x1a, 'DefinitionObject', 'InterchangeObject'],
  [0x1b, 'DataDefinition', 'DefinitionObject'],
  [0x1c, 'OperationDefinition', 'DefinitionObject'],
  [0x1d, 'ParameterDefinition', 'DefinitionObject'],
  [0x22, 'Dictionary', 'InterchangeObject'],
  [0x23, 'EssenceData', 'InterchangeObject'],
  [0x24, 'EssenceDescriptor', 'InterchangeObject'],
  [0x25, 'FileDescriptor', 'EssenceDescriptor'],
  [0x27, 'DigitalImageDescriptor', 'FileDescriptor'],
  [0x28, 'CDCIDescriptor', 'DigitalImageDescriptor'],
  [0x29, 'RGBADescriptor', 'DigitalImageDescriptor'],
  [0x2c, 'WAVEDescriptor', 'FileDescriptor'],
  [0x2e, 'TapeDescriptor', 'EssenceDescriptor'],
  [0x2f, 'Header', 'InterchangeObject'],
  [0x30, 'Identification', 'InterchangeObject'],
  [0x31, 'Locator', 'InterchangeObject'],
  [0x32, 'NetworkLocator', 'Locator'],
  [0x33, 'TextLocator', 'Locator'],
  [0x34, 'Mob', 'InterchangeObject'],
  [0x35, 'CompositionMob', 'Mob'],
  [0x36, 'MasterMob', 'Mob'],
  [0x37, 'SourceMob', 'Mob'],
  [0x38, 'MobSlot', 'InterchangeObject'],
  [0x39, 'EventMobSlot', 'MobSlot'],
  [0x3a, 'StaticMobSlot', 'MobSlot'],
  [0x3b, 'TimelineMobSlot', 'MobSlot'],
  [0x3c, 'Parameter', 'InterchangeObject'],
  [0x3d, 'ConstantValue', 'Parameter'],
  [0x3e, 'VaryingValue', 'Parameter'],
  [0x3f, 'TaggedValue', 'InterchangeObject'],
  [0x41, 'DescriptiveMarker', 'CommentMarker'],
  [0x42, 'SoundDescriptor', 'FileDescriptor'],
  [0x48, 'PCMDescriptor', 'SoundDescriptor'],
  [0x49, 'PhysicalDescriptor', 'EssenceDescriptor'],
  [0x4a, 'ImportDescriptor', 'PhysicalDescriptor'],
];

export function baselineClassId(n: number): string {
  return `0101010d010100${n.toString(16).padStart(2, '0')}060e2b3402060101`;
}

interface ClassDef {
  readonly name: string;
  readonly parent: string | undefined;
}

/** A type definition's kind, from the meta-class number in its storage CLSID (`0101010dXX020000…`). */
type TypeKind = 'integer' | 'enum' | 'fixedArray' | 'varArray' | 'string' | 'record' | 'rename' | 'extEnum' | 'other';
const TYPE_KINDS: Record<string, TypeKind> = { '04': 'integer', '07': 'enum', '08': 'fixedArray', '09': 'varArray', '0b': 'string', '0d': 'record', '0e': 'rename', '20': 'extEnum' };

interface TypeDef {
  readonly name: string;
  readonly kind: TypeKind;
  readonly obj: AafObject;
}

export interface PropertyDef {
  readonly name: string;
  readonly pid: number;
  readonly typeId: string | undefined;
  readonly classId: string;
}

/** A decoded indirect or extension value: plain JSON-able data. */
export type AafValue = string | number | boolean | null | AafValue[] | { [k: string]: AafValue };

export class AafMeta {
  private readonly classes = new Map<string, ClassDef>();
  private readonly types = new Map<string, TypeDef>();
  private readonly byPid = new Map<number, PropertyDef>();
  private readonly byName = new Map<string, PropertyDef[]>();
  /** Extendible enumeration element AUID -> its name (`Usage_TopLevel`, ...). */
  private readonly extEnum = new Map<string, string>();

  constructor(private readonly store: AafStore) {
    for (const [n, name, parent] of BASELINE) {
      const p = parent ? BASELINE.find((b) => b[1] === parent) : undefined;
      this.classes.set(baselineClassId(n), { name, parent: p ? baselineClassId(p[0]) : undefined });
    }
    const md = store.ref(store.root(), 0x0001);
    if (!md) return;
    for (const cd of store.refs(md, META_PID.ClassDefinitions)) {
      const id = store.hex(cd, META_PID.Identification);
      const name = store.str(cd, META_PID.Name);
      if (!id || name === undefined) continue;
      const parent = store.weakKey(cd, META_PID.ParentClass);
      // The root class names itself as its parent.
      this.classes.set(id, { name, parent: parent && parent !== id ? parent : undefined });
      for (const pd of store.refs(cd, META_PID.Properties)) {
        const pid = store.u16(pd, META_PID.LocalIdentification);
        const pname = store.str(pd, META_PID.Name);
        if (pid === undefined || pname === undefined) continue;
        const def: PropertyDef = { name: pname, pid, typeId: store.weakKey(pd, META_PID.Type), classId: id };
        this.byPid.set(pid, def);
        const list = this.byName.get(pname) ?? [];
        list.push(def);
        this.byName.set(pname, list);
      }
    }
    for (const td of store.refs(md, META_PID.TypeDefinitions)) {
      const id = store.hex(td, META_PID.Identification);
      const name = store.str(td, META_PID.Name);
      if (!id || name === undefined) continue;
      const kind = TYPE_KINDS[td.classId.slice(8, 10)] ?? 'other';
      this.types.set(id, { name, kind, obj: td });
      if (kind === 'extEnum') {
        const names = utf16leList(store.data(td, META_PID.ExtEnumNames) ?? new Uint8Array(0));
        const values = store.data(td, META_PID.ExtEnumValues) ?? new Uint8Array(0);
        names.forEach((n, i) => {
          if ((i + 1) * 16 <= values.length) this.extEnum.set(hexOf(values.subarray(i * 16, (i + 1) * 16)), n);
        });
      }
    }
  }

  className(obj: AafObject | undefined): string {
    if (!obj) return 'nothing';
    return this.classes.get(obj.classId)?.name ?? `class ${obj.classId}`;
  }

  /** Whether the object's class is `name` or derives from it (an extension class included). */
  isA(obj: AafObject | undefined, name: string): boolean {
    let id: string | undefined = obj?.classId;
    for (let hops = 0; id && hops < 64; hops++) {
      const c = this.classes.get(id);
      if (!c) return false;
      if (c.name === name) return true;
      id = c.parent;
    }
    return false;
  }

  /** The pid a property has in this file, by name; `className` narrows it when names repeat. */
  pid(name: string, className?: string): number | undefined {
    const list = this.byName.get(name);
    if (!list?.length) return undefined;
    if (className) {
      const hit = list.find((d) => this.classes.get(d.classId)?.name === className);
      if (hit) return hit.pid;
    }
    return list[0]!.pid;
  }

  property(pid: number): PropertyDef | undefined {
    return this.byPid.get(pid);
  }

  enumName(auidHex: string): string | undefined {
    return this.extEnum.get(auidHex);
  }

  /** An indirect value (AAF `Indirect`): byte order (1), the value's type AUID (16), the value. */
  indirect(data: Uint8Array | undefined): AafValue | undefined {
    if (!data || data.length < 17 || data[0] !== 0x4c) return undefined;
    return this.decode(hexOf(data.subarray(1, 17)), data.subarray(17), 0)?.value;
  }

  /** A property's value decoded through its type definition. */
  value(obj: AafObject | undefined, pid: number): AafValue | undefined {
    const d = this.store.data(obj, pid);
    const def = this.byPid.get(pid);
    if (!d || !def?.typeId) return undefined;
    const t = this.types.get(def.typeId);
    if (t?.name === 'aafIndirect' || t?.kind === 'other' && /indirect/i.test(t.name)) return this.indirect(d);
    return this.decode(def.typeId, d, 0)?.value;
  }

  /** Decodes a value of a type; returns it with the bytes it took, or undefined when the type is not known. */
  private decode(typeId: string, b: Uint8Array, depth: number): { value: AafValue; size: number } | undefined {
    const t = this.types.get(typeId);
    if (!t || depth > 16) return undefined;
    const s = this.store;
    switch (t.kind) {
      case 'integer': {
        const size = s.data(t.obj, META_PID.IntSize)?.[0] ?? 0;
        const signed = s.bool(t.obj, META_PID.IntSigned) ?? false;
        let v: number | undefined;
        if (size === 1) v = signed ? ((u8At(b, 0) ?? 0) << 24) >> 24 : u8At(b, 0);
        else if (size === 2) v = u16At(b, 0) === undefined ? undefined : signed ? (u16At(b, 0)! << 16) >> 16 : u16At(b, 0);
        else if (size === 4) v = signed ? i32At(b, 0) : u32At(b, 0);
        else if (size === 8) v = i64At(b, 0, signed);
        return v === undefined ? undefined : { value: v, size };
      }
      case 'string':
        return { value: utf16le(b), size: b.length };
      case 'rename': {
        const to = s.weakKey(t.obj, META_PID.RenamedType);
        return to ? this.decode(to, b, depth + 1) : undefined;
      }
      case 'enum': {
        const et = s.weakKey(t.obj, META_PID.EnumElementType);
        const inner = et ? this.decode(et, b, depth + 1) : undefined;
        if (!inner || typeof inner.value !== 'number') return inner;
        const names = utf16leList(s.data(t.obj, META_PID.EnumNames) ?? new Uint8Array(0));
        const values = s.data(t.obj, META_PID.EnumValues) ?? new Uint8Array(0);
        const i = names.findIndex((_, k) => i64At(values, k * 8) === inner.value);
        const label = i >= 0 ? names[i]! : String(inner.value);
        // Boolean is the enumeration {False, True} over UInt8.
        if (t.name === 'Boolean') return { value: label === 'True', size: inner.size };
        return { value: label, size: inner.size };
      }
      case 'extEnum':
        return b.length >= 16 ? { value: this.extEnum.get(hexOf(b.subarray(0, 16))) ?? hexOf(b.subarray(0, 16)), size: 16 } : undefined;
      case 'record': {
        const names = utf16leList(s.data(t.obj, META_PID.RecordMemberNames) ?? new Uint8Array(0));
        const types = s.weakKeys(t.obj, META_PID.RecordMemberTypes).keys;
        // AUID and MobID records are identifiers: kept as hex.
        if (t.name === 'AUID' || t.name === 'MobIDType') {
          const size = t.name === 'AUID' ? 16 : 32;
          return b.length >= size ? { value: hexOf(b.subarray(0, size)), size } : undefined;
        }
        const out: { [k: string]: AafValue } = {};
        let at = 0;
        for (let i = 0; i < types.length; i++) {
          const m = this.decode(types[i]!, b.subarray(at), depth + 1);
          if (!m) return undefined;
          out[names[i] ?? String(i)] = m.value;
          at += m.size;
        }
        return { value: out, size: at };
      }
      case 'fixedArray':
      case 'varArray':
      case 'other':
        return { value: hexOf(b), size: b.length };
    }
  }
}
