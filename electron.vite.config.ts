import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin, Rollup } from 'vite';
import { buildContentSecurityPolicy } from './electron/main/content-security-policy';

// electron-vite 6 reads `build.rolldownOptions` (and copies it over `rollupOptions`) even on Vite 7, whose types lack it.
declare module 'vite' {
  interface BuildEnvironmentOptions {
    rolldownOptions?: Rollup.RollupOptions;
  }
}

const root = import.meta.dirname;

/**
 * renderer/index.html carries the production CSP. The dev server needs an inline preamble (React Fast Refresh),
 * injected <style> tags and a websocket, so `electron-vite dev` serves the page with the dev variant of the same policy.
 */
function devContentSecurityPolicy(): Plugin {
  const production = buildContentSecurityPolicy({ delivery: 'meta' });
  return {
    name: 'mouthpiece:dev-csp',
    apply: 'serve',
    transformIndexHtml(html: string) {
      if (!html.includes(production)) throw new Error('renderer/index.html must carry the CSP built by electron/main/content-security-policy.ts');
      return html.replace(production, buildContentSecurityPolicy({ dev: true, delivery: 'meta' }));
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // The render worker is a second entry: main forks out/main/render-worker.js as an Electron utility process.
      lib: { entry: { index: resolve(root, 'electron/main/index.ts'), 'render-worker': resolve(root, 'electron/worker/render-worker.ts') } },
      // Dependencies from package.json (better-sqlite3, onnxruntime-node, the ffmpeg installers, zod, …) stay external
      // and load from node_modules; the engine's modules become lazily imported chunks in out/main/chunks.
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload may require nothing but 'electron': one self-contained CommonJS file, out/preload/index.cjs.
      externalizeDeps: false,
      lib: { entry: resolve(root, 'electron/preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devContentSecurityPolicy()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
