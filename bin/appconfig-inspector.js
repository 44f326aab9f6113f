#!/usr/bin/env node
// Entry for `npx appconfig-inspector`: runs the TypeScript CLI through tsx so a fresh `npm ci` is enough.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
