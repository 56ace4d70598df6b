import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { byteReversedHex, c4IdOfDigest, checksumOf, createChecksumHasher, digestOfC4Id, hashBytes, type ChecksumAlgorithm } from '../../checksum/index.ts';
import { utf8Bytes, utf8Text, decodedXml } from '../../checksum/text.ts';

// Known answers: MD5 from RFC 1321 A.5, SHA-1 from RFC 3174 / FIPS 180 ("abc"), the xxHash family
// as xxhsum 0.8.1 prints them (-H0 XXH32, -H1 XXH64, -H2 XXH128, -H3 XXH3-64; seed 0, canonical
// big-endian), C4 IDs from the C4 reference implementation's cross-language vectors.
const VECTORS: Record<ChecksumAlgorithm, Record<string, string>> = {
  md5: { '': 'd41d8cd98f00b204e9800998ecf8427e', abc: '900150983cd24fb0d6963f7d28e17f72', 'message digest': 'f96b697d7cb7938d525a2f31aaf161d0' },
  sha1: { '': 'da39a3ee5e6b4b0d3255bfef95601890afd80709', abc: 'a9993e364706816aba3e25717850c26c9cd0d89d' },
  xxh32: { '': '02cc5d05', abc: '32d153ff' },
  xxh64: { '': 'ef46db3751d8e999', abc: '44bc2cf5ad770999', 'abcd\n': '0ea03b369a463d9d', 'def\n': '7680e5f98f4a80fd' },
  xxh3: { '': '2d06800538d394c2', abc: '78af5f94892f3950' },
  xxh128: { '': '99aa06d3014798d86001c324468d497f', abc: '06b05ab6733a618578af5f94892f3950' },
  c4: {
    '': 'c459dsjfscH38cYeXXYogktxf4Cd9ibshE3BHUo6a58hBXmRQdZrAkZzsWcbWtDg5oQstpDuni4Hirj75GEmTc1sFT',
    foo: 'c45xZeXwMSpqXjpDumcHMA6mhoAmGHkUo7r9WmN2UgSEQzj9KjgseaQdkEJ11fGb5S1WEENcV3q8RFWwEeVpC7Fjk2',
    a: 'c41dF3bGD8iqVcrJJQpS6fEsVgg9iKeNHGCCEhK2C2cGYRm2dx8xeFU1wKbkBsCWdefaz82KeyfbBf8Pfkpm4C56cc',
    'hello world': 'c41yP4cqy7jmaRDzC2bmcGNZkuQb3VdftMk6YH7ynQ2Qw4zktKsyA9fk52xghNQNAdkpF9iFmFkKh2bNVG4kDWhsok',
  },
};

describe('hash formats: known answers', () => {
  for (const [algorithm, cases] of Object.entries(VECTORS) as [ChecksumAlgorithm, Record<string, string>][]) {
    for (const [input, expected] of Object.entries(cases)) {
      it(`${algorithm}(${JSON.stringify(input)}) = ${expected.slice(0, 20)}`, async () => {
        expect(await checksumOf(algorithm, utf8Bytes(input))).toBe(expected);
      });
    }
  }

  it('c4 of SHA-512("abc"): the digest round-trips through the ID', async () => {
    const id = await checksumOf('c4', utf8Bytes('abc'));
    expect(id).toHaveLength(90);
    const digest = digestOfC4Id(id)!;
    expect(Array.from(digest.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('')).toBe('ddaf35a1');
    expect(c4IdOfDigest(digest)).toBe(id);
  });

  it('an all-zero digest pads to 88 ones; an ID past 512 bits is refused', () => {
    expect(c4IdOfDigest(new Uint8Array(64))).toBe(`c4${'1'.repeat(88)}`);
    expect(digestOfC4Id(`c4${'z'.repeat(88)}`)).toBeUndefined();
    expect(digestOfC4Id('c4short')).toBeUndefined();
    expect(() => c4IdOfDigest(new Uint8Array(32))).toThrow(/64-byte/);
  });

  it('legacy <xxhash64> is the XXH64 digest byte-reversed; <xxhash> is XXH32 in decimal', () => {
    // mhl_verify_generic/generic.mhl lists file0.txt as e338d99e661114f6; xxhsum says f61411669ed938e3.
    expect(byteReversedHex('f61411669ed938e3')).toBe('e338d99e661114f6');
    expect(hashBytes('xxh64', '0ea03b369a463d9d')).toEqual(Uint8Array.from([0x0e, 0xa0, 0x3b, 0x36, 0x9a, 0x46, 0x3d, 0x9d]));
    expect(hashBytes('md5', 'zz')).toBeUndefined();
  });
});

describe('hash formats: streaming', () => {
  const algorithms: ChecksumAlgorithm[] = ['md5', 'sha1', 'xxh32', 'xxh64', 'xxh3', 'xxh128', 'c4'];
  it('any split into chunks gives the one-shot digest, and init() resets', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 700 }), fc.array(fc.nat({ max: 700 }), { maxLength: 6 }), fc.constantFrom(...algorithms), async (bytes, cuts, algorithm) => {
        const h = await createChecksumHasher(algorithm);
        h.update(utf8Bytes('left over from before'));
        h.init();
        const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
        let at = 0;
        for (const p of [...points, bytes.length]) {
          h.update(bytes.subarray(at, p));
          at = p;
        }
        expect(h.digest()).toBe(await checksumOf(algorithm, bytes));
      }),
      { numRuns: 60 },
    );
  });
});

describe('text decoding without TextDecoder', () => {
  it('UTF-8 both ways, including astral and malformed bytes', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => utf8Text(utf8Bytes(s)) === s));
    expect(utf8Text(Uint8Array.from([0x61, 0xff, 0x62]))).toBe('a\ufffdb');
    expect(Array.from(utf8Bytes('日\u{1F3AC}'))).toEqual([0xe6, 0x97, 0xa5, 0xf0, 0x9f, 0x8e, 0xac]);
  });

  it('XML encodings by BOM, byte pattern and declaration', () => {
    const le16 = Uint8Array.from([...'<?xml?><a>é</a>'].flatMap((c) => [c.charCodeAt(0) & 255, c.charCodeAt(0) >> 8]));
    expect(decodedXml(le16)).toEqual({ ok: true, text: '<?xml?><a>é</a>', encoding: 'UTF-16LE' });
    const le32 = Uint8Array.from([0xff, 0xfe, 0, 0, ...[...'<b/>'].flatMap((c) => [c.charCodeAt(0), 0, 0, 0])]);
    expect(decodedXml(le32)).toEqual({ ok: true, text: '<b/>', encoding: 'UTF-32LE' });
    const eucjp = utf8Bytes('<?xml version="1.0" encoding="EUC-JP"?><a/>');
    expect(decodedXml(eucjp)).toEqual({ ok: false, encoding: 'EUC-JP' });
    expect(decodedXml(eucjp, (_b, label) => `decoded as ${label}`)).toEqual({ ok: true, text: 'decoded as EUC-JP', encoding: 'EUC-JP' });
  });
});
