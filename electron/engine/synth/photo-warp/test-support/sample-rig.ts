import { analyzeImage } from '../../../face/analyze-image.js';
import { defaultModelPaths } from '../../../install-layout.js';
import { decodeImage, resolveFfmpegTools } from '../../../media/index.js';
import type { RgbaImage } from '../../../media/rgba-image.js';
import { SessionPool } from '../../../models/session-pool.js';
import { SAMPLE_FACE } from '../../../../../tests/helpers/shared-media.js';
import { createFaceRig, type FaceRig } from '../face-rig.js';

/** The bundled sample portrait, analysed with the real models, and the rig of its face; release the pool after. */
export async function openSampleRig(): Promise<{ pool: SessionPool; image: RgbaImage; rig: FaceRig }> {
  const pool = new SessionPool(defaultModelPaths());
  const { image } = await decodeImage(await resolveFfmpegTools(), SAMPLE_FACE);
  const { subjects } = await analyzeImage(pool, image);
  return { pool, image, rig: createFaceRig(image, subjects[0], { otherSubjects: subjects }) };
}
