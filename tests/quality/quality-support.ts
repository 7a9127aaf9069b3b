/** Shared set-up of the quality tests: the real ffmpeg and the real face models. */
import { join } from 'node:path';
import { resolveFfmpegTools, type FfmpegTools } from '../../electron/engine/media/index.js';
import { SessionPool } from '../../electron/engine/models/session-pool.js';
import { ROOT } from '../helpers/run-cli.js';

export { hasSharedMedia, media, MEDIA, ROOT } from '../helpers/run-cli.js';

export const OBAMA_VIDEO = 'video/obama_weekly_address_challenges.mp4';

export async function openEngine(): Promise<{ tools: FfmpegTools; pool: SessionPool }> {
  const tools = await resolveFfmpegTools();
  const pool = new SessionPool({
    modelsDir: process.env.MOUTHPIECE_MODELS_DIR ?? join(ROOT, 'native-models', 'generated'),
    manifestPath: process.env.MOUTHPIECE_MODELS_MANIFEST ?? join(ROOT, 'native-models', 'manifest.json'),
  });
  return { tools, pool };
}

/** Shifts a series later by `frames` (earlier when negative), repeating the edge value. */
export function shiftSeries(values: number[], frames: number): number[] {
  return values.map((_, i) => values[Math.min(values.length - 1, Math.max(0, i - frames))]);
}
