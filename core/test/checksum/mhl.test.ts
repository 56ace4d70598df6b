import { describe, expect, it } from 'vitest';
import { createMhlGeneration, ignoreMatcher, readLegacyMhl, readMhlChain, readMhlManifest, verifyMhl, writeMhlManifest, mhlGenerationFileName } from '../../checksum/index.ts';
import { MemoryFs } from './memory-fs.ts';

const NOW = Date.UTC(2020, 0, 16, 9, 15);
const OPTS = { now: NOW, hostName: 'myHost.local', tool: { name: 'ascmhl.py', version: '0.3 alpha' } };

/** The card of the ASC MHL scenarios: two clips (`abcd\n`, `def\n`) and a sidecar. */
function card(): MemoryFs {
  const fs = new MemoryFs();
  fs.put('A002R2EC/Clips/A002C006_141024_R2EC.mov', 'abcd\n');
  fs.put('A002R2EC/Clips/A002C007_141024_R2EC.mov', 'def\n');
  fs.put('A002R2EC/Sidecar.txt', 'sidecar of card A002R2EC\n');
  return fs;
}

const brief = (fs: { code: string; where: { file?: string } }[]) => fs.map((f) => `${f.code} ${f.where.file ?? ''}`);

describe('ASC MHL create and verify over an injected file system', () => {
  it('a first generation records xxh64 originals and the directory hashes of the ASC scenario (spec Appendix G)', async () => {
    const fs = card();
    const r = await createMhlGeneration(fs, 'A002R2EC', OPTS);
    expect(r.written).toEqual(['ascmhl/0001_A002R2EC_2020-01-16_091500Z.mhl']);
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({ original: 3, verified: 0, failed: 0, missing: 0, bytes: 34 });
    const m = readMhlManifest(fs.text('A002R2EC/ascmhl/0001_A002R2EC_2020-01-16_091500Z.mhl'), 'gen1').value!;
    const clips = m.entries.find((e) => e.kind === 'directory')!;
    expect(clips).toMatchObject({ kind: 'directory', directory: { path: 'Clips', content: [{ algorithm: 'xxh64', value: '4c226b42e27d7af3' }], structure: [{ algorithm: 'xxh64', value: '906faa843d591a9f' }] } });
    expect(m.entries.filter((e) => e.kind === 'file').map((e) => (e.kind === 'file' ? [e.file.path, e.file.hashes[0]!.value, e.file.hashes[0]!.action] : []))).toEqual([
      ['Clips/A002C006_141024_R2EC.mov', '0ea03b369a463d9d', 'original'],
      ['Clips/A002C007_141024_R2EC.mov', '7680e5f98f4a80fd', 'original'],
      ['Sidecar.txt', 'b7047ed1bb45ccf3', 'original'], // xxhsum -H1 of the same bytes,
    ]);
    const chain = readMhlChain(fs.text('A002R2EC/ascmhl/ascmhl_chain.xml'), 'chain').value!;
    expect(chain).toHaveLength(1);
    expect(chain[0]).toMatchObject({ sequenceNr: 1, path: '0001_A002R2EC_2020-01-16_091500Z.mhl' });

    const v = await verifyMhl(fs, 'A002R2EC');
    expect(v.findings).toEqual([]);
    expect(v.summary).toMatchObject({ histories: 1, generations: 1, verified: 3, changed: 0, missing: 0, extra: 0 });
  });

  it('one changed byte fails that file only; the folder hashes above it are not reported twice', async () => {
    const fs = card();
    await createMhlGeneration(fs, 'A002R2EC', OPTS);
    fs.put('A002R2EC/Clips/A002C007_141024_R2EC.mov', 'deg\n');
    const v = await verifyMhl(fs, 'A002R2EC');
    expect(v.findings.map((f) => [f.code, f.where.file, f.expected, f.actual])).toEqual([['MHL_FILE_CHANGED', 'Clips/A002C007_141024_R2EC.mov', '7680e5f98f4a80fd', expect.stringMatching(/^[0-9a-f]{16}$/)]]);
    expect(v.summary).toMatchObject({ verified: 2, changed: 1 });
  });

  it('an added file is extra, a removed one missing; a second generation records failures and never overwrites', async () => {
    const fs = card();
    await createMhlGeneration(fs, 'A002R2EC', OPTS);
    fs.put('A002R2EC/Clips/A002C008_141024_R2EC.mov', 'new\n');
    fs.files.delete('A002R2EC/Sidecar.txt');
    const v = await verifyMhl(fs, 'A002R2EC');
    expect(brief(v.findings as never)).toEqual(['MHL_FILE_MISSING Sidecar.txt', 'MHL_FILE_EXTRA Clips/A002C008_141024_R2EC.mov']);

    const again = await createMhlGeneration(fs, 'A002R2EC', OPTS);
    expect(brief(again.findings as never)).toEqual(['MHL_FILE_MISSING Sidecar.txt']);
    expect(again.written).toEqual(['ascmhl/0002_A002R2EC_2020-01-16_091500Z.mhl']);
    expect(again.summary).toMatchObject({ original: 1, verified: 2, missing: 1 });
    // Same second again: the name is taken by 0002's sequence + time, so 0003 is written beside it.
    const third = await createMhlGeneration(fs, 'A002R2EC', OPTS);
    expect(third.written).toEqual(['ascmhl/0003_A002R2EC_2020-01-16_091500Z.mhl']);
  });

  it('a generation edited after writing breaks the chain (C4 mismatch)', async () => {
    const fs = card();
    await createMhlGeneration(fs, 'A002R2EC', OPTS);
    const path = 'A002R2EC/ascmhl/0001_A002R2EC_2020-01-16_091500Z.mhl';
    fs.put(path, fs.text(path).replace('0ea03b369a463d9d', '0ea03b369a463d9e'));
    const v = await verifyMhl(fs, 'A002R2EC');
    expect(v.findings.map((f) => f.code)).toEqual(['MHL_GENERATION_MODIFIED', 'MHL_FILE_CHANGED']);
  });

  it('a generation already on disk under the next name is never overwritten', async () => {
    const fs = card();
    fs.put(`A002R2EC/ascmhl/${mhlGenerationFileName(1, 'A002R2EC', NOW)}`, 'someone else wrote this');
    fs.put('A002R2EC/ascmhl/ascmhl_chain.xml', '<?xml version="1.0"?><ascmhldirectory xmlns="urn:ASC:MHL:DIRECTORY:v2.0"></ascmhldirectory>');
    const r = await createMhlGeneration(fs, 'A002R2EC', OPTS);
    // The unchained file takes number 1, so the new generation is 0002; the stray file stays as it was.
    expect(r.written).toEqual(['ascmhl/0002_A002R2EC_2020-01-16_091500Z.mhl']);
    expect(fs.text('A002R2EC/ascmhl/0001_A002R2EC_2020-01-16_091500Z.mhl')).toBe('someone else wrote this');
    expect(r.findings.map((f) => f.code)).toEqual(['MHL_GENERATION_UNCHAINED', 'MHL_XML_INVALID']);
  });

  it('nested histories: the parent references the children’s new generations by C4', async () => {
    const fs = card();
    fs.put('Reels/A002R2EC/Sidecar.txt', 'x\n');
    fs.put('Reels/A003R2EC/Clips/A003C011.mov', 'ghij\n');
    await createMhlGeneration(fs, 'Reels/A002R2EC', OPTS);
    await createMhlGeneration(fs, 'Reels/A003R2EC', OPTS);
    fs.put('Reels/Summary.txt', 'summary\n');
    const r = await createMhlGeneration(fs, 'Reels', { ...OPTS, now: Date.UTC(2020, 0, 17, 14, 30) });
    expect(r.written).toEqual([
      'A002R2EC/ascmhl/0002_A002R2EC_2020-01-17_143000Z.mhl',
      'A003R2EC/ascmhl/0002_A003R2EC_2020-01-17_143000Z.mhl',
      'ascmhl/0001_Reels_2020-01-17_143000Z.mhl',
    ]);
    const parent = readMhlManifest(fs.text('Reels/ascmhl/0001_Reels_2020-01-17_143000Z.mhl'), 'p').value!;
    expect(parent.references.map((x) => x.path)).toEqual(r.written.slice(0, 2));
    expect(parent.entries.map((e) => (e.kind === 'file' ? e.file.path : `dir ${e.directory.path}`))).toEqual(['Summary.txt', 'dir A002R2EC', 'dir A003R2EC']);
    const v = await verifyMhl(fs, 'Reels');
    expect(v.findings).toEqual([]);
    expect(v.summary).toMatchObject({ histories: 3, generations: 5, verified: 3 });
    fs.put('Reels/A003R2EC/Clips/A003C011.mov', 'ghiJ\n');
    expect(brief((await verifyMhl(fs, 'Reels')).findings as never)).toEqual(['MHL_FILE_CHANGED A003R2EC/Clips/A003C011.mov']);
  });

  it('ignore patterns: names anywhere, folders only with a slash, anchored paths', () => {
    const m = ignoreMatcher(['.DS_Store', 'ascmhl/', '*.tmp', '/cache']);
    expect([m('Clips/.DS_Store', false), m('x/ascmhl', true), m('x/ascmhl', false), m('a/b.tmp', false), m('cache', true), m('a/cache', true)]).toEqual([true, true, false, true, true, false]);
  });
});

