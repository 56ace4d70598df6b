import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checksumOf, ChecksumHasherPool, hashedFiles, type ChecksumAlgorithm } from '@picturelock/core';
import { nodeChecksumFs } from '@picturelock/host-bridge';

const native = nodeChecksumFs().hashers!;
const utf8 = (s: string) => new TextEncoder().encode(s);

// The same known answers as core's hash-wasm tests: RFC 1321 (MD5), RFC 3174 (SHA-1), xxhsum
// 0.8.1 (-H0 XXH32, -H1 XXH64, -H3 XXH3-64; seed 0, canonical big-endian), the C4 reference vectors.
const VECTORS: [ChecksumAlgorithm, string, string][] = [
  ['md5', '', 'd41d8cd98f00b204e9800998ecf8427e'],
  ['md5', 'message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
  ['sha1', 'abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
  ['xxh32', '', '02cc5d05'],
  ['xxh32', 'abc', '32d153ff'],
  ['xxh64', '', 'ef46db3751d8e999'],
  ['xxh64', 'abcd\n', '0ea03b369a463d9d'],
  ['xxh3', '', '2d06800538d394c2'],
  ['xxh3', 'abc', '78af5f94892f3950'],
  ['c4', 'hello world', 'c41yP4cqy7jmaRDzC2bmcGNZkuQb3VdftMk6YH7ynQ2Qw4zktKsyA9fk52xghNQNAdkpF9iFmFkKh2bNVG4kDWhsok'],
];

describe('native hashers (node:crypto, @node-rs/xxhash)', () => {
  for (const [algorithm, input, expected] of VECTORS) {
    it(`${algorithm}(${JSON.stringify(input)}) = ${expected.slice(0, 20)}`, () => {
      const h = native(algorithm)!;
      expect(h.algorithm).toBe(algorithm);
      expect(h.update(utf8(input)).digest()).toBe(expected);
    });
  }

  it('xxh128 has no streaming native hasher, so the pool gives hash-wasm', async () => {
    expect(native('xxh128')).toBeUndefined();
    expect(await new ChecksumHasherPool(native).hashOf('xxh128', utf8('abc'))).toBe('06b05ab6733a618578af5f94892f3950');
  });

  it('any split into chunks gives hash-wasm digest, and init() resets', async () => {
    const algorithms: ChecksumAlgorithm[] = ['md5', 'sha1', 'xxh32', 'xxh64', 'xxh3', 'c4'];
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.nat({ max: 2000 }), { maxLength: 6 }), fc.constantFrom(...algorithms), async (bytes, cuts, algorithm) => {
        const h = native(algorithm)!;
        h.update(utf8('left over from before')).digest();
        h.init();
        let at = 0;
        for (const p of [...[...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b), bytes.length]) {
          h.update(bytes.subarray(at, p));
          at = p;
        }
        expect(h.digest()).toBe(await checksumOf(algorithm, bytes));
      }),
      { numRuns: 80 },
    );
  });
});

describe('nodeChecksumFs: hashing reads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'picturelock-native-hash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // 1,000 bytes in 64-byte chunks: 15 full chunks, a 40-byte tail, so the two read buffers alternate.
  const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 131 + 7) & 255);
  const file = join(dir, 'clip.bin');
  writeFileSync(file, bytes);

  it('a transient read yields every byte in order; a collecting read keeps each chunk its own', async () => {
    const fs = nodeChecksumFs({ chunkSize: 64 });
    const copied: number[] = [];
    let chunks = 0;
    for await (const c of fs.read(file, { transient: true })) {
      copied.push(...c);
      chunks++;
    }
    expect(chunks).toBe(16);
    expect(Uint8Array.from(copied)).toEqual(bytes);
    const kept: Uint8Array[] = [];
    for await (const c of fs.read(file)) kept.push(c);
    expect(kept.map((c) => c.length)).toEqual([...Array(15).fill(64), 40]);
    expect(Uint8Array.from(kept.flatMap((c) => [...c]))).toEqual(bytes);
  });

  it('a transient read left early closes its file, and the next read starts from the top', async () => {
    const fs = nodeChecksumFs({ chunkSize: 64 });
    for await (const c of fs.read(file, { transient: true })) {
      expect(c[0]).toBe(bytes[0]);
      break;
    }
    const [again] = await hashedFiles(fs, [{ path: file, label: 'clip.bin', size: bytes.length, algorithms: new Set(['xxh64']) }], new ChecksumHasherPool(fs.hashers));
    expect(again).toEqual({ ok: true, hashes: new Map([['xxh64', await checksumOf('xxh64', bytes)]]), bytes: 1000 });
  });

  it('hashedFiles gives the same digests with native hashers and with hash-wasm only', async () => {
    const algorithms = new Set<ChecksumAlgorithm>(['md5', 'sha1', 'xxh64', 'xxh3', 'xxh128', 'c4']);
    const job = [{ path: file, label: 'clip.bin', size: bytes.length, algorithms }];
    const fast = nodeChecksumFs({ chunkSize: 64 });
    const wasm = nodeChecksumFs({ chunkSize: 64, wasmHashersOnly: true });
    expect(wasm.hashers).toBeUndefined();
    const [a] = await hashedFiles(fast, job, new ChecksumHasherPool(fast.hashers));
    const [b] = await hashedFiles(wasm, job, new ChecksumHasherPool(wasm.hashers));
    expect(a).toEqual(b);
    expect(a).toMatchObject({ ok: true, bytes: 1000 });
    if (a?.ok) expect(a.hashes.get('md5')).toBe(await checksumOf('md5', bytes));
  });
});
