import type { Command } from 'commander';
import type { CliIO } from '../io.ts';
import { registerTc } from './tc.ts';

/** Every command, in the order `--help` lists them. One line a command. */
export function registerCommands(program: Command, io: CliIO): void {
  registerTc(program, io);
}
