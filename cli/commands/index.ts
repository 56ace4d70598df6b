import type { Command } from 'commander';
import type { CliIO } from '../io.ts';
import { registerTc } from './tc.ts';
import { registerInspect } from './inspect.ts';
import { registerConvert } from './convert.ts';
import { registerMhl } from './mhl.ts';
import { registerName } from './name.ts';
import { registerProfiles } from './profiles.ts';
import { registerProbe } from './probe.ts';
import { registerValidate } from './validate.ts';
import { registerCheck } from './check.ts';
import { registerConform } from './conform.ts';
import { registerDiff } from './diff.ts';
import { registerDemo } from './demo.ts';
import { registerResolve } from './resolve.ts';
import { registerCaptions } from './captions.ts';
import { registerDeliver } from './deliver.ts';

/** Every command, in the order `--help` lists them. One line a command. */
export function registerCommands(program: Command, io: CliIO): void {
  registerTc(program, io);
  registerInspect(program, io);
  registerConvert(program, io);
  registerMhl(program, io);
  registerName(program, io);
  registerProfiles(program, io);
  registerProbe(program, io);
  registerValidate(program, io);
  registerCheck(program, io);
  registerConform(program, io);
  registerDiff(program, io);
  registerDemo(program, io);
  registerResolve(program, io);
  registerCaptions(program, io);
  registerDeliver(program, io);
}
