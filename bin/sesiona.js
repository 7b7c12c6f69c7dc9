#!/usr/bin/env node
// The `sesiona` command: runs the TypeScript CLI through tsx, so it needs no build step.
import { register } from 'tsx/esm/api';

// `sesiona export | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
register();
const { main } = await import('../src-main/cli.ts');
process.exitCode = await main(process.argv.slice(2));
