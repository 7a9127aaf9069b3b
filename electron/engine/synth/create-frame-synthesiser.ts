import type { FrameSynthesiser, SynthesisScene } from './frame-synthesiser.js';
import { createFootageDubSynthesiser } from './footage-dub/footage-dub-synthesiser.js';
import { createPhotoWarpSynthesiser } from './photo-warp/photo-warp-synthesiser.js';

/** The synthesiser for the scene's kind of face. */
export function createFrameSynthesiser(scene: SynthesisScene): FrameSynthesiser {
  switch (scene.source.kind) {
    case 'still':
      return createPhotoWarpSynthesiser({ ...scene, source: scene.source });
    case 'footage':
      return createFootageDubSynthesiser({ ...scene, source: scene.source });
  }
}
