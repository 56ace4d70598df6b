import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  NAMING_CONVENTIONS,
  NAMING_TARGET_OSES,
  buildReport,
  bumpedNamingVersion,
  checkNamingConvention,
  compileNamingTemplate,
  expandNamingTemplate,
  hasErrors,
  loadNamingConvention,
  namingComponentProblems,
  namingConventionById,
  namingFieldsFromFacts,
  namingSiblingVersions,
  parseNamingName,
  plannedNamingRenames,
  renderJson,
  renderText,
  sanitizedNamingComponent,
  err,
  ok,
  type Finding,
  type MediaInfo,
  type NamingConvention,
  type NamingFacts,
  type NamingTargetOs,
  type NamingTemplate,
  type NamingRenamePlan,
} from '@picturelock/core';
import { RENAME_JOURNAL_NAME, applyRenameSteps, probeMedia, readRenameJournal, resumeRenameJournal, undoRenameJournal, type RenameRunResult } from '@picturelock/host-bridge';
import { EXIT, UsageError, VERSION, type CliIO } from '../io.ts';
import { readInputBytes } from '../files.ts';

/** Test only: milliseconds to wait before each rename, so tests can interrupt `rename --apply` halfway. */
const RENAME_DELAY_ENV = 'PICTURELOCK_TEST_RENAME_DELAY_MS';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--set k=v` pairs as field values; a pair without `=` is a usage error. */
function setValues(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set ${p}: write field=value (e.g. --set episode=3)`);
    out[p.slice(0, eq).trim()] = p.slice(eq + 1);
  }
  return out;
}

function template(text: string, what = 'template'): NamingTemplate {
  const t = compileNamingTemplate(text);
  if (!t.ok) throw new UsageError(`${what}: ${t.error.message}`);
  return t.value;
}

function targetOs(text: string | undefined): NamingTargetOs {
  const t = (text ?? 'all') as NamingTargetOs;
  if (!NAMING_TARGET_OSES.includes(t)) throw new UsageError(`--os ${text}: expected one of ${NAMING_TARGET_OSES.join(', ')}`);
  return t;
}

/** Today's local date as YYYY-MM-DD: the default for a `{date}` field. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The naming facts of a probed file: the first video stream's size and rate, the programme's channels, the start timecode. */
function namingFactsOfMedia(info: MediaInfo): NamingFacts {
  const v = info.video[0];
  const audio = info.audio;
  // Six mono streams carry one 5.1 mix; otherwise the first stream is the programme mix.
  const channels = audio.length === 0 ? undefined : audio.every((a) => a.channels === 1) ? audio.length : audio[0]!.channels;
  const tc = info.startTimecode?.text ?? info.startTimecodeText;
  return {
    ...(v ? { width: v.width, height: v.height } : {}),
    ...(v?.frameRate ? { rate: v.frameRate } : {}),
    ...(channels !== undefined ? { audioChannels: channels } : {}),
    ...(tc ? { startTimecode: tc } : {}),
  };
}

async function factsOf(path: string): Promise<NamingFacts | undefined> {
  const info = await probeMedia(path);
  return info.ok ? namingFactsOfMedia(info.value) : undefined;
}

