import { createInterface, type Interface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * ffmpeg's `-progress pipe:1` output: blocks of `key=value` lines (`frame`, `out_time_us`,
 * `speed=1.84x` …), each closed by `progress=continue` or `progress=end`. Calls `onBlock` with
 * the fields seen so far (later blocks overwrite earlier values) each time a block closes.
 * Returns the line reader, whose `close` event says the last block was delivered.
 */
export function readFfmpegProgress(stdout: Readable, onBlock: (fields: Readonly<Record<string, string>>) => void): Interface {
  const fields: Record<string, string> = {};
  return createInterface({ input: stdout }).on('line', (line) => {
    const eq = line.indexOf('=');
    if (eq < 0) return;
    const key = line.slice(0, eq).trim();
    fields[key] = line.slice(eq + 1).trim();
    if (key === 'progress') onBlock(fields);
  });
}
