// Bundles the CLI (electron/cli/main.ts and the engine it uses) into dist/cli/mouthpiece.mjs, and the render worker
// process that `mouthpiece worker` forks for each farm job into dist/cli/render-worker.mjs.
// npm packages stay external: native addons (onnxruntime-node, better-sqlite3) cannot be bundled.
import { build } from 'esbuild';

const started = Date.now();
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};
await Promise.all([
  build({ ...common, entryPoints: ['electron/cli/main.ts'], outfile: 'dist/cli/mouthpiece.mjs' }),
  build({ ...common, entryPoints: ['electron/worker/render-worker.ts'], outfile: 'dist/cli/render-worker.mjs' }),
]);
console.log(`CLI built in ${Date.now() - started} ms → dist/cli/mouthpiece.mjs, dist/cli/render-worker.mjs`);
