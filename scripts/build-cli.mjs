// Bundles the CLI (electron/cli/main.ts and the engine it uses) into dist/cli/mouthpiece.mjs, and the render worker
// process that `mouthpiece worker` forks for each farm job into dist/cli/render-worker.mjs.
// npm packages stay external: native addons (onnxruntime-node, better-sqlite3) cannot be bundled.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/cli/chunks', { recursive: true, force: true });

const started = Date.now();
await build({
  entryPoints: { mouthpiece: 'electron/cli/main.ts', 'render-worker': 'electron/worker/render-worker.ts' },
  outdir: 'dist/cli',
  // Commands are imported when run: split chunks keep `mouthpiece visemes` from loading what only render needs.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log(`CLI built in ${Date.now() - started} ms → dist/cli/mouthpiece.mjs, dist/cli/render-worker.mjs`);
