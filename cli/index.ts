export { main, buildProgram } from './main.ts';
export { EXIT, UsageError } from './io.ts';
export type { CliIO } from './io.ts';
