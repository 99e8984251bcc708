#!/usr/bin/env node
// The `desk` command. The CLI is TypeScript, run through tsx so it works straight from a clone.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