describe('MHL XML reading', () => {
  it('DOCTYPE and entity declarations are refused with their line', () => {
    const r = readMhlManifest('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<hashlist version="2.0"/>', 'evil.mhl');
    expect(r.value).toBeUndefined();
    expect(r.findings.map((f) => [f.code, f.where.line])).toEqual([['MHL_XML_ENTITY_REFUSED', 2]]);
  });

  it('paths climbing out of the managed folder are not followed', () => {
    const xml = '<hashlist version="2.0" xmlns="urn:ASC:MHL:v2.0"><hashes><hash><path size="1">../../etc/passwd</path><md5 action="original">00</md5></hash></hashes></hashlist>';
    expect(readMhlManifest(xml, 'm.mhl').findings.map((f) => f.code)).toEqual(['MHL_PATH_UNSAFE']);
  });

  it('write -> read keeps every field, escapes included', () => {
    const m = readMhlManifest(
      writeMhlManifest({
        creator: { creationDate: '2020-01-16T09:15:00+00:00', hostName: 'h', tool: { name: 'picturelock', version: '1' }, authors: [{ name: 'A & B', email: 'a@b' }], comment: 'x < y' },
        process: { process: 'in-place', ignore: ['.DS_Store'] },
        entries: [{ kind: 'file', file: { path: 'R&D/a "b".mov', size: 5, hashes: [{ algorithm: 'xxh128', value: '99aa06d3014798d86001c324468d497f', action: 'original', hashDate: 'd' }] } }],
        references: [],
      }),
      'rt.mhl',
    );
    expect(m.findings).toEqual([]);
    expect(m.value!.creator.authors).toEqual([{ name: 'A & B', email: 'a@b' }]);
    expect(m.value!.creator.comment).toBe('x < y');
    expect(m.value!.entries).toEqual([{ kind: 'file', file: { path: 'R&D/a "b".mov', size: 5, hashes: [{ algorithm: 'xxh128', value: '99aa06d3014798d86001c324468d497f', action: 'original', hashDate: 'd' }] } }]);
  });

  it('legacy v1.x: every mhl-tool hash element is read', () => {
    const r = readLegacyMhl(
      '<hashlist version="1.1"><creatorinfo><tool>mhl ver. 0.2.32</tool></creatorinfo><hash><file>a.txt</file><size>3</size><xxhash>0032d153</xxhash><xxhash64be>44bc2cf5ad770999</xxhash64be></hash><hash><file>b</file><null></null></hash></hashlist>',
      'x.mhl',
    );
    expect(r.value).toEqual({
      version: '1.1',
      tool: 'mhl ver. 0.2.32',
      entries: [
        { file: 'a.txt', size: 3, hashes: [{ format: 'xxhash', value: '0032d153' }, { format: 'xxhash64be', value: '44bc2cf5ad770999' }] },
        { file: 'b', hashes: [{ format: 'null', value: '' }] },
      ],
    });
  });
});
