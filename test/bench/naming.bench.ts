import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkNamingConvention, expandNamingTemplate, namingConventionById, namingTemplateOf, ok, parseNamingName, plannedNamingRenames } from '@picturelock/core';
import { applyRenameSteps, undoRenameJournal } from '@picturelock/host-bridge';
import type { Bench } from './harness.ts';

const HOUSE = namingTemplateOf('{show}_{episode:02}[_{desc}]_{version:v03}_{date:YYYYMMDD}');
const N = 10_000;
const names = Array.from({ length: N }, (_, i) => `ABC_${String(i % 100).padStart(2, '0')}_v${String(i).padStart(3, '0')}_20261120`);
const dcnc = namingConventionById('dcnc')!;
const DCNC_NAME = 'MovieTitle_FTR_F_EN-XX_INT_51_2K_NULL_20230622_NUL_SMPTE_OV';
const files = Array.from({ length: N }, (_, i) => `clip_${String(i).padStart(5, '0')}.mov`);

const RENAME_FILES = 1000;
let dir = '';

export const benches: Bench[] = [
  {
    operation: 'naming expand house template',
    size: `${N.toLocaleString('en-US')} names`,
    unitsPerRun: N,
    run: () => {
      for (let i = 0; i < N; i++) expandNamingTemplate(HOUSE, { show: 'ABC', episode: i % 100, version: i, date: '2026-11-20' });
    },
  },
  {
    operation: 'naming parse house names',
    size: `${N.toLocaleString('en-US')} names`,
    unitsPerRun: N,
    run: () => {
      for (const n of names) parseNamingName(HOUSE, n);
    },
  },
  {
    operation: 'naming check DCNC name (12 fields, 2 generations)',
    size: '1,000 names',
    unitsPerRun: 1000,
    run: () => {
      for (let i = 0; i < 1000; i++) checkNamingConvention(DCNC_NAME, dcnc);
    },
  },
  {
    operation: 'naming rename plan',
    size: `${N.toLocaleString('en-US')} files`,
    unitsPerRun: N,
    iterations: 5,
    run: () => plannedNamingRenames(files, (n) => ok(n.replace('clip_', 'SHOT_')), { target: 'all' }),
  },
  {
    operation: 'naming rename apply + undo on disk (journalled, fsync per step)',
    size: `${RENAME_FILES.toLocaleString('en-US')} files`,
    unitsPerRun: RENAME_FILES * 2,
    iterations: 3,
    warmup: 0,
    setup: () => {
      dir = mkdtempSync(join(tmpdir(), 'picturelock-bench-rename-'));
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      for (let i = 0; i < RENAME_FILES; i++) writeFileSync(join(dir, `clip_${String(i).padStart(4, '0')}.mov`), '');
    },
    run: () => {
      const current = readdirSync(dir).filter((n) => !n.startsWith('.'));
      const plan = plannedNamingRenames(current, (n) => ok(n.replace('clip_', 'SHOT_')), { target: 'all' });
      applyRenameSteps(dir, plan.steps, { label: 'bench', createdAt: '2026-11-20T00:00:00Z' });
      undoRenameJournal(dir);
    },
  },
];
