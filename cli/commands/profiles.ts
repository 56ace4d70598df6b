import type { Command } from 'commander';
import {
  SPEC_BUILTIN_PROFILES,
  parseDeliveryProfileText,
  specBuiltinProfile,
  specConfidenceAt,
  specProfileResolved,
  specRuleTree,
  type DeliveryProfile,
} from '@picturelock/core';
import { readInputBytes } from '../files.ts';
import { EXIT, UsageError, type CliIO } from '../io.ts';

/**
 * A profile named on the command line: a built-in id, or a path to a profile JSON file
 * (anything with a slash or ending in .json). Resolved through `extends`. A bad profile is
 * a usage error that lists every problem with its field and the accepted values.
 */
export function profileOption(text: string): DeliveryProfile {
  const looksLikeFile = /[\\/]/.test(text) || text.toLowerCase().endsWith('.json');
  let profile: DeliveryProfile;
  if (looksLikeFile) {
    const parsed = parseDeliveryProfileText(new TextDecoder().decode(readInputBytes(text)));
    if (!parsed.ok) throw new UsageError(`${text} is not a valid profile:\n${parsed.error.map((i) => `  ${i.field}: ${i.message}`).join('\n')}`);
    profile = parsed.value;
  } else {
    const builtin = specBuiltinProfile(text);
    if (!builtin.ok) throw new UsageError(builtin.error);
    profile = builtin.value;
  }
  const resolved = specProfileResolved(profile);
  if (!resolved.ok) throw new UsageError(resolved.error);
  return resolved.value;
}

type Node = ReturnType<typeof specRuleTree>['children'][number];

function ruleLines(p: DeliveryProfile, node: Node, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  if (node.kind !== 'rule') {
    out.push(`${indent}${node.kind === 'any' ? 'any of' : 'all of'}: ${node.name}`);
    for (const c of node.children) ruleLines(p, c, depth + 1, out);
    return;
  }
  const conf = specConfidenceAt(p, node.pointer);
  const mark = conf ? ` [${conf.source} ${conf.confidence}${conf.confidence === 'U' ? ', warning only' : ''}]` : '';
  out.push(`${indent}${node.name}  -> ${node.requested}${mark}`);
}

/** `picturelock profiles list|show <id>|check <file.json>`. */
export function registerProfiles(program: Command, io: CliIO): void {
  const cmd = program.command('profiles').description('delivery profiles: list the built-ins, show one, check a profile file');
  cmd
    .command('list')
    .description('list the built-in delivery profiles')
    .option('--json', 'machine-readable list')
    .action((opts: { json?: boolean }) => {
      if (opts.json) {
        io.out(`${JSON.stringify(SPEC_BUILTIN_PROFILES.map((p) => ({ id: p.id, name: p.name, owner: p.owner, kind: p.kind, edition: p.edition, extends: p.extends })), null, 2)}\n`);
        return;
      }
      const width = Math.max(...SPEC_BUILTIN_PROFILES.map((p) => p.id.length));
      for (const p of SPEC_BUILTIN_PROFILES) io.out(`${p.id.padEnd(width)}  ${p.kind.padEnd(13)}  ${p.name}${p.extends ? ` (extends ${p.extends})` : ''}\n`);
    });
  cmd
    .command('show')
    .description('show a profile (built-in id or JSON file) with its rules, sources and confidence')
    .argument('<profile>', 'a built-in id (see `profiles list`) or a profile JSON file')
    .option('--json', 'the resolved profile as JSON (extends applied)')
    .action((id: string, opts: { json?: boolean }) => {
      const p = profileOption(id);
      if (opts.json) {
        io.out(`${JSON.stringify(p, null, 2)}\n`);
        return;
      }
      const lines = [`${p.id}: ${p.name}`, `owner: ${p.owner}   kind: ${p.kind}`, `edition: ${p.edition}`, `source: ${p.source.title}${p.source.url ? ` <${p.source.url}>` : ''}`, '', 'rules:'];
      for (const c of specRuleTree(p).children) ruleLines(p, c, 1, lines);
      io.out(`${lines.join('\n')}\n`);
    });
  cmd
    .command('check')
    .description('validate a profile JSON file: every problem names the field and the accepted values')
    .argument('<file>', 'profile JSON')
    .action((file: string) => {
      const parsed = parseDeliveryProfileText(new TextDecoder().decode(readInputBytes(file)));
      if (!parsed.ok) {
        io.err(`${file}: ${parsed.error.length} problem${parsed.error.length === 1 ? '' : 's'}\n`);
        for (const i of parsed.error) io.err(`  ${i.field}: ${i.message}\n`);
        io.exitCode = EXIT.findings;
        return;
      }
      const resolved = specProfileResolved(parsed.value);
      if (!resolved.ok) {
        io.err(`${file}: ${resolved.error}\n`);
        io.exitCode = EXIT.findings;
        return;
      }
      const rules = specRuleTree(resolved.value);
      const count = (n: Node): number => (n.kind === 'rule' ? 1 : n.children.reduce((s, c) => s + count(c), 0));
      io.out(`${file}: valid profile ${resolved.value.id} (${rules.children.reduce((s, c) => s + count(c), 0)} rules)\n`);
    });
}
