import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { buildReport, conformCheckTimeline, conformDiffOnline, findingMarkers, renderText, timecodeOf, type Finding } from '@picturelock/core';
import { createResolveHost, nodeResolveFiles, startPythonBridge, type HostResult, type MarkerSpec, type PythonBridge, type ResolveHost } from '@picturelock/host-bridge';
import { UsageError, VERSION, type CliIO } from '../io.ts';
import { readJsonFile } from '../files.ts';
import { optionalRate, pickTimeline, readListFile } from '../inputs.ts';
import { timelineSummary } from './inspect.ts';

const HELP = `
Drives DaVinci Resolve from a terminal (or a -nogui Resolve) through Picturelock's Python
bridge: python3 runs extensions/resolve/bridge/picturelock_bridge.py, which imports
Blackmagic's DaVinciResolveScript module and speaks JSON-RPC with this command.

Resolve must be running, and Preferences > System > General > "External scripting using"
must be Local (external scripting needs DaVinci Resolve Studio). Point Python at the module
the way Blackmagic's scripting README says:

  macOS
    RESOLVE_SCRIPT_API="/Library/Application Support/Blackmagic Design/DaVinci Resolve/Developer/Scripting"
    RESOLVE_SCRIPT_LIB="/Applications/DaVinci Resolve/DaVinci Resolve.app/Contents/Libraries/Fusion/fusionscript.so"
  Windows
    RESOLVE_SCRIPT_API="%PROGRAMDATA%\\Blackmagic Design\\DaVinci Resolve\\Support\\Developer\\Scripting"
    RESOLVE_SCRIPT_LIB="C:\\Program Files\\Blackmagic Design\\DaVinci Resolve\\fusionscript.dll"
  Linux
    RESOLVE_SCRIPT_API="/opt/resolve/Developer/Scripting"
    RESOLVE_SCRIPT_LIB="/opt/resolve/libs/Fusion/fusionscript.so"
  and PYTHONPATH="$PYTHONPATH:$RESOLVE_SCRIPT_API/Modules/"
  (the bridge adds $RESOLVE_SCRIPT_API/Modules itself when RESOLVE_SCRIPT_API is set).

  --python <path>   the interpreter (default python3; Resolve 21.1 ships ResolvePython)
  --bridge <path>   a copy of picturelock_bridge.py (default: the one in this install)
  --timeout <ms>    how long one request may take (default 30000; a modal dialog in
                    Resolve blocks scripting until it is closed)

Examples:
  picturelock resolve info
  picturelock resolve timelines
  picturelock resolve check --json > check.json
  picturelock resolve mark check.json
`;

interface ResolveOptions {
  readonly python?: string;
  readonly bridge?: string;
  readonly timeout?: string;
}

/** The bridge script the Resolve extension ships, beside this checkout's CLI. */
const RESOLVE_BRIDGE_SCRIPT = fileURLToPath(new URL('../../extensions/resolve/bridge/picturelock_bridge.py', import.meta.url));

