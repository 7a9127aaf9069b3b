// Bundles the CLI (electron/cli/main.ts and the engine it uses) into dist/cli/mouthpiece.mjs.
// npm packages stay external: native addons (onnxruntime-node, better-sqlite3) cannot be bundled.
import { build } from 'esbuild';

const started = Date.now();
await build({
  entryPoints: ['electron/cli/main.ts'],
  outfile: 'dist/cli/mouthpiece.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log(`CLI built in ${Date.now() - started} ms → dist/cli/mouthpiece.mjs`);
