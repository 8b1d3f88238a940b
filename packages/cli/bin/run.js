#!/usr/bin/env node
import { flush, handle, run } from '@oclif/core';

// oclif's execute(), plus one step: a misspelt command or flag gets one line with the nearest
// name instead of oclif's wrapped message and full help (src/support/did-you-mean.ts). That module
// is loaded only on failure, to keep start-up light.
const argv = process.argv.slice(2);
try {
  await run(argv, import.meta.url);
  await flush();
} catch (error) {
  const { explainParseError, isOneLineError } = await import('../dist/support/did-you-mean.js');
  const explained = explainParseError(error, argv, 'semibench');
  if (isOneLineError(explained)) {
    process.stderr.write(`Error: ${explained.message}\n`);
    process.exit(explained.exitCode);
  }
  await handle(explained);
}
