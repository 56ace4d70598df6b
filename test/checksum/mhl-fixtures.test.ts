import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { checksumOf, createMhlGeneration, readMhlChain, readMhlManifest, verifyMhl, type MhlVerifySummary } from '@picturelock/core';
import { nodeChecksumFs } from '@picturelock/host-bridge';
import { describeFixtures, fixturePath, readFixtureBytes, readFixtureText } from '@picturelock/test';

const fs = nodeChecksumFs();
const S = 'mhl/ascmhl/scenarios';
const TOOL = { hostName: 'myHost.local', tool: { name: 'ascmhl.py', version: '0.3 alpha' } };

function temp(): string {
  return mkdtempSync(join(tmpdir(), 'picturelock-mhl-'));
}

/** Gives each copied file and folder the lastmodificationdate the reference manifest recorded (cpSync does not keep times). */
function timesFrom(manifestRel: string, root: string): void {
  const m = readMhlManifest(readFixtureText(manifestRel), manifestRel).value!;
  for (const e of m.entries) {
    const { path, lastModificationDate } = e.kind === 'file' ? e.file : e.directory;
    if (lastModificationDate) utimesSync(join(root, path), new Date(lastModificationDate), new Date(lastModificationDate));
  }
}

describeFixtures('ASC MHL scenarios verify as the catalog states', () => {
  // CATALOG.md: every manifest validates and re-hashing matches; every chain C4 matches.
  const cases: [string, Partial<MhlVerifySummary>][] = [
    ['scenario_01', { histories: 1, generations: 1, verified: 3 }],
    ['scenario_02', { histories: 2, generations: 3, verified: 6 }],
    ['scenario_03', { histories: 2, generations: 3, verified: 6 }],
    ['scenario_05', { histories: 5, generations: 7, verified: 13 }],
  ];
  for (const [scenario, summary] of cases) {
    it(`${scenario}: every file, chain and directory hash verifies, read-only`, async () => {
      const r = await verifyMhl(fs, fixturePath(`${S}/${scenario}`));
      expect(r.findings).toEqual([]);
      expect(r.summary).toMatchObject({ ...summary, changed: 0, missing: 0, extra: 0 });
    });
  }

  it('chain C4 IDs are SHA-512/base58 of the generation bytes (scenario_02 file_server)', async () => {
    const dir = `${S}/scenario_02/file_server/A002R2EC/ascmhl`;
    const chain = readMhlChain(readFixtureText(`${dir}/ascmhl_chain.xml`), 'chain').value!;
    for (const c of chain) expect(await checksumOf('c4', readFixtureBytes(`${dir}/${c.path}`))).toBe(c.c4);
    expect(chain.map((c) => c.c4.slice(0, 12))).toEqual(['c43qQABrjeiU', expect.any(String)]);
  });

  it('scenario_01: create on the bare card writes generation 0001 and the chain byte for byte', async () => {
    const t = temp();
    const card = join(t, 'A002R2EC');
    cpSync(fixturePath(`${S}/scenario_01/travel_01/A002R2EC`), card, { recursive: true });
    rmSync(join(card, 'ascmhl'), { recursive: true });
    timesFrom(`${S}/scenario_01/travel_01/A002R2EC/ascmhl/0001_A002R2EC_2020-01-16_091500Z.mhl`, card);
    const r = await createMhlGeneration(fs, card, { ...TOOL, algorithms: ['xxh64'], now: Date.UTC(2020, 0, 16, 9, 15) });
    expect(r.findings).toEqual([]);
    for (const f of ['0001_A002R2EC_2020-01-16_091500Z.mhl', 'ascmhl_chain.xml']) {
      expect(readFileSync(join(card, 'ascmhl', f), 'utf8')).toBe(readFixtureText(`${S}/scenario_01/travel_01/A002R2EC/ascmhl/${f}`));
    }
  });

  it('scenario_03: a second generation adding md5 matches the reference (md5 "verified", md5 directory hashes)', async () => {
    const t = temp();
    const card = join(t, 'A002R2EC');
    cpSync(fixturePath(`${S}/scenario_01/travel_01/A002R2EC`), card, { recursive: true });
    const gen2 = `${S}/scenario_03/file_server/A002R2EC/ascmhl/0002_A002R2EC_2020-01-17_143000Z.mhl`;
    timesFrom(gen2, card);
    const r = await createMhlGeneration(fs, card, { ...TOOL, algorithms: ['md5'], now: Date.UTC(2020, 0, 17, 14, 30) });
    expect(r.summary).toMatchObject({ verified: 3, original: 0, failed: 0 });
    expect(readFileSync(join(card, 'ascmhl', '0002_A002R2EC_2020-01-17_143000Z.mhl'), 'utf8')).toBe(readFixtureText(gen2));
    expect(readFileSync(join(card, 'ascmhl', 'ascmhl_chain.xml'), 'utf8')).toBe(readFixtureText(`${S}/scenario_03/file_server/A002R2EC/ascmhl/ascmhl_chain.xml`));
  });

  it('scenario_05: sealing the Reels folder writes both child generations and the parent with its references, byte for byte', async () => {
    const t = temp();
    const reels = join(t, 'Reels');
    cpSync(fixturePath(`${S}/scenario_05/travel_01/Reels`), reels, { recursive: true });
    cpSync(fixturePath(`${S}/scenario_05/file_server/Reels/Summary.txt`), join(reels, 'Summary.txt'));
    const server = `${S}/scenario_05/file_server/Reels`;
    timesFrom(`${server}/ascmhl/0001_Reels_2020-01-17_143000Z.mhl`, reels);
    timesFrom(`${server}/A002R2EC/ascmhl/0002_A002R2EC_2020-01-17_143000Z.mhl`, join(reels, 'A002R2EC'));
    timesFrom(`${server}/A003R2EC/ascmhl/0002_A003R2EC_2020-01-17_143000Z.mhl`, join(reels, 'A003R2EC'));
    const r = await createMhlGeneration(fs, reels, { ...TOOL, algorithms: ['xxh64'], now: Date.UTC(2020, 0, 17, 14, 30) });
    expect(r.written).toEqual(['A002R2EC/ascmhl/0002_A002R2EC_2020-01-17_143000Z.mhl', 'A003R2EC/ascmhl/0002_A003R2EC_2020-01-17_143000Z.mhl', 'ascmhl/0001_Reels_2020-01-17_143000Z.mhl']);
    for (const f of [...r.written, 'ascmhl/ascmhl_chain.xml', 'A002R2EC/ascmhl/ascmhl_chain.xml', 'A003R2EC/ascmhl/ascmhl_chain.xml']) {
      expect(readFileSync(join(reels, f), 'utf8'), f).toBe(readFixtureText(`${server}/${f}`));
    }
  });

  it('a corrupted byte fails that file only; an added file is extra, a deleted one missing', async () => {
    const t = temp();
    cpSync(fixturePath(`${S}/scenario_02/file_server`), t, { recursive: true });
    const clip = join(t, 'A002R2EC/Clips/A002C006_141024_R2EC.mov');
    const bytes = readFileSync(clip);
    bytes[2] = bytes[2]! ^ 1;
    writeFileSync(clip, bytes);
    const changed = await verifyMhl(fs, t);
    expect(changed.findings.map((f) => [f.code, f.where.file, f.expected])).toEqual([['MHL_FILE_CHANGED', 'A002R2EC/Clips/A002C006_141024_R2EC.mov', '0ea03b369a463d9d']]);
    expect(changed.summary).toMatchObject({ verified: 2, changed: 1 });

    writeFileSync(clip, 'abcd\n');
    writeFileSync(join(t, 'A002R2EC/Clips/A002C009_141024_R2EC.mov'), 'new\n');
    rmSync(join(t, 'A002R2EC/Sidecar.txt'));
    const moved = await verifyMhl(fs, t);
    expect(moved.findings.map((f) => `${f.code} ${f.where.file}`)).toEqual(['MHL_FILE_MISSING A002R2EC/Sidecar.txt', 'MHL_FILE_EXTRA A002R2EC/Clips/A002C009_141024_R2EC.mov']);
  });
});

