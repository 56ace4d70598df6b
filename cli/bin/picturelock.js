#!/usr/bin/env node
// Runs the CLI from its TypeScript sources (no build step): tsx registers the loader once.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main.ts');
process.exitCode = await main(process.argv);
