import { createEngineContext } from '../../electron/engine/engine-context.js';
import { parseCustomExportPreset } from '../../electron/engine/export/export-presets.js';
import { renderTalkingVideo } from '../../electron/engine/render/render-talking-video.js';
import { defaultModelPaths } from '../../electron/engine/install-layout.js';
import { SAMPLE_FACE, SAMPLE_VOICE } from './shared-media.js';

/**
 * A tiny real render of the bundled sample (480 px square, 12 fps, 2 s of the sample's voice), signed and
 * watermarked with the identity of the library in `libraryDir`, as a studio render with that library is.
 */
export async function renderSampleVideo({ outPath, libraryDir }: { outPath: string; libraryDir: string }): Promise<void> {
  const engine = await createEngineContext(defaultModelPaths());
  try {
    await renderTalkingVideo(
      { tools: engine.tools, pool: engine.pool, libraryDir },
      {
        facePath: SAMPLE_FACE,
        tracks: [{ subject: 0, clips: [{ startSec: 0, source: { kind: 'audio', path: SAMPLE_VOICE, trimStartSec: 0, trimEndSec: 2 } }] }],
        preset: 'square',
        exportPreset: parseCustomExportPreset({ name: 'tiny', width: 480, height: 480, fps: 12 }),
        fps: 12,
        seed: 1,
        outPath,
        consent: { statement: 'Public-domain NASA portrait.', source: 'sample' },
      },
    );
  } finally {
    await engine.close();
  }
}
