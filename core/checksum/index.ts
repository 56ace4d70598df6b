/**
 * Checksums: hash formats (xxh64, xxh3, xxh128, md5, sha1, C4) as incremental hashers, ASC MHL
 * v2 manifests and chains (read, write, create a generation, verify a history), and legacy
 * MHL v1.x verification, all over an injected file system.
 */
export {
  MHL_ALGORITHMS,
  C4_ID_LENGTH,
  isMhlAlgorithm,
  c4IdOfDigest,
  digestOfC4Id,
  createChecksumHasher,
  checksumOf,
  hashBytes,
  byteReversedHex,
  ChecksumHasherPool,
} from './hash.ts';
export type { MhlAlgorithm, ChecksumAlgorithm, ChecksumHasher, ChecksumHasherFactory } from './hash.ts';
export type { ChecksumFileSystem, ChecksumDirEntry, ChecksumStat, ChecksumProgress, ChecksumProgressListener } from './fs.ts';
export type { ChecksumTextDecoder } from './text.ts';
export { hashedFiles } from './hashing.ts';
export type { HashJob, HashOutcome } from './hashing.ts';
export { MHL_DEFAULT_IGNORE, ignoreMatcher } from './ignore.ts';
export {
  readMhlManifest,
  readMhlChain,
  writeMhlManifest,
  writeMhlChain,
  mhlDateTime,
  mhlGenerationFileName,
  mhlGenerationNumber,
} from './manifest.ts';
export type { MhlManifest, MhlChainEntry, MhlFileEntry, MhlDirectoryEntry, MhlHashValue, MhlHashAction, MhlAuthor } from './manifest.ts';
export { MHL_HISTORY_FOLDER, MHL_CHAIN_FILE } from './history.ts';
export { verifyMhl, verifyMhlHistory, discoveredMhl } from './verify.ts';
export type { MhlVerifyOptions, MhlVerifyResult, MhlVerifySummary, MhlDiscovery } from './verify.ts';
export { createMhlGeneration, parsedMhlAlgorithms, MHL_DEFAULT_ALGORITHM } from './create.ts';
export type { MhlCreateOptions, MhlCreateResult } from './create.ts';
export { readLegacyMhl, verifyLegacyMhl } from './legacy.ts';
export type { LegacyMhl, LegacyMhlEntry, LegacyMhlFormat } from './legacy.ts';
