import { err, ok, type Result } from '../time/index.ts';
import { SPEC_BUILTIN_PROFILES } from './builtins.ts';
import type { DeliveryProfile } from './profile.ts';

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** The child's values over the parent's: objects merge key by key, lists and scalars replace. */
function merged(parent: Record<string, unknown>, child: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...parent };
  for (const [k, v] of Object.entries(child)) {
    const p = out[k];
    out[k] = isPlainObject(p) && isPlainObject(v) ? merged(p, v) : v;
  }
  return out;
}

/**
 * The profile with its `extends` chain applied (parent first, child wins), looked up in
 * `known` (built-ins by default). Identity fields are the child's own; `extends` is dropped
 * from the result. An unknown parent or a cycle is an error naming the chain.
 */
export function specProfileResolved(profile: DeliveryProfile, known: readonly DeliveryProfile[] = SPEC_BUILTIN_PROFILES): Result<DeliveryProfile, string> {
  const chain: DeliveryProfile[] = [profile];
  let cur = profile;
  while (cur.extends !== undefined) {
    const parentId = cur.extends;
    if (chain.some((p) => p.id === parentId)) return err(`extends cycle: ${[...chain.map((p) => p.id), parentId].join(' -> ')}`);
    const parent = known.find((p) => p.id === parentId);
    if (!parent) return err(`${cur.id} extends "${parentId}", which is not a known profile (known: ${known.map((p) => p.id).join(', ')})`);
    chain.push(parent);
    cur = parent;
  }
  let acc: Record<string, unknown> = {};
  for (const p of chain.reverse()) acc = merged(acc, p as unknown as Record<string, unknown>);
  const { extends: _drop, ...rest } = acc as DeliveryProfile;
  return ok({ ...rest, id: profile.id, name: profile.name, owner: profile.owner, kind: profile.kind, edition: profile.edition, source: profile.source } as DeliveryProfile);
}

/** A built-in profile by id, or an error listing the known ids. */
export function specBuiltinProfile(id: string): Result<DeliveryProfile, string> {
  const p = SPEC_BUILTIN_PROFILES.find((x) => x.id === id);
  return p ? ok(p) : err(`no built-in profile "${id}"; known profiles: ${SPEC_BUILTIN_PROFILES.map((x) => x.id).join(', ')}`);
}
