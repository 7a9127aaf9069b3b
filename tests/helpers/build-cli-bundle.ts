/**
 * Vitest global setup: bundles the CLI before any test runs. The CLI, dub and batch tests run `bin/mouthpiece.cjs`,
 * which loads dist/cli; without this a plain `npx vitest` ran whatever bundle an earlier build left there, so those
 * tests judged old code while the rest judged the sources.
 */
import { execFileSync } from 'node:child_process';
import { ROOT } from './shared-media.js';

export default function buildCliBundle(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
