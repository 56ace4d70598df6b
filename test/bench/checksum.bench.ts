import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashedFiles, ChecksumHasherPool, type MhlAlgorithm } from '@picturelock/core';
import { nodeChecksumFs } from '@picturelock/host-bridge';
import type { Bench } from './harness.ts';

/**
 * Hashing throughput over one large file (PICTURELOCK_BENCH_HASH_MB, default 2048 MB) next to
 * the reference tools on the same file in the same run: xxhsum (Debian's xxhash; -H1 XXH64,
 * -H3 XXH3-64) and md5sum (coreutils). Both sides read the file through the page cache.
 */
const MB = Number(process.env.PICTURELOCK_BENCH_HASH_MB ?? 2048);
const BYTES = MB * 1024 * 1024;
let file = '';

function bigFile(): string {
  if (file) return file;
  const dir = mkdtempSync(join(tmpdir(), 'picturelock-bench-hash-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  file = join(dir, 'payload.bin');
  const fd = openSync(file, 'w');
  const block = new Uint8Array(8 * 1024 * 1024);
  // Pseudo-random bytes (xorshift) so no hash gets an easy run of zeros.
  let x = 0x2545f491;
  for (let i = 0; i < block.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    block[i] = x & 255;
  }
  for (let done = 0; done < BYTES; done += block.length) writeSync(fd, block, 0, Math.min(block.length, BYTES - done));
  closeSync(fd);
  return file;
}

function hasTool(tool: string): boolean {
  return ['/usr/bin', '/bin', '/usr/local/bin'].some((d) => existsSync(join(d, tool)));
}

/** Median seconds of the reference tool on the file, measured once per bench setup. */
function referenceSeconds(tool: string, args: string[]): number | undefined {
  if (!hasTool(tool)) return undefined;
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    execFileSync(tool, [...args, bigFile()], { stdio: ['ignore', 'ignore', 'ignore'] });
    times.push((performance.now() - t0) / 1000);
  }
  return times.sort((a, b) => a - b)[1];
}

function hashBench(algorithm: MhlAlgorithm, tool: string, args: string[]): Bench {
  const fs = nodeChecksumFs();
  const pool = new ChecksumHasherPool(fs.hashers);
  let ours = 0;
  let ref: number | undefined;
  const runs: number[] = [];
  return {
    operation: `hash ${algorithm} (file streamed)`,
    size: `${MB} MB`,
    iterations: 3,
    warmup: 1,
    setup: () => {
      ref = referenceSeconds(tool, args);
    },
    run: async () => {
      const t0 = performance.now();
      await hashedFiles(fs, [{ path: bigFile(), label: 'payload.bin', size: BYTES, algorithms: new Set([algorithm]) }], pool);
      runs.push((performance.now() - t0) / 1000);
      ours = [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
    },
    note: () => {
      const mine = MB / ours;
      if (ref === undefined) return `${mine.toFixed(0)} MB/s; ${tool} not installed`;
      const theirs = MB / ref;
      return `${mine.toFixed(0)} MB/s vs ${tool} ${args.join(' ')} ${theirs.toFixed(0)} MB/s = ${((mine / theirs) * 100).toFixed(0)}%`;
    },
  };
}

export const benches: Bench[] = [hashBench('xxh64', 'xxhsum', ['-H1']), hashBench('xxh3', 'xxhsum', ['-H3']), hashBench('md5', 'md5sum', [])];
