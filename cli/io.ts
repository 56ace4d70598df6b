import { readFileSync } from 'node:fs';

/** Exit codes every command keeps: 0 no error found, 1 errors found, 2 bad usage or unreadable input, 3 internal failure. */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

/** Bad usage or unreadable input: the message names the file or argument and why (exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** What a command writes to; tests pass their own. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** ANSI colour on a TTY unless NO_COLOR is set. */
  readonly color: boolean;
  readonly isTTY: boolean;
  /** The exit code the command asks for (default 0). */
  exitCode: number;
}

export function processIO(): CliIO {
  const tty = Boolean(process.stdout.isTTY);
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    color: tty && !('NO_COLOR' in process.env),
    isTTY: Boolean(process.stderr.isTTY),
    exitCode: EXIT.ok,
  };
}

export const VERSION: string = (JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }).version;
