import { createMD5, createSHA1, createSHA512, createXXHash128, createXXHash3, createXXHash32, createXXHash64, type IHasher } from 'hash-wasm';

/**
 * The hash formats of ASC MHL v2 (spec Appendix D), each written in the manifest as its own
 * element name. `md5`/`sha1`/`xxh64`/`xxh3`/`xxh128` are lowercase hex of the canonical
 * (big-endian) digest, with seed 0 for the xxHash family; `c4` is the SMPTE ST 2114 C4 ID.
 */
export const MHL_ALGORITHMS = ['md5', 'sha1', 'xxh128', 'xxh3', 'xxh64', 'c4'] as const;
export type MhlAlgorithm = (typeof MHL_ALGORITHMS)[number];

/** Legacy MHL v1.x also records XXH32 (`<xxhash>`, decimal); only verification uses it. */
export type ChecksumAlgorithm = MhlAlgorithm | 'xxh32';

export function isMhlAlgorithm(name: string): name is MhlAlgorithm {
  return (MHL_ALGORITHMS as readonly string[]).includes(name);
}

/** An incremental hasher: `init()`, then `update()` once a chunk, then `digest()` in the MHL text form. */
export interface ChecksumHasher {
  readonly algorithm: ChecksumAlgorithm;
  init(): ChecksumHasher;
  update(chunk: Uint8Array): ChecksumHasher;
  /** Lowercase hex for the hex formats, the 90-character ID for `c4`; call `init()` before reuse. */
  digest(): string;
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** A C4 ID: `c4` then 88 base58 digits (the 512-bit SHA-512 digest, most significant digit first, left-padded with `1`). */
export const C4_ID_LENGTH = 90;

/** The C4 ID of a SHA-512 digest (SMPTE ST 2114): big-endian integer in base58, padded to 88 digits, prefixed `c4`. */
export function c4IdOfDigest(digest: Uint8Array): string {
  if (digest.length !== 64) throw new RangeError(`a C4 ID encodes a 64-byte SHA-512 digest, got ${digest.length} bytes`);
  let n = 0n;
  for (const byte of digest) n = (n << 8n) | BigInt(byte);
  let digits = '';
  while (n > 0n) {
    digits = BASE58[Number(n % 58n)]! + digits;
    n /= 58n;
  }
  return `c4${digits.padStart(88, '1')}`;
}

/** The 64 digest bytes of a C4 ID, or undefined when the text is not a C4 ID. */
export function digestOfC4Id(id: string): Uint8Array | undefined {
  if (id.length !== C4_ID_LENGTH || !id.startsWith('c4')) return undefined;
  let n = 0n;
  for (const ch of id.slice(2)) {
    const v = BASE58.indexOf(ch);
    if (v < 0) return undefined;
    n = n * 58n + BigInt(v);
  }
  if (n >> 512n) return undefined;
  const out = new Uint8Array(64);
  for (let i = 63; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

function wrap(algorithm: ChecksumAlgorithm, h: IHasher, text: (h: IHasher) => string): ChecksumHasher {
  const self: ChecksumHasher = {
    algorithm,
    init: () => (h.init(), self),
    update: (chunk) => (h.update(chunk), self),
    digest: () => text(h),
  };
  return self;
}

/** A fresh incremental hasher (hash-wasm: WebAssembly, no Node built-ins), already initialised. */
export async function createChecksumHasher(algorithm: ChecksumAlgorithm): Promise<ChecksumHasher> {
  const hex = (h: IHasher) => h.digest('hex');
  switch (algorithm) {
    case 'md5':
      return wrap(algorithm, (await createMD5()).init(), hex);
    case 'sha1':
      return wrap(algorithm, (await createSHA1()).init(), hex);
    case 'xxh64':
      return wrap(algorithm, (await createXXHash64()).init(), hex);
    case 'xxh3':
      return wrap(algorithm, (await createXXHash3()).init(), hex);
    case 'xxh128':
      return wrap(algorithm, (await createXXHash128()).init(), hex);
    case 'xxh32':
      return wrap(algorithm, (await createXXHash32()).init(), hex);
    case 'c4':
      return wrap(algorithm, (await createSHA512()).init(), (h) => c4IdOfDigest(h.digest('binary')));
  }
}

/**
 * Hashers a host supplies in place of hash-wasm (native code is several times faster on large
 * files): a fresh, initialised hasher giving the same digest text, or undefined for a format the
 * host does not have, which then uses hash-wasm.
 */
export type ChecksumHasherFactory = (algorithm: ChecksumAlgorithm) => ChecksumHasher | undefined;

/** One hasher a format, created once and re-initialised for every file of an operation. */
export class ChecksumHasherPool {
  private readonly made = new Map<ChecksumAlgorithm, Promise<ChecksumHasher>>();

  /** `native`: the host's hashers (`ChecksumFileSystem.hashers`), tried before hash-wasm. */
  constructor(private readonly native?: ChecksumHasherFactory) {}

  get(algorithm: ChecksumAlgorithm): Promise<ChecksumHasher> {
    let h = this.made.get(algorithm);
    if (!h) {
      const supplied = this.native?.(algorithm);
      this.made.set(algorithm, (h = supplied ? Promise.resolve(supplied) : createChecksumHasher(algorithm)));
    }
    return h;
  }

  /** The hash of bytes held in memory (directory hashes, manifests). */
  async hashOf(algorithm: ChecksumAlgorithm, bytes: Uint8Array): Promise<string> {
    const h = await this.get(algorithm);
    return h.init().update(bytes).digest();
  }
}

/** The hash of an in-memory byte string in the MHL text form. */
export async function checksumOf(algorithm: ChecksumAlgorithm, bytes: Uint8Array): Promise<string> {
  return (await createChecksumHasher(algorithm)).update(bytes).digest();
}

/** The bytes a hash string stands for (hex digits, or a C4 ID's digest); undefined when malformed. */
export function hashBytes(algorithm: ChecksumAlgorithm, text: string): Uint8Array | undefined {
  if (algorithm === 'c4') return digestOfC4Id(text);
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** `00ff…` as bytes reversed: legacy mhl-tool's `<xxhash64>` holds the XXH64 digest in little-endian byte order. */
export function byteReversedHex(hex: string): string {
  return (hex.match(/../g) ?? []).reverse().join('');
}
