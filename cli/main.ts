import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.ts';
import { EXIT, UsageError, VERSION, processIO, type CliIO } from './io.ts';

/** Builds the `picturelock` program with every command registered against `io`. */
export function buildProgram(io: CliIO): Command {
  const program = new Command('picturelock')
    .description('Picture-lock toolkit: conform checks, naming, spec validation and deliverables for Premiere Pro and DaVinci Resolve.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  registerCommands(program, io);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  return program;
}

/** Runs the CLI on `argv` (node-style, program path first) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv]);
    return io.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (e instanceof UsageError) {
      io.err(`picturelock: ${e.message}\n`);
      return EXIT.usage;
    }
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    io.err(`picturelock: internal error, please report it with the command you ran:\n${detail}\n`);
    return EXIT.internal;
  }
}
