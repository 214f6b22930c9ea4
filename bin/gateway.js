#!/usr/bin/env node
// Entry point for `gateway` and `npm start`: runs the TypeScript CLI through tsx's loader,
// so a fresh clone works after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lib/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