describeFixtures('legacy MHL v1.x files verify as the catalog states', () => {
  const A = 'mhl/mhl-tool/aux_files';
  const all: [string, number][] = [
    ['aux_files_2012-11-24_103236.mhl', 1],
    ['aux_files_2012-12-01_183454.mhl', 2],
    ['aux_files_euc-jp_macln_Japanese_2012-12-15_180223.mhl', 2],
    ['aux_files_euc-jp_macln_日本人_2012-12-15_180223.mhl', 2],
    ['aux_files_iso-8859-15_unixln_Umlaute_2012-12-15_174005.mhl', 3],
    ['aux_files_utf-16le_macln_mixed_2012-12-14_165427.mhl', 14],
    ['aux_files_utf-32_unixln_mixed_2012-12-14_165427.mhl', 14],
    ['aux_files_utf-8_unixln_mixed_2012-12-14_165427.mhl', 14],
    ['aux_files_windows-1251_winln_Russian_2012-12-14_170634.mhl', 2],
    ['aux_files_windows-1251_winln_русский_2012-12-14_170634.mhl', 2],
    ['mhl_verify_generic/generic.mhl', 3],
    ['mhl_verify_md5/md5.mhl', 3],
    ['mhl_verify_null/null.mhl', 3],
    ['mhl_verify_sha1/sha1.mhl', 3],
    ['mhl_verify_xxhash/xxhash.mhl', 3],
    ['mhl_verify_xxhash64/xxhash64.mhl', 3],
    ['mhl_verify_xxhash64be/xxhash64be.mhl', 3],
  ];
  for (const [file, entries] of all) {
    it(`${file}: ${entries} entries verify`, async () => {
      const r = await verifyMhl(fs, fixturePath(`${A}/${file}`));
      expect(r.findings).toEqual([]);
      expect(r.summary).toMatchObject({ legacyFiles: 1, verified: entries, changed: 0, missing: 0 });
    });
  }

  for (const kind of ['md5', 'sha1', 'xxhash', 'xxhash64', 'xxhash64be']) {
    it(`mhl_verify_${kind}: "BROKEN" over the start of file1.txt fails that file only`, async () => {
      const t = temp();
      cpSync(fixturePath(`${A}/mhl_verify_${kind}`), t, { recursive: true });
      const f = join(t, 'file1.txt');
      const b = readFileSync(f);
      b.write('BROKEN', 0);
      writeFileSync(f, b);
      const r = await verifyMhl(fs, join(t, `${kind}.mhl`));
      expect(r.findings.map((x) => [x.code, x.where.file, x.params.algorithm])).toEqual([['MHL_FILE_CHANGED', 'file1.txt', kind]]);
    });
  }

  it('mhl_verify_generic: after deleting one payload file verify fails with it missing', async () => {
    const t = temp();
    cpSync(fixturePath(`${A}/mhl_verify_generic`), t, { recursive: true });
    rmSync(join(t, 'file2.txt'));
    const r = await verifyMhl(fs, t);
    expect(r.findings.map((x) => `${x.code} ${x.where.file}`)).toEqual(['MHL_FILE_MISSING file2.txt']);
  });
});
