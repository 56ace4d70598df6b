/**
 * Rename plans: old name -> new name for every file of one folder, as data. Nothing is
 * renamed here; `host-bridge` applies a plan with a journal. Names are compared the way the
 * strictest file system does (NFC, case-insensitive), so `a.mov` and `A.mov` collide.
 */
import type { Result } from '../time/index.ts';
import { finding, type Finding } from '../findings/index.ts';
import { namingComponentProblems, type NamingTargetOs } from './sanitize.ts';

export const NAMING_RENAME_PLAN_SCHEMA = 'NamingRenamePlan.1';

export type NamingRenameStatus = 'rename' | 'unchanged' | 'collision' | 'refused';

export interface NamingRenameItem {
  readonly from: string;
  /** The new name (undefined when none could be made). */
  readonly to: string | undefined;
  readonly status: NamingRenameStatus;
  readonly findings: readonly Finding[];
}

export interface NamingRenameStep {
  readonly from: string;
  readonly to: string;
}

export interface NamingRenamePlan {
  readonly schema: typeof NAMING_RENAME_PLAN_SCHEMA;
  /** Every file of the folder, in name order. */
  readonly items: readonly NamingRenameItem[];
  /** The renames, ordered so that no step needs a name another step has not yet freed. */
  readonly steps: readonly NamingRenameStep[];
}

/** The key two names collide on: NFC, case-folded. */
export function namingCollisionKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * Plans renaming `existing` (the names in one folder) to `newNameOf(name)`. A name whose new
 * name cannot be made, or would be illegal on `target`, is refused; two renames to one name,
 * a rename onto a file that stays, and cycles are collisions (both sides stay). Never throws.
 */
export function plannedNamingRenames(
  existing: readonly string[],
  newNameOf: (name: string) => Result<string, readonly Finding[]>,
  options: { target: NamingTargetOs },
): NamingRenamePlan {
  const names = [...existing].sort();
  const items = new Map<string, { to: string | undefined; status: NamingRenameStatus; findings: Finding[] }>();
  for (const from of names) {
    const r = newNameOf(from);
    if (!r.ok) {
      items.set(from, { to: undefined, status: 'refused', findings: [...r.error] });
      continue;
    }
    const problems = namingComponentProblems(r.value, options.target).filter((f) => f.severity === 'error');
    if (problems.length) items.set(from, { to: r.value, status: 'refused', findings: problems });
    else items.set(from, { to: r.value, status: r.value === from ? 'unchanged' : 'rename', findings: [] });
  }

  const collide = (from: string, other: string) => {
    const it = items.get(from)!;
    it.status = 'collision';
    it.findings.push(finding('NAMING_RENAME_COLLISION', { from, to: it.to!, other }));
  };

  let steps: NamingRenameStep[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    const moving = names.filter((n) => items.get(n)!.status === 'rename');
    // Names that stay where they are hold their key.
    const staying = new Map<string, string>();
    for (const n of names) if (items.get(n)!.status !== 'rename') staying.set(namingCollisionKey(n), n);
    const byTarget = new Map<string, string[]>();
    for (const n of moving) {
      const key = namingCollisionKey(items.get(n)!.to!);
      byTarget.set(key, [...(byTarget.get(key) ?? []), n]);
    }
    for (const n of moving) {
      const key = namingCollisionKey(items.get(n)!.to!);
      const holder = staying.get(key);
      const rivals = byTarget.get(key)!.filter((x) => x !== n);
      if (holder !== undefined && holder !== n) {
        collide(n, `the existing \`${holder}\`, which stays`);
        changed = true;
      } else if (rivals.length) {
        collide(n, `${rivals.map((r) => `\`${r}\``).join(', ')} (renamed to the same name)`);
        changed = true;
      }
    }
    if (changed) continue;

    // Order: a step waits while its target is still held by a source not yet moved.
    const pending = new Map<string, string>();
    for (const n of moving) pending.set(namingCollisionKey(n), n);
    steps = [];
    let progress = true;
    while (pending.size && progress) {
      progress = false;
      for (const [key, n] of [...pending]) {
        const holder = pending.get(namingCollisionKey(items.get(n)!.to!));
        if (holder === undefined || holder === n) {
          steps.push({ from: n, to: items.get(n)!.to! });
          pending.delete(key);
          progress = true;
        }
      }
    }
    for (const n of pending.values()) {
      const it = items.get(n)!;
      it.status = 'collision';
      it.findings.push(finding('NAMING_RENAME_CYCLE', { from: n, to: it.to! }));
      changed = true;
    }
  }
  return {
    schema: NAMING_RENAME_PLAN_SCHEMA,
    items: names.map((from) => ({ from, ...items.get(from)! })),
    steps,
  };
}

/** The steps that undo a plan's steps: each reversed, last first. */
export function invertedNamingSteps(steps: readonly NamingRenameStep[]): NamingRenameStep[] {
  return [...steps].reverse().map((s) => ({ from: s.to, to: s.from }));
}
