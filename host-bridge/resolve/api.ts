/**
 * The transport the Resolve adapter talks through: "call a method on an object handle".
 *
 * Resolve's scripting API is an object graph (Resolve > ProjectManager > Project > Timeline >
 * TimelineItem > MediaPoolItem). The Workflow Integration panel holds the live objects
 * (`WorkflowIntegration.node`'s `GetResolve()`, synchronous calls); the CLI reaches the same
 * graph through the Python bridge (line-delimited JSON-RPC, objects named by handle strings).
 * Both fit this interface, so one adapter serves both.
 *
 * Values crossing it are JSON-shaped. Resolve's `None` arrives as `null`; objects arrive as
 * handles. Python dict keys are always strings here (marker frame ids `96.0` become `"96.0"`).
 */

export interface ResolveHandle {
  readonly $handle: string;
  /** The object's class as the transport saw it (`Timeline`, `TimelineItem` …), for messages only. */
  readonly type?: string;
}

export type ResolveValue = null | boolean | number | string | ResolveHandle | readonly ResolveValue[] | { readonly [key: string]: ResolveValue };

export interface ResolveCall {
  readonly target: ResolveHandle;
  readonly method: string;
  readonly args?: readonly ResolveValue[];
}

/** A call that could not be made at all (dead bridge, Python exception, unknown handle); Resolve's own failures are `null`/`false` values instead. */
export class ResolveTransportError extends Error {
  override readonly name = 'ResolveTransportError';
  constructor(
    message: string,
    readonly kind: 'unavailable' | 'timeout' | 'call-failed' | 'protocol',
  ) {
    super(message);
  }
}

export interface ResolveTransport {
  /** The `resolve` root object, or null when Resolve is not running or refuses external scripting. */
  root(): Promise<ResolveHandle | null>;
  call(target: ResolveHandle, method: string, args?: readonly ResolveValue[]): Promise<ResolveValue>;
  /** Several calls in one go (one JSON-RPC batch over the bridge); answers in order. */
  callAll(calls: readonly ResolveCall[]): Promise<ResolveValue[]>;
  /** An attribute of an object (the `EXPORT_*` constants live on `resolve`). */
  attribute(target: ResolveHandle, name: string): Promise<ResolveValue>;
}

export function isResolveHandle(v: ResolveValue | undefined): v is ResolveHandle {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { $handle?: unknown }).$handle === 'string';
}

/**
 * A transport over live objects in this process: the Workflow Integration `resolve` object,
 * or a fake with the same shape. Methods are called synchronously as the WI module does;
 * `undefined` (how the native module hands over `None`) becomes `null`.
 */
export function directResolveTransport(getRoot: () => unknown): ResolveTransport {
  const objects = new Map<string, object>();
  const ids = new WeakMap<object, string>();
  let next = 0;

  const handleOf = (o: object): ResolveHandle => {
    let id = ids.get(o);
    if (id === undefined) {
      id = `o${++next}`;
      ids.set(o, id);
      objects.set(id, o);
    }
    const ctor = (o as { constructor?: { name?: string } }).constructor?.name;
    return ctor && ctor !== 'Object' ? { $handle: id, type: ctor } : { $handle: id };
  };

  const out = (v: unknown): ResolveValue => {
    if (v === undefined || v === null) return null;
    if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
    if (Array.isArray(v)) return v.map(out);
    if (typeof v === 'object') {
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto === Object.prototype || proto === null) {
        const rec: Record<string, ResolveValue> = {};
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) rec[k] = out(x);
        return rec;
      }
      return handleOf(v);
    }
    throw new ResolveTransportError(`Resolve returned a ${typeof v}, which cannot cross the bridge`, 'protocol');
  };

  const inArg = (v: ResolveValue): unknown => {
    if (isResolveHandle(v)) return lookup(v);
    if (Array.isArray(v)) return v.map(inArg);
    if (typeof v === 'object' && v !== null) {
      const rec: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) rec[k] = inArg(x as ResolveValue);
      return rec;
    }
    return v;
  };

  const lookup = (h: ResolveHandle): object => {
    const o = objects.get(h.$handle);
    if (!o) throw new ResolveTransportError(`no Resolve object with handle ${h.$handle}`, 'protocol');
    return o;
  };

  // The classic WI module answers synchronously; the Promise variants (19.0.2+ samples) answer with a Promise: both are awaited.
  const callOne = async (target: ResolveHandle, method: string, args: readonly ResolveValue[] = []): Promise<ResolveValue> => {
    const o = lookup(target) as Record<string, unknown>;
    const fn = o[method];
    if (typeof fn !== 'function') throw new ResolveTransportError(`${target.type ?? 'object'} has no method ${method} in this Resolve version`, 'call-failed');
    try {
      return out(await (fn as (...a: unknown[]) => unknown).apply(o, args.map(inArg)));
    } catch (e) {
      throw new ResolveTransportError(`${method} raised: ${e instanceof Error ? e.message : String(e)}`, 'call-failed');
    }
  };

  return {
    root: () => {
      const r = getRoot();
      return Promise.resolve(r === null || r === undefined || typeof r !== 'object' ? null : handleOf(r));
    },
    call: (target, method, args) => callOne(target, method, args),
    callAll: async (calls) => {
      const answers: ResolveValue[] = [];
      for (const c of calls) answers.push(await callOne(c.target, c.method, c.args));
      return answers;
    },
    attribute: (target, name) => Promise.resolve().then(() => out((lookup(target) as Record<string, unknown>)[name])),
  };
}