function convention(text: string): NamingConvention {
  const builtIn = namingConventionById(text);
  if (builtIn) return builtIn;
  if (!/\.json$/i.test(text)) throw new UsageError(`--convention ${text}: not a built-in convention (${NAMING_CONVENTIONS.map((c) => c.data.id).join(', ')}) or a .json file`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(readInputBytes(text)));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${text} is not JSON: ${(e as Error).message}`);
  }
  const c = loadNamingConvention(json, text);
  if (!c.ok) throw new UsageError(c.error.map((f) => f.message).join('\n'));
  return c.value;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    throw new UsageError(`cannot read ${path}: no such file or folder`);
  }
}

/** The names in a folder a naming command works on: not hidden, not a rename journal. */
function entries(folder: string, filesOnly: boolean): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((d) => !d.name.startsWith('.') && (!filesOnly || d.isFile()))
    .map((d) => d.name)
    .sort();
}

function splitExtension(name: string): { stem: string; ext: string } {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m && m.index > 0 ? { stem: name.slice(0, m.index), ext: m[1]! } : { stem: name, ext: '' };
}

/** Subcommands need the program's output routing and exit override themselves (commander does not inherit them). */
function routed(cmd: Command, io: CliIO): Command {
  return cmd.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
}

function printFindings(io: CliIO, findings: readonly Finding[]): void {
  for (const f of findings) io.err(`${f.severity}: ${f.message}${f.fix ? ` (${f.fix})` : ''}\n`);
}

function planText(plan: NamingRenamePlan): string {
  const lines: string[] = [];
  for (const it of plan.items) {
    if (it.status === 'rename') lines.push(`rename     ${it.from} -> ${it.to}`);
    else if (it.status === 'unchanged') lines.push(`unchanged  ${it.from}`);
    else lines.push(`${it.status === 'collision' ? 'COLLISION' : 'REFUSED  '}  ${it.from}${it.to ? ` -> ${it.to}` : ''}: ${it.findings.map((f) => f.message).join('; ')}`);
  }
  const count = (s: string) => plan.items.filter((i) => i.status === s).length;
  lines.push(`${count('rename')} to rename, ${count('unchanged')} unchanged, ${count('collision')} collisions, ${count('refused')} refused`);
  return `${lines.join('\n')}\n`;
}

function runText(verb: string, r: RenameRunResult): string {
  const again = r.alreadyDone ? ` (${r.alreadyDone} already done)` : '';
  return `${verb} ${r.renamed} name${r.renamed === 1 ? '' : 's'}${again}${r.problems.length ? `; stopped: ${r.problems.join('; ')}` : ''}\n`;
}

/**
 * `picturelock name`: write names from templates, read them back, check them against a
 * convention and the media, bump versions and rename folders through a journalled plan.
 */
export function registerName(program: Command, io: CliIO): void {
  const name = routed(program.command('name'), io).description('delivery names: expand templates, check names against conventions and media, rename, bump versions');

  routed(name.command('expand'), io)
    .description('write a name from a template')
    .argument('<template>', "e.g. '{show}_{episode:02}_{version:v03}_{date:YYYYMMDD}'")
    .option('--set <field=value>', 'a field value (repeat for each field)', collect, [])
    .option('--for <media>', 'fill {res} {fps} {audio} {tc} {width} {height} from this file (ffprobe)')
    .option('--os <target>', `check the name is legal on: ${NAMING_TARGET_OSES.join(', ')}`, 'all')
    .addHelpText(
      'after',
      `
Template language: {field}, {n:02} zero-padded number, {ver:v03} -> v007, {date:YYYYMMDD},
filters {f|upper|lower|slug|pad:4|truncate:14|replace:a:b}, optional segments [_{desc}].
{date} defaults to today.

Example:
  $ picturelock name expand '{show}_{episode:02}_{version:v03}_{date:YYYYMMDD}' --set show=ABC --set episode=3 --set version=7 --set date=2026-11-20
  ABC_03_v007_20261120`,
    )
    .action(async (text: string, opts: { set: string[]; for?: string; os?: string }) => {
      const t = template(text);
      const os = targetOs(opts.os);
      let fromMedia: Record<string, string> = {};
      if (opts.for) {
        if (isDir(opts.for)) throw new UsageError(`--for ${opts.for} is a folder; expected a media file`);
        const info = await probeMedia(opts.for);
        if (!info.ok) throw new UsageError(`--for ${opts.for}: ${info.error}`);
        fromMedia = namingFieldsFromFacts(namingFactsOfMedia(info.value));
      }
      const r = expandNamingTemplate(t, { date: today(), ...fromMedia, ...setValues(opts.set) });
      if (!r.ok) throw new UsageError(r.error.map((f) => f.message).join('\n'));
      io.out(`${r.value.name}\n`);
      const problems = namingComponentProblems(r.value.name, os);
      printFindings(io, problems);
      if (problems.some((f) => f.severity === 'error')) io.exitCode = EXIT.findings;
    });

  routed(name.command('parse'), io)
    .description('read a name back into its fields')
    .argument('<template>')
    .argument('<name>')
    .option('--json', 'print the fields as JSON')
    .action((text: string, value: string, opts: { json?: boolean }) => {
      const r = parseNamingName(template(text), value);
      if (!r.ok) {
        printFindings(io, r.error);
        io.exitCode = EXIT.findings;
        return;
      }
      if (opts.json) io.out(`${JSON.stringify(r.value.fields, null, 2)}\n`);
      else for (const [k, v] of Object.entries(r.value.fields)) io.out(`${k}=${v}\n`);
    });

  routed(name.command('check'), io)
    .description('check file names against a convention and against the media (exit 1 when a name fails)')
    .argument('<paths...>', 'files, or folders whose entries are checked')
    .requiredOption('--convention <name|file.json>', `a built-in convention (${NAMING_CONVENTIONS.map((c) => c.data.id).join(', ')}) or a NamingConvention.1 JSON file`)
    .option('--json', 'print the report as JSON')
    .option('--no-probe', 'do not read the media with ffprobe')
    .action(async (paths: string[], opts: { convention: string; json?: boolean; probe: boolean }) => {
      const conv = convention(opts.convention);
      const targets: string[] = [];
      for (const p of paths) {
        if (isDir(p)) targets.push(...entries(p, false).map((n) => join(p, n)));
        else targets.push(p);
      }
      const findings: Finding[] = [];
      const rows: string[][] = [];
      const listings = new Map<string, string[]>();
      for (const path of targets) {
        const folder = dirname(path);
        if (!listings.has(folder)) listings.set(folder, entries(folder, false));
        const fileName = basename(path);
        const probed = opts.probe && statSync(path).isFile() ? await factsOf(path) : undefined;
        const facts: NamingFacts = { ...probed, siblingVersions: namingSiblingVersions(fileName, listings.get(folder)!) };
        const check = checkNamingConvention(fileName, conv, { facts, file: path });
        findings.push(...check.findings);
        const verdict = check.findings.some((f) => f.severity === 'error') ? 'FAIL' : check.findings.length ? 'warn' : 'ok';
        const fields = check.fields ? Object.entries(check.fields).filter(([, v]) => v !== '').map(([k, v]) => `${k}=${v}`).join(' ') : '';
        rows.push([fileName, verdict, fields]);
      }
      const report = buildReport({
        title: `Naming check: ${conv.data.title}`,
        toolVersion: VERSION,
        generatedAt: new Date().toISOString(),
        inputs: paths.map((p) => ({ path: p })),
        findings,
        sections: [{ kind: 'table', title: 'Names', columns: ['name', 'result', 'fields'], rows }],
      });
      io.out(opts.json ? renderJson(report) : renderText(report, { color: io.color }));
      if (hasErrors(report)) io.exitCode = EXIT.findings;
    });

  routed(name.command('rename'), io)
    .description('rename the files of a folder from a template: a dry run unless --apply; --undo restores the names')
    .argument('<folder>')
    .option('--template <template>', 'the new names; the extension is kept unless the template writes {ext}')
    .option('--from <template>', 'read fields from the current names with this template')
    .option('--set <field=value>', 'a field value (repeat for each field)', collect, [])
    .option('--probe', 'fill {res} {fps} {audio} {tc} from each file (ffprobe)')
    .option('--os <target>', `names must be legal on: ${NAMING_TARGET_OSES.join(', ')}`, 'all')
    .option('--apply', 'carry out the plan (a journal is written first; run again to finish an interrupted run)')
    .option('--undo', 'restore every name the last rename in this folder changed')
    .addHelpText(
      'after',
      `
Fields available to --template: {stem} and {ext} of the current name, {n} (1-based position
in name order), fields read by --from, {res} {fps} {audio} {tc} with --probe, and --set values.
The journal ${RENAME_JOURNAL_NAME} stays beside the files so --undo works later.

Example:
  $ picturelock name rename ./renders --from '{show}_{episode:02}' --template '{show}_{episode:03}_{version:v03}' --set version=1
  $ picturelock name rename ./renders --from '{show}_{episode:02}' --template '{show}_{episode:03}_{version:v03}' --set version=1 --apply
  $ picturelock name rename ./renders --undo`,
    )
    .action(async (folder: string, opts: { template?: string; from?: string; set: string[]; probe?: boolean; os?: string; apply?: boolean; undo?: boolean }) => {
      if (!isDir(folder)) throw new UsageError(`${folder} is not a folder`);
      const delayMs = Number(process.env[RENAME_DELAY_ENV] ?? 0) || 0;
      let journal;
      try {
        journal = readRenameJournal(folder);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      if (opts.undo) {
        if (!journal) throw new UsageError(`no rename to undo in ${folder} (no ${RENAME_JOURNAL_NAME})`);
        const r = undoRenameJournal(folder, { delayMs });
        io.out(runText('restored', r));
        if (r.problems.length) io.exitCode = EXIT.findings;
        return;
      }
      if (!opts.template) throw new UsageError('--template is required (or --undo)');
      const label = `--template '${opts.template}'${opts.from ? ` --from '${opts.from}'` : ''}`;
      if (journal && !journal.complete && !journal.undone) {
        if (!opts.apply) {
          io.err(`an unfinished rename (${journal.header.label}) is recorded in ${journal.path}: run it again with --apply to finish it, or --undo\n`);
          io.exitCode = EXIT.findings;
          return;
        }
        if (journal.header.label !== label) {
          throw new UsageError(`an unfinished rename (${journal.header.label}) is recorded in ${journal.path}; finish it with that template, or --undo it first`);
        }
        const r = resumeRenameJournal(folder, { delayMs });
        io.out(runText('finished the interrupted rename: renamed', r));
        if (r.problems.length) io.exitCode = EXIT.findings;
        return;
      }

      const target = template(opts.template, '--template');
      const source = opts.from ? template(opts.from, '--from') : undefined;
      const os = targetOs(opts.os);
      const sets = setValues(opts.set);
      const names = entries(folder, true);
      const position = new Map(names.map((n, i) => [n, i + 1]));
      const facts = new Map<string, Record<string, string>>();
      if (opts.probe) {
        for (const n of names) {
          const f = await factsOf(join(folder, n));
          facts.set(n, f ? namingFieldsFromFacts(f) : {});
        }
      }
      const writesExt = target.fields.includes('ext');
      const plan = plannedNamingRenames(
        names,
        (n) => {
          const { stem, ext } = splitExtension(n);
          let parsed: Record<string, string> = {};
          if (source) {
            const r = parseNamingName(source, stem);
            if (!r.ok) return err(r.error);
            parsed = { ...r.value.fields };
          }
          const r = expandNamingTemplate(target, { date: today(), ...facts.get(n), stem, ext, n: position.get(n), ...parsed, ...sets });
          if (!r.ok) return err(r.error);
          const sanitised = sanitizedNamingComponent(r.value.name, os);
          if (!sanitised.ok) return err([sanitised.error]);
          return ok(!writesExt && ext ? `${r.value.name}.${ext}` : r.value.name);
        },
        { target: os },
      );
      io.out(planText(plan));
      const blocked = plan.items.filter((i) => i.status === 'collision' || i.status === 'refused').length;
      if (blocked) {
        io.err(`the plan has ${blocked} problem${blocked === 1 ? '' : 's'}; nothing was renamed\n`);
        io.exitCode = EXIT.findings;
        return;
      }
      if (!opts.apply) {
        io.out('dry run: nothing was renamed; add --apply to rename\n');
        return;
      }
      if (!plan.steps.length) return;
      const r = applyRenameSteps(resolve(folder), plan.steps, { label, createdAt: new Date().toISOString() }, { delayMs });
      io.out(runText('renamed', r));
      if (r.problems.length) io.exitCode = EXIT.findings;
    });

  routed(name.command('bump'), io)
    .description('the next version of a name: one above the highest version beside it, padding kept')
    .argument('<path>', 'a file whose name carries a version such as v003')
    .action((path: string) => {
      const folder = dirname(path);
      let siblings: string[] = [];
      try {
        siblings = readdirSync(folder);
      } catch {
        throw new UsageError(`cannot read the folder ${folder}`);
      }
      const r = bumpedNamingVersion(basename(path), siblings);
      if (!r.ok) throw new UsageError(r.error.message);
      io.out(`${r.value.name}\n`);
      if (r.value.newest > r.value.from) io.err(`version ${r.value.newest} already exists beside it, so the next version is ${r.value.to}\n`);
    });

  routed(name.command('sanitize'), io)
    .description('a legal version of a name for a target file system')
    .argument('<name>')
    .option('--os <target>', NAMING_TARGET_OSES.join(', '), 'all')
    .action((value: string, opts: { os?: string }) => {
      const r = sanitizedNamingComponent(value, targetOs(opts.os));
      if (!r.ok) {
        printFindings(io, [r.error]);
        io.exitCode = EXIT.findings;
        return;
      }
      io.out(`${r.value.name}\n`);
      printFindings(io, r.value.findings);
    });
}
