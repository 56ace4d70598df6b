import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ok, plannedNamingRenames } from '@picturelock/core';
import { RENAME_JOURNAL_NAME, applyRenameSteps, readRenameJournal, undoRenameJournal } from '@picturelock/host-bridge';

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of readdirSync(dir).sort()) if (!n.startsWith('.')) out[n] = readFileSync(join(dir, n), 'utf8');
  return out;
}

describe('applying rename plans on disk', () => {
  it('property: a plan applied then undone restores the folder exactly (names and contents)', () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[a-e]{1,2}\.mov$/), { minLength: 1, maxLength: 10, selector: (n) => n.toLowerCase() });
    fc.assert(
      fc.property(names, fc.func(fc.stringMatching(/^[a-e]{1,2}\.mov$/)), (initial, rename) => {
        const dir = mkdtempSync(join(tmpdir(), 'picturelock-rename-prop-'));
        try {
          for (const n of initial) writeFileSync(join(dir, n), `content of ${n}`);
          const before = snapshot(dir);
          const plan = plannedNamingRenames(initial, (n) => ok(rename(n)), { target: 'all' });
          const applied = applyRenameSteps(dir, plan.steps, { label: 'prop', createdAt: '2026-11-20T00:00:00Z' });
          expect(applied).toEqual({ renamed: plan.steps.length, alreadyDone: 0, problems: [] });
          const expected: Record<string, string> = {};
          for (const i of plan.items) expected[i.status === 'rename' ? i.to! : i.from] = before[i.from]!;
          expect(snapshot(dir)).toEqual(expected);
          expect(undoRenameJournal(dir).problems).toEqual([]);
          expect(snapshot(dir)).toEqual(before);
          expect(readRenameJournal(dir)?.undone).toBe(true);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('writes the journal before the first rename and records each step', () => {
    const dir = mkdtempSync(join(tmpdir(), 'picturelock-rename-journal-'));
    writeFileSync(join(dir, 'a.mov'), 'a');
    writeFileSync(join(dir, 'b.mov'), 'b');
    applyRenameSteps(dir, [{ from: 'b.mov', to: 'c.mov' }, { from: 'a.mov', to: 'b.mov' }], { label: 'chain', createdAt: '2026-11-20T00:00:00Z' });
    expect(readFileSync(join(dir, RENAME_JOURNAL_NAME), 'utf8').split('\n')).toEqual([
      '{"kind":"header","schema":"NamingRenameJournal.1","createdAt":"2026-11-20T00:00:00Z","label":"chain","steps":[{"from":"b.mov","to":"c.mov"},{"from":"a.mov","to":"b.mov"}]}',
      '{"kind":"done","step":0}',
      '{"kind":"done","step":1}',
      '{"kind":"complete"}',
      '',
    ]);
    expect(snapshot(dir)).toEqual({ 'b.mov': 'a', 'c.mov': 'b' });
    // A later rename archives the finished journal rather than losing it.
    applyRenameSteps(dir, [{ from: 'c.mov', to: 'd.mov' }], { label: 'next', createdAt: '2026-11-21T00:00:00Z' });
    expect(readdirSync(dir).sort()).toEqual(['.picturelock-rename.1.jsonl', '.picturelock-rename.jsonl', 'b.mov', 'd.mov']);
  });

  it('stops rather than overwrite when a planned name is taken by another file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'picturelock-rename-blocked-'));
    writeFileSync(join(dir, 'a.mov'), 'a');
    writeFileSync(join(dir, 'b.mov'), 'someone else');
    const r = applyRenameSteps(dir, [{ from: 'a.mov', to: 'b.mov' }], { label: 'x', createdAt: '2026-11-20T00:00:00Z' });
    expect(r).toEqual({ renamed: 0, alreadyDone: 0, problems: ['`a.mov` -> `b.mov`: both names exist as different files; nothing was overwritten'] });
    expect(snapshot(dir)).toEqual({ 'a.mov': 'a', 'b.mov': 'someone else' });
  });
});
