#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is bundled to dist/cli by `npm run build:cli` (run automatically after `npm ci`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

// A stop that comes while the CLI is still loading is kept for it: it then stops at once (exit 128 + signal number)
// instead of dying without a word. The CLI installs its own handlers as it starts (electron/cli/process-lifecycle.ts).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (!process.env.MOUTHPIECE_EARLY_STOP) process.env.MOUTHPIECE_EARLY_STOP = signal;
  });
}

const bundle = join(__dirname, '..', 'dist', 'cli', 'mouthpiece.mjs');
if (!existsSync(bundle)) {
  process.stderr.write('mouthpiece: the CLI is not built yet. Run `npm run build:cli` (or `npm ci`) in the Mouthpiece folder.\n');
  process.exit(1);
}
import(pathToFileURL(bundle).href).catch((error) => {
  process.stderr.write(`mouthpiece: failed to start: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