async function connect(opts: ResolveOptions): Promise<{ bridge: PythonBridge; host: ResolveHost }> {
  const timeoutMs = opts.timeout !== undefined ? Number(opts.timeout) : undefined;
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs <= 0)) throw new UsageError(`--timeout ${opts.timeout} is not a whole number of milliseconds`);
  let bridge: PythonBridge;
  try {
    bridge = await startPythonBridge({
      ...(opts.python ? { python: opts.python } : {}),
      bridge: opts.bridge ?? RESOLVE_BRIDGE_SCRIPT,
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  } catch (e) {
    throw new UsageError(`could not start the Resolve bridge: ${e instanceof Error ? e.message : String(e)} (see picturelock resolve --help)`);
  }
  if (bridge.hello.module === null) {
    await bridge.close();
    throw new UsageError(`python cannot import DaVinciResolveScript (${bridge.hello.moduleError ?? 'not found'}); set RESOLVE_SCRIPT_API, RESOLVE_SCRIPT_LIB and PYTHONPATH (see picturelock resolve --help)`);
  }
  return { bridge, host: createResolveHost(bridge, { files: nodeResolveFiles() }) };
}

function valueOr<T>(r: HostResult<T>): T {
  if (!r.ok) throw new UsageError(`Resolve: ${r.error.message}${r.error.detail ? ` (${r.error.detail})` : ''}`);
  return r.value;
}

async function withResolve(cmd: Command, body: (host: ResolveHost, bridge: PythonBridge) => Promise<void>): Promise<void> {
  const { bridge, host } = await connect(cmd.optsWithGlobals<ResolveOptions>());
  try {
    await body(host, bridge);
  } finally {
    await bridge.close();
  }
}

/** Findings with a timeline position, from a JSON report (`--json` output) or a bare array. */
function markersFromReport(path: string): MarkerSpec[] {
  const data = readJsonFile(path);
  const list = Array.isArray(data) ? data : (data as { findings?: unknown })?.findings ?? (data as { report?: { findings?: unknown } })?.report?.findings;
  if (!Array.isArray(list)) throw new UsageError(`${path} has no findings list (expected a Picturelock JSON report or an array of findings)`);
  return findingMarkers(list as Partial<Finding>[]);
}

export function registerResolve(program: Command, io: CliIO): void {
  const resolve = program
    .command('resolve')
    .description('read and mark DaVinci Resolve timelines through the Python bridge')
    .option('--python <path>', 'Python interpreter that can import DaVinciResolveScript')
    .option('--bridge <path>', 'path to picturelock_bridge.py')
    .option('--timeout <ms>', 'milliseconds one request may take')
    .addHelpText('after', HELP);

  resolve
    .command('info')
    .description('which Resolve, which project, and how the bridge reached it')
    .action(async (_o: unknown, cmd: Command) =>
      withResolve(cmd, async (host, bridge) => {
        const info = valueOr(await host.info());
        io.out(`${info.name} ${info.version}\n`);
        io.out(`bridge: python ${bridge.hello.python}, module ${bridge.hello.module}\n`);
        io.out(`exports: ${info.capabilities.exportFormats.join(', ')}; clip speed in the API: ${info.capabilities.clipSpeedInApi ? 'yes' : 'no (read from an exported EDL)'}\n`);
      }),
    );

  resolve
    .command('timelines')
    .description('the timelines of the current project; * marks the current one')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }, cmd: Command) =>
      withResolve(cmd, async (host) => {
        const list = valueOr(await host.listTimelines());
        const active = await host.activeTimeline();
        const current = active.ok ? active.value.id : undefined;
        if (o.json) {
          io.out(`${JSON.stringify(list.map((t) => ({ ...t, current: t.id === current })), null, 2)}\n`);
          return;
        }
        for (const t of list) io.out(`${t.id === current ? '*' : ' '} ${t.name}  (${t.id})\n`);
      }),
    );

  resolve
    .command('check')
    .description('read a timeline (the current one by default), lint it, optionally compare it shot by shot with the offline list, and mark what is wrong')
    .option('--timeline <id>', 'timeline unique id (see `resolve timelines`)')
    .option('--against <offline>', 'the offline list (EDL, XML, OTIO, AAF) the conformed timeline must match: slips, wrong clips, missing and extra shots')
    .option('-r, --rate <rate>', 'the offline list\'s rate when it does not say (EDL)')
    .option('--mark', 'put every finding with a position on the timeline as a marker (red errors, yellow warnings, blue notes)')
    .option('--json', 'print the timeline summary and findings as JSON')
    .action(async (o: { timeline?: string; against?: string; rate?: string; mark?: boolean; json?: boolean }, cmd: Command) =>
      withResolve(cmd, async (host) => {
        const read = valueOr(await host.readTimeline(o.timeline));
        const tl = read.timeline;
        const findings = [...read.findings, ...conformCheckTimeline(tl).findings];
        if (o.against) {
          const offline = pickTimeline(readListFile(o.against, optionalRate(o.rate)), o.against);
          findings.push(...conformDiffOnline(offline, tl, { fileA: o.against, fileB: tl.name }).findings);
        }
        if (o.mark) {
          const markers = findingMarkers(findings);
          if (markers.length) valueOr(await host.writeMarkers(read.ref.id, markers));
          io.err(`${markers.length} marker(s) written on ${tl.name}\n`);
        }
        if (o.json) {
          io.out(`${JSON.stringify({ timeline: timelineSummary(tl), findings }, null, 2)}\n`);
        } else {
          const summary = timelineSummary(tl) as { tracks: { name: string; events: { event: string; clip: string; reel: string | null; recordIn: string; recordOut: string; sourceIn: string; speed: string }[] }[] };
          io.out(`${tl.name}  start ${timecodeOf(tl.globalStart.value, tl.rate)}  (Resolve id ${read.ref.id})\n`);
          for (const t of summary.tracks) {
            io.out(`${t.name}\n`);
            for (const e of t.events) io.out(`  ${e.event}  ${e.clip}  ${e.reel ?? ''}  ${e.sourceIn}  ${e.recordIn} ${e.recordOut}${e.speed !== '1/1' ? `  speed ${e.speed}` : ''}\n`);
          }
          const report = buildReport({ title: `Resolve check: ${tl.name}`, toolVersion: VERSION, generatedAt: '', findings });
          io.out(`\n${renderText(report, { color: io.color })}\n`);
        }
        if (findings.some((f) => f.severity === 'error')) io.exitCode = 1;
      }),
    );

  resolve
    .command('mark')
    .description('put findings from a JSON report on the timeline as markers (red errors, yellow warnings, blue info)')
    .argument('<report>', 'a Picturelock JSON report, or a JSON array of findings with where.frames')
    .option('--timeline <id>', 'timeline unique id (default: the current timeline)')
    .action(async (reportPath: string, o: { timeline?: string }, cmd: Command) => {
      const markers = markersFromReport(reportPath);
      await withResolve(cmd, async (host) => {
        const id = o.timeline ?? valueOr(await host.activeTimeline()).id;
        if (markers.length === 0) {
          io.out('no findings with a timeline position: nothing to mark\n');
          return;
        }
        const r = valueOr(await host.writeMarkers(id, markers));
        io.out(`${r.written} marker(s) written\n`);
      });
    });
}
