import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HAVE_FIXTURES, runCli } from '@picturelock/test';

/**
 * The README's command-line examples run as printed: every `npx picturelock ...` line of its
 * `sh` blocks, in order (later lines use files earlier ones wrote under /tmp/picturelock-readme).
 * `# → text` is the exact output; `# exit N` the exit code; any other line must exit 0.
 * Lines marked `# needs media` use `npm run example-media`'s output; test/deliver/example.test.ts
 * runs those steps on generated media.
 */
const README = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const OUT_DIR = '/tmp/picturelock-readme';

interface Example {
  readonly line: string;
  readonly args: string[];
  readonly output?: string;
  readonly exit: number;
}

/** Splits a command line as sh would for the quoting the README uses ('...' and "..."). */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: "'" | '"' | undefined;
  let inWord = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const block of README.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const raw of block[1]!.split('\n')) {
      const m = /^npx picturelock (.*?)(?:\s+#\s*(.*))?$/.exec(raw.trim());
      if (!m) continue;
      const comment = m[2] ?? '';
      if (comment.startsWith('needs media')) continue;
      const exit = /^exit (\d)/.exec(comment);
      const output = /^→ (.*)$/.exec(comment);
      out.push({ line: raw.trim(), args: shellWords(m[1]!), exit: exit ? Number(exit[1]) : 0, ...(output ? { output: output[1]! } : {}) });
    }
  }
  return out;
}

describe('README command-line examples', () => {
  const list = examples();

  it('has examples for every command family', () => {
    const commands = new Set(list.map((e) => e.args[0]));
    for (const c of ['tc', 'inspect', 'convert', 'check', 'conform', 'diff', 'name', 'profiles', 'validate', 'captions', 'mhl']) expect(commands).toContain(c);
  });

  it('each example runs as printed, in order', async () => {
    rmSync(OUT_DIR, { recursive: true, force: true });
    mkdirSync(OUT_DIR, { recursive: true });
    for (const e of list) {
      if (e.args.some((a) => a.startsWith('../shared/')) && !HAVE_FIXTURES) continue;
      const r = await runCli(...e.args);
      expect({ line: e.line, code: r.code, err: r.code === e.exit ? '' : r.err }).toEqual({ line: e.line, code: e.exit, err: '' });
      if (e.output !== undefined) expect({ line: e.line, out: r.out.trim() }).toEqual({ line: e.line, out: e.output });
    }
    // The files the examples say they write are there.
    for (const f of ['scene-v1.otio', 'conform.html', 'changes.edl', 'ascmhl']) expect(existsSync(`${OUT_DIR}/${f}`)).toBe(true);
  }, 120_000);
});
