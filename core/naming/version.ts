/**
 * Versions in names: the last `v<digits>` token that stands alone (`ABC_03_v003_20261120.mov`,
 * `chefs_table_s02e02_v04_...`). Names of one family are equal apart from their version and
 * their date (`YYYYMMDD` or `YYYY-MM-DD`), so a re-delivery dated later is still the same name.
 */
import { err, ok, type Result } from '../time/index.ts';
import { finding, type Finding } from '../findings/index.ts';

export interface NamingVersion {
  /** `v` or `V` as written. */
  readonly prefix: string;
  readonly digits: string;
  readonly number: number;
  /** 0-based offset of the prefix in the name. */
  readonly offset: number;
}

const VERSION = /(?<![A-Za-z0-9])([vV])(\d{1,9})(?!\d)/g;
const DATE = /(?<!\d)(\d{4}-?\d{2}-?\d{2})(?!\d)/g;

/** The version a name carries (its last standalone `v<digits>`), or undefined. */
export function namingVersionOf(name: string): NamingVersion | undefined {
  let last: RegExpExecArray | undefined;
  for (const m of name.matchAll(VERSION)) last = m;
  if (!last) return undefined;
  return { prefix: last[1]!, digits: last[2]!, number: Number(last[2]), offset: last.index };
}

/** The name with its version and dates blanked: equal keys mean one family. */
function familyKey(name: string): string | undefined {
  const v = namingVersionOf(name);
  if (!v) return undefined;
  const blanked = `${name.slice(0, v.offset)}\u0000${name.slice(v.offset + 1 + v.digits.length)}`;
  return blanked.replace(DATE, '\u0001').toLowerCase();
}

/** Version numbers of the names in `siblings` that belong to `name`'s family (itself excluded). */
export function namingSiblingVersions(name: string, siblings: readonly string[]): number[] {
  const key = familyKey(name);
  if (key === undefined) return [];
  return siblings.filter((s) => s !== name && familyKey(s) === key).map((s) => namingVersionOf(s)!.number);
}

export interface NamingBump {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  /** The highest version found in the family, this name included. */
  readonly newest: number;
}

/**
 * The next version of `name`: one above the highest version of its family among `siblings`
 * (so an existing version is never reused), written with the same padding (`v009` -> `v010`,
 * `v99` -> `v100`). A name without a version is a NAMING_VERSION_NOT_FOUND finding.
 */
export function bumpedNamingVersion(name: string, siblings: readonly string[]): Result<NamingBump, Finding> {
  const v = namingVersionOf(name);
  if (!v) return err(finding('NAMING_VERSION_NOT_FOUND', { name }));
  const newest = Math.max(v.number, ...namingSiblingVersions(name, siblings));
  const to = newest + 1;
  const digits = String(to).padStart(v.digits.length, '0');
  return ok({ name: `${name.slice(0, v.offset + 1)}${digits}${name.slice(v.offset + 1 + v.digits.length)}`, from: v.number, to, newest });
}
