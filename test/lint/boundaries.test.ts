import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The package boundaries are lint rules (eslint.config.js); these tests prove the rules
 * really fire on the paths they guard, with the repository's own configuration.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function problems(code: string, relativePath: string): Promise<{ ruleId: string | null; message: string; line: number }[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, relativePath) });
  return (result?.messages ?? []).map((m) => ({ ruleId: m.ruleId, message: m.message, line: m.line }));
}

describe('lint boundaries', () => {
  it('core may not import node:*', async () => {
    const code = "import { readFileSync } from 'node:fs';\nexport const text = readFileSync('x', 'utf8');\n";
    expect(await problems(code, 'core/time/x.ts')).toEqual([
      {
        ruleId: 'no-restricted-imports',
        message: "'node:fs' import is restricted from being used by a pattern. core is pure: node:* belongs in host-bridge.",
        line: 1,
      },
    ]);
  });

  it('core may not import a bare Node built-in, another package or a CLI library', async () => {
    const code = "import path from 'path';\nimport { main } from '@picturelock/cli';\nimport { Command } from 'commander';\nexport const all = [path, main, Command];\n";
    expect((await problems(code, 'core/timeline/y.ts')).map((p) => [p.line, p.message])).toEqual([
      [1, "'path' import is restricted from being used by a pattern. core is pure: Node built-ins belong in host-bridge."],
      [2, "'@picturelock/cli' import is restricted from being used by a pattern. core imports nothing from another package."],
      [3, "'commander' import is restricted from being used by a pattern. core imports no UI, CLI or browser library."],
    ]);
  });

  it('core may not touch Node or host globals', async () => {
    const code = 'export const env = process.env;\nexport const b = Buffer.from("x");\n';
    expect(await problems(code, 'core/findings/z.ts')).toEqual([
      { ruleId: 'no-restricted-globals', message: 'Unexpected use of \'process\'. core touches no host, DOM or Node global (process).', line: 1 },
      { ruleId: 'no-restricted-globals', message: 'Unexpected use of \'Buffer\'. core touches no host, DOM or Node global (Buffer).', line: 2 },
    ]);
  });

  it('tests may not deep-import a package', async () => {
    const code = "import { rate } from '@picturelock/core/time/rate.ts';\nexport const r = rate(24);\n";
    const found = await problems(code, 'test/x/deep.test.ts');
    expect(found).toContainEqual({
      ruleId: 'no-restricted-imports',
      message: "'@picturelock/core/time/rate.ts' import is restricted from being used by a pattern. Import a package only through its public entry (its index.ts).",
      line: 1,
    });
    // The relative-path pattern (`**/core/*`) matches the deep name too and adds its own message on the same line.
    expect(found.map((p) => [p.ruleId, p.line])).toEqual(found.map(() => ['no-restricted-imports', 1]));
  });

  it('outside core, another package is reached by name, never by a relative path', async () => {
    const code = "import { rate } from '../../core/time/index.ts';\nexport const r = rate(24);\n";
    expect((await problems(code, 'cli/commands/x.ts')).map((p) => p.message)).toEqual([
      "'../../core/time/index.ts' import is restricted from being used by a pattern. Reach another package through its name (@picturelock/...), never by a relative path.",
    ]);
  });

  it('the allowed imports pass: core through index.ts, tests through the package entry', async () => {
    expect(await problems("import { rate } from '../time/index.ts';\nexport const r = rate(24);\n", 'core/timeline/ok.ts')).toEqual([]);
    expect(await problems("import { rate } from '@picturelock/core';\nexport const r = rate(24);\n", 'test/x/ok.test.ts')).toEqual([]);
  });
});
