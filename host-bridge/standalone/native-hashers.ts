import { createHash, type Hash } from 'node:crypto';
import { createRequire } from 'node:module';
import { c4IdOfDigest, type ChecksumAlgorithm, type ChecksumHasher, type ChecksumHasherFactory } from '@picturelock/core';

type XxhashModule = typeof import('@node-rs/xxhash');

let xxhash: XxhashModule | null | undefined;

/**
 * @node-rs/xxhash, which loads a prebuilt binary for this platform; undefined where it has none
 * (or it fails to load), so the xxHash formats fall back to hash-wasm.
 */
function xxhashModule(): XxhashModule | undefined {
  if (xxhash === undefined) {
    try {
      xxhash = createRequire(import.meta.url)('@node-rs/xxhash') as XxhashModule;
    } catch {
      xxhash = null;
    }
  }
  return xxhash ?? undefined;
}

/** A hasher over a native object; `init()` starts a fresh one (not every native state can be reset). */
function nativeHasher<T extends { update(chunk: Uint8Array): unknown }>(algorithm: ChecksumAlgorithm, start: () => T, text: (state: T) => string): ChecksumHasher {
  let state = start();
  const self: ChecksumHasher = {
    algorithm,
    init: () => {
      state = start();
      return self;
    },
    update: (chunk) => {
      state.update(chunk);
      return self;
    },
    digest: () => text(state),
  };
  return self;
}

/** OpenSSL's digest through node:crypto; undefined where OpenSSL refuses it (MD5 in FIPS mode). */
function cryptoHasher(algorithm: ChecksumAlgorithm, name: string, text: (digest: Buffer) => string): ChecksumHasher | undefined {
  try {
    return nativeHasher(algorithm, () => createHash(name), (h: Hash) => text(h.digest()));
  } catch {
    return undefined;
  }
}

/** A bigint or number digest as the canonical (big-endian) lowercase hex of `bytes` bytes. */
function hexOf(value: bigint | number, bytes: number): string {
  return value.toString(16).padStart(bytes * 2, '0');
}

/**
 * Native hashers for the Node host: OpenSSL (node:crypto) for MD5, SHA-1 and C4's SHA-512,
 * @node-rs/xxhash for XXH32, XXH64 and XXH3-64 (seed 0). Digests are the same text hash-wasm
 * gives. XXH128 has no streaming native hasher here and stays on hash-wasm, as does every
 * xxHash format when the binary cannot load.
 */
export const nativeChecksumHasher: ChecksumHasherFactory = (algorithm) => {
  switch (algorithm) {
    case 'md5':
      return cryptoHasher(algorithm, 'md5', (d) => d.toString('hex'));
    case 'sha1':
      return cryptoHasher(algorithm, 'sha1', (d) => d.toString('hex'));
    case 'c4':
      return cryptoHasher(algorithm, 'sha512', (d) => c4IdOfDigest(new Uint8Array(d.buffer, d.byteOffset, d.length)));
    case 'xxh64': {
      const x = xxhashModule();
      return x && nativeHasher(algorithm, () => new x.Xxh64(), (h) => hexOf(h.digest(), 8));
    }
    case 'xxh3': {
      const x = xxhashModule();
      return x && nativeHasher(algorithm, () => x.xxh3.Xxh3.withSeed(), (h) => hexOf(h.digest(), 8));
    }
    case 'xxh32': {
      const x = xxhashModule();
      return x && nativeHasher(algorithm, () => new x.Xxh32(), (h) => hexOf(h.digest(), 4));
    }
    case 'xxh128':
      return undefined;
  }
};
