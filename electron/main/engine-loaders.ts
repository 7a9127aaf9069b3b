import type { EngineModuleLoaders } from './engine-facade';

// Each engine part is its own lazily imported chunk: start-up stays fast and the native modules (better-sqlite3,
// onnxruntime-node) load on first use. `satisfies` checks the real modules against the facade's narrow interfaces.
export const engineLoaders = {
  library: () => import('../engine/library/index.js'),
  context: () => import('../engine/engine-context.js'),
  media: () => import('../engine/media/index.js'),
  jobs: () => import('../engine/jobs/index.js'),
} satisfies EngineModuleLoaders;
