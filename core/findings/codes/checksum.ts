import { defineCodes } from './types.ts';

/**
 * CHECKSUM finding codes (ASC MHL v2 histories and legacy MHL v1.x hash lists). Never renamed
 * or reused; a retired code stays with a note. Paths are relative to the folder the history
 * manages, with `/` separators, as the manifests write them.
 */
export const CHECKSUM_CODES = defineCodes({
  MHL_FILE_MISSING: {
    severity: 'error',
    title: 'File listed in the MHL is missing',
    message: (p: { path: string; manifest: string }) => `${p.path} is listed in ${p.manifest} but is not on disk`,
  },
  MHL_FILE_EXTRA: {
    severity: 'error',
    title: 'File not recorded in any MHL generation',
    message: (p: { path: string; history: string }) => `${p.path} is on disk but no generation of ${p.history} records it`,
  },
  MHL_FILE_CHANGED: {
    severity: 'error',
    title: 'File does not match its recorded hash',
    message: (p: { path: string; algorithm: string; expected: string; actual: string }) =>
      `${p.path} has changed: ${p.algorithm} is ${p.actual}, the MHL recorded ${p.expected}`,
  },
  MHL_FILE_SIZE_CHANGED: {
    severity: 'error',
    title: 'File size differs from the recorded size',
    message: (p: { path: string; expected: number; actual: number }) => `${p.path} is ${p.actual} bytes, the MHL recorded ${p.expected} bytes`,
  },
  MHL_FILE_UNREADABLE: {
    severity: 'error',
    title: 'File could not be read for hashing',
    message: (p: { path: string; reason: string }) => `${p.path} could not be read: ${p.reason}`,
  },
  MHL_FILE_NAME_NORMALIZED: {
    severity: 'info',
    title: 'File matched by Unicode normalisation',
    message: (p: { path: string; onDisk: string }) => `${p.path} matched the file on disk spelled ${p.onDisk} (NFC/NFD spelling differs)`,
  },
  MHL_HASH_FORMAT_UNKNOWN: {
    severity: 'warning',
    title: 'Hash format not supported',
    message: (p: { path: string; format: string }) => `${p.path}: the hash format <${p.format}> is not one Picturelock computes; it was not checked`,
  },
  MHL_HASH_NONE: {
    severity: 'warning',
    title: 'No usable hash recorded',
    message: (p: { path: string }) => `${p.path} has no original or verified hash in any generation; only its presence was checked`,
  },
  MHL_DIRECTORY_HASH_MISMATCH: {
    severity: 'error',
    title: 'Directory hash differs',
    message: (p: { path: string; kind: string; algorithm: string; expected: string; actual: string }) =>
      `${p.path} ${p.kind} hash (${p.algorithm}) is ${p.actual}, the MHL recorded ${p.expected}`,
  },
  MHL_CHAIN_MISSING: {
    severity: 'error',
    title: 'ascmhl_chain.xml is missing',
    message: (p: { history: string }) => `${p.history} has no ascmhl_chain.xml; the generations cannot be checked for tampering`,
  },
  MHL_CHAIN_SEQUENCE_INVALID: {
    severity: 'error',
    title: 'Chain sequence numbers are not continuous',
    message: (p: { history: string; expected: number; actual: string }) => `${p.history}: chain entry ${p.expected} has sequence number ${p.actual}`,
  },
  MHL_GENERATION_MISSING: {
    severity: 'error',
    title: 'Generation listed in the chain is missing',
    message: (p: { path: string }) => `${p.path} is listed in ascmhl_chain.xml but is not on disk`,
  },
  MHL_GENERATION_MODIFIED: {
    severity: 'error',
    title: 'Generation file was modified',
    message: (p: { path: string; expected: string; actual: string }) => `${p.path} was modified after it was written: its C4 is ${p.actual}, the chain recorded ${p.expected}`,
  },
  MHL_GENERATION_UNCHAINED: {
    severity: 'error',
    title: 'Generation file not in the chain',
    message: (p: { path: string }) => `${p.path} is in the ascmhl folder but ascmhl_chain.xml does not list it`,
  },
  MHL_GENERATION_NAME_INVALID: {
    severity: 'warning',
    title: 'Generation file name does not follow the pattern',
    message: (p: { path: string }) => `${p.path} is not named NNNN_<folder>_<YYYY-MM-DD>_<HHMMSS>Z.mhl`,
  },
  MHL_GENERATION_EXISTS: {
    severity: 'error',
    title: 'Generation file already exists',
    message: (p: { path: string }) => `${p.path} already exists; a generation is never overwritten`,
  },
  MHL_WRITE_FAILED: {
    severity: 'error',
    title: 'MHL file could not be written',
    message: (p: { path: string; reason: string }) => `${p.path} could not be written: ${p.reason}`,
  },
  MHL_REFERENCE_MISSING: {
    severity: 'error',
    title: 'Referenced child manifest is missing',
    message: (p: { path: string; manifest: string }) => `${p.manifest} references ${p.path}, which is not on disk`,
  },
  MHL_REFERENCE_MODIFIED: {
    severity: 'error',
    title: 'Referenced child manifest was modified',
    message: (p: { path: string; expected: string; actual: string }) => `${p.path} has C4 ${p.actual}, the parent manifest recorded ${p.expected}`,
  },
  MHL_XML_INVALID: {
    severity: 'error',
    title: 'MHL file is not well-formed XML',
    message: (p: { file: string; reason: string }) => `${p.file} is not well-formed XML: ${p.reason}`,
  },
  MHL_XML_ENTITY_REFUSED: {
    severity: 'error',
    title: 'DOCTYPE or entity declaration refused',
    message: (p: { file: string }) => `${p.file} declares a DOCTYPE or entities; MHL files never need them and they are refused`,
  },
  MHL_XML_STRUCTURE: {
    severity: 'error',
    title: 'MHL structure not as the schema says',
    message: (p: { file: string; reason: string }) => `${p.file}: ${p.reason}`,
  },
  MHL_ENCODING_UNSUPPORTED: {
    severity: 'error',
    title: 'Text encoding not supported',
    message: (p: { file: string; encoding: string }) => `${p.file} is encoded as ${p.encoding}, which this build cannot decode`,
  },
  MHL_PATH_UNSAFE: {
    severity: 'error',
    title: 'Path leaves the managed folder',
    message: (p: { file: string; path: string }) => `${p.file} lists ${p.path}, which is absolute or climbs out with ..; it was not followed`,
  },
  MHL_HISTORY_NOT_FOUND: {
    severity: 'error',
    title: 'No MHL found',
    message: (p: { path: string }) => `${p.path} holds no ascmhl/ history and no legacy .mhl file`,
  },
  MHL_MANIFEST_OUTSIDE_HISTORY: {
    severity: 'info',
    title: 'ASC MHL manifest outside an ascmhl folder',
    message: (p: { path: string }) => `${p.path} is an ASC MHL v2 manifest outside an ascmhl/ folder; it has no managed folder to verify against and was skipped`,
  },
});
