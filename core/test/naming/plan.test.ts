import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bumpedNamingVersion, namingSiblingVersions, namingVersionOf } from '../../naming/version.ts';
import { invertedNamingSteps, plannedNamingRenames, type NamingRenameStep } from '../../naming/plan.ts';
import { ok, err } from '../../time/index.ts';
import { finding } from '../../findings/index.ts';

describe('versions', () => {
  it('finds the last standalone version token', () => {
    expect(namingVersionOf('ABC_03_v003_20261120.mov')).toEqual({ prefix: 'v', digits: '003', number: 3, offset: 7 });
    expect(namingVersionOf('chefs_table_s02e02_v04_PM.wav')).toMatchObject({ digits: '04', number: 4 });
    expect(namingVersionOf('dev2_render.mov')).toBeUndefined();
  });

  it('bumps past the highest version of the family, keeping the padding', () => {
    const siblings = ['ABC_03_v003_20261120.mov', 'ABC_03_v004_20261121.mov', 'ABC_04_v009_20261121.mov', 'ABC_03_v002_20261101.wav'];
    expect(namingSiblingVersions('ABC_03_v003_20261120.mov', siblings)).toEqual([4]);
    expect(bumpedNamingVersion('ABC_03_v003_20261120.mov', siblings)).toEqual({ ok: true, value: { name: 'ABC_03_v005_20261120.mov', from: 3, to: 5, newest: 4 } });
    expect(bumpedNamingVersion('ABC_04_v009_20261121.mov', siblings)).toMatchObject({ ok: true, value: { name: 'ABC_04_v010_20261121.mov' } });
    expect(bumpedNamingVersion('x_v99.mov', [])).toMatchObject({ ok: true, value: { name: 'x_v100.mov' } });
    expect(bumpedNamingVersion('final.mov', []).ok ? '' : (bumpedNamingVersion('final.mov', []) as { error: { message: string } }).error.message).toBe(
      '`final.mov` has no version number (such as v001) to bump',
    );
  });

  it('property: a bumped version never exists in the family', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: 2000 }), { minLength: 1, maxLength: 20 }), fc.nat({ max: 2000 }), (versions, mine) => {
        const name = `SHOW_v${String(mine).padStart(3, '0')}.mov`;
        const siblings = versions.map((v) => `SHOW_v${String(v).padStart(3, '0')}.mov`);
        const r = bumpedNamingVersion(name, siblings);
        expect(r.ok && !siblings.includes(r.value.name) && r.value.to > Math.max(mine, ...versions)).toBe(true);
      }),
    );
  });
});

const upper = (n: string) => ok(n.toUpperCase());

describe('rename plans', () => {
  it('lists renames, unchanged names, collisions and refusals', () => {
    const plan = plannedNamingRenames(
      ['a.mov', 'B.MOV', 'c.mov', 'C.mov', 'bad.mov', 'nul.txt'],
      (n) => (n === 'bad.mov' ? err([finding('NAMING_FIELD_MISSING', { field: 'show' })]) : upper(n)),
      { target: 'all' },
    );
    expect(plan.items.map((i) => [i.from, i.to, i.status, i.findings.map((f) => f.message)])).toEqual([
      ['B.MOV', 'B.MOV', 'unchanged', []],
      ['C.mov', 'C.MOV', 'collision', ['`C.mov` -> `C.MOV` collides with `c.mov` (renamed to the same name)']],
      ['a.mov', 'A.MOV', 'rename', []],
      ['bad.mov', undefined, 'refused', ['field `show` has no value (set it, or put its segment in [ ] to make it optional)']],
      ['c.mov', 'C.MOV', 'collision', ['`c.mov` -> `C.MOV` collides with `C.mov` (renamed to the same name)']],
      ['nul.txt', 'NUL.TXT', 'refused', ['`NUL.TXT`: `NUL` is a reserved device name on Windows']],
    ]);
    expect(plan.steps).toEqual([{ from: 'a.mov', to: 'A.MOV' }]);
  });

  it('never renames onto a file that stays', () => {
    const plan = plannedNamingRenames(['one.mov', 'two.mov'], (n) => ok(n === 'one.mov' ? 'two.mov' : n), { target: 'all' });
    expect(plan.items.map((i) => [i.from, i.status, i.findings.map((f) => f.message)])).toEqual([
      ['one.mov', 'collision', ['`one.mov` -> `two.mov` collides with the existing `two.mov`, which stays']],
      ['two.mov', 'unchanged', []],
    ]);
    expect(plan.steps).toEqual([]);
  });

  it('orders a chain so each name is freed before it is taken, and refuses cycles', () => {
    const chain = plannedNamingRenames(['v1.mov', 'v2.mov', 'v3.mov'], (n) => ok(n.replace(/\d/, (d) => String(Number(d) + 1))), { target: 'all' });
    expect(chain.steps).toEqual([
      { from: 'v3.mov', to: 'v4.mov' },
      { from: 'v2.mov', to: 'v3.mov' },
      { from: 'v1.mov', to: 'v2.mov' },
    ]);
    const cycle = plannedNamingRenames(['a', 'b'], (n) => ok(n === 'a' ? 'b' : 'a'), { target: 'all' });
    expect(cycle.items.map((i) => [i.status, i.findings.map((f) => f.code)])).toEqual([
      ['collision', ['NAMING_RENAME_CYCLE']],
      ['collision', ['NAMING_RENAME_CYCLE']],
    ]);
    expect(cycle.steps).toEqual([]);
  });

  it('property: applying a plan then its inverse restores the folder, and never overwrites', () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[a-d]{1,3}\.mov$/), { minLength: 1, maxLength: 12, selector: (n) => n.toLowerCase() });
    fc.assert(
      fc.property(names, fc.func(fc.stringMatching(/^[a-d]{1,3}\.mov$/)), (folder, rename) => {
        const plan = plannedNamingRenames(folder, (n) => ok(rename(n)), { target: 'all' });
        const disk = new Set(folder);
        const run = (steps: readonly NamingRenameStep[]) => {
          for (const s of steps) {
            expect(disk.has(s.from)).toBe(true);
            expect([...disk].some((d) => d.toLowerCase() === s.to.toLowerCase() && d !== s.from)).toBe(false);
            disk.delete(s.from);
            disk.add(s.to);
          }
        };
        run(plan.steps);
        for (const i of plan.items) expect(disk.has(i.status === 'rename' ? i.to! : i.from)).toBe(true);
        run(invertedNamingSteps(plan.steps));
        expect([...disk].sort()).toEqual([...folder].sort());
      }),
      { numRuns: 500 },
    );
  });
});
