import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { createMhlGeneration, parsedMhlAlgorithms, verifyMhl, type ChecksumProgress, type Finding, type MhlAlgorithm } from '@picturelock/core';
import { nodeChecksumFs } from '@picturelock/host-bridge';
import { EXIT, UsageError, VERSION, type CliIO } from '../io.ts';

/** A folder (or, for verify, an .mhl file) the user named; anything else is a usage error. */
function existingPath(path: string, what: 'folder' | 'folder or .mhl file'): string {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError(`cannot read ${path}: no such ${what}`);
  }
  if (what === 'folder' && !st.isDirectory()) throw new UsageError(`${path} is not a folder`);
  return path;
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(bytes >= 1e9 ? 0 : 1);
}

/** `294 bytes`, `12.3 MB`: the amount hashed in a summary line. */
function amount(bytes: number): string {
  return bytes < 1e6 ? `${bytes} bytes` : `${megabytes(bytes)} MB`;
}

/**
 * A one-line progress meter on stderr, redrawn at most ten times a second, only on a
 * terminal: percent of bytes, MB/s so far and the file being read.
 */
function progressMeter(io: CliIO, verb: string): { onProgress?: (p: ChecksumProgress) => void; done: () => void } {
  if (!io.isTTY) return { done: () => undefined };
  const started = Date.now();
  let last = 0;
  let drawn = false;
  return {
    onProgress: (p) => {
      const now = Date.now();
      if (now - last < 100 && p.doneFiles < p.totalFiles) return;
      last = now;
      drawn = true;
      const pct = p.totalBytes ? Math.floor((p.doneBytes / p.totalBytes) * 100) : 100;
      const rate = p.doneBytes / 1e6 / Math.max(0.001, (now - started) / 1000);
      const name = p.path.length > 50 ? `…${p.path.slice(-49)}` : p.path;
      io.err(`\r\u001b[2K${verb} ${pct}%  ${megabytes(p.doneBytes)}/${megabytes(p.totalBytes)} MB  ${rate.toFixed(0)} MB/s  file ${Math.min(p.doneFiles + 1, p.totalFiles)}/${p.totalFiles}  ${name}`);
    },
    done: () => {
      if (drawn) io.err('\r\u001b[2K');
    },
  };
}

const LABEL: Partial<Record<Finding['code'], string>> = {
  MHL_FILE_MISSING: 'missing',
  MHL_FILE_EXTRA: 'extra',
  MHL_FILE_CHANGED: 'changed',
  MHL_FILE_SIZE_CHANGED: 'changed',
  MHL_FILE_UNREADABLE: 'unreadable',
};

/** One line a finding: a short label, then the message that names the path and the values. */
function printFindings(io: CliIO, findings: readonly Finding[]): void {
  const paint = (s: string, code: number) => (io.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  for (const f of findings) {
    const label = (LABEL[f.code] ?? f.severity).padEnd(10);
    const colour = f.severity === 'error' ? 31 : f.severity === 'warning' ? 33 : 36;
    io.out(`${paint(label, colour)} ${f.message}  [${f.code}]\n`);
  }
}

function algorithmsOption(text: string | undefined): MhlAlgorithm[] | undefined {
  if (text === undefined) return undefined;
  const { algorithms, unknown } = parsedMhlAlgorithms(text);
  if (unknown.length || algorithms.length === 0) throw new UsageError(`--hash ${text}: expected a comma list of md5, sha1, xxh64, xxh3, xxh128, c4`);
  return algorithms;
}

/** `picturelock mhl create|verify`: ASC MHL v2 generations (and legacy MHL v1.x verification). */
export function registerMhl(program: Command, io: CliIO): void {
  const mhl = program.command('mhl').description('ASC MHL checksums: seal a folder with a new generation, verify histories and legacy MHL files');

  mhl
    .command('create')
    .description('hash every file under <dir>, verify what earlier generations recorded, and write a new generation to <dir>/ascmhl')
    .argument('<dir>', 'the folder to seal (a camera card, a delivery package)')
    .option('--hash <formats>', 'formats to record, comma separated: md5, sha1, xxh64, xxh3, xxh128, c4 (default: those already used, else xxh64)')
    .option('--author <name>', 'author recorded in the generation')
    .option('--location <text>', 'location recorded in the generation')
    .option('--comment <text>', 'comment recorded in the generation')
    .addHelpText(
      'after',
      `
A generation file is never overwritten; files that fail verification are recorded with
action="failed" and listed, and the command exits 1.

Examples:
  $ picturelock mhl create /Volumes/TRAVEL_01/A002R2EC --hash xxh64,md5
  $ picturelock mhl verify /Volumes/TRAVEL_01/A002R2EC`,
    )
    .action(async (dir: string, opts: { hash?: string; author?: string; location?: string; comment?: string }) => {
      const root = resolve(existingPath(dir, 'folder'));
      const algorithms = algorithmsOption(opts.hash);
      const meter = progressMeter(io, 'hashing');
      const result = await createMhlGeneration(nodeChecksumFs(), root, {
        ...(algorithms ? { algorithms } : {}),
        now: Date.now(),
        hostName: hostname(),
        tool: { name: 'picturelock', version: VERSION },
        ...(opts.author ? { authors: [{ name: opts.author }] } : {}),
        ...(opts.location ? { location: opts.location } : {}),
        ...(opts.comment ? { comment: opts.comment } : {}),
        ...(meter.onProgress ? { onProgress: meter.onProgress } : {}),
      });
      meter.done();
      printFindings(io, result.findings);
      for (const w of result.written) io.out(`created ${w}\n`);
      const s = result.summary;
      io.out(`${s.original} new, ${s.verified} verified, ${s.failed} failed, ${s.missing} missing; ${amount(s.bytes)} hashed\n`);
      if (result.findings.some((f) => f.severity === 'error')) io.exitCode = EXIT.findings;
    });

  mhl
    .command('verify')
    .description('verify the ASC MHL history of <path> (and nested ones), every history below it, or a legacy .mhl file; reads only')
    .argument('<path>', 'a folder holding ascmhl/, a folder above several, or a legacy .mhl file')
    .option('--no-directory-hashes', 'skip checking directory and root hashes')
    .action(async (path: string, opts: { directoryHashes: boolean }) => {
      existingPath(path, 'folder or .mhl file');
      const meter = progressMeter(io, 'verifying');
      const result = await verifyMhl(nodeChecksumFs(), path, { directoryHashes: opts.directoryHashes, ...(meter.onProgress ? { onProgress: meter.onProgress } : {}) });
      meter.done();
      printFindings(io, result.findings);
      const s = result.summary;
      const what = [s.histories ? `${s.histories} ${s.histories === 1 ? 'history' : 'histories'} (${s.generations} generations)` : '', s.legacyFiles ? `${s.legacyFiles} legacy MHL ${s.legacyFiles === 1 ? 'file' : 'files'}` : '']
        .filter(Boolean)
        .join(', ');
      const errors = result.findings.filter((f) => f.severity === 'error').length;
      io.out(`${errors ? 'FAILED' : 'OK'}: ${what || 'nothing verified'}; ${s.verified} files verified, ${s.changed} changed, ${s.missing} missing, ${s.extra} extra; ${amount(s.bytes)} hashed\n`);
      if (errors) io.exitCode = EXIT.findings;
    });
}
