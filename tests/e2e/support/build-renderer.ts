import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { ROOT } from '../../helpers/run-cli';

/**
 * Builds the real renderer (renderer/index.html, production CSP) into a fresh folder. Building into our own folder,
 * rather than out/renderer, keeps these tests independent of whatever else builds the app at the same time.
 */
export async function buildRendererForTest(): Promise<string> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-renderer-'));
  await build({
    configFile: false,
    root: path.join(ROOT, 'renderer'),
    plugins: [react()],
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, minify: false, reportCompressedSize: false },
  });
  return outDir;
}
