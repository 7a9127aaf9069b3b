import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPaths } from '../../install-layout.js';
import { NEUTRAL_FRAME } from '../../animate/performance-types.js';
import { analyzeImage } from '../../face/analyze-image.js';
import { LIPS_INNER } from '../../face/mesh-regions.js';
import { lumasInside } from '../../face/subject-masks.js';
import { decodeImage, resolveFfmpegTools } from '../../media/index.js';
import { lumaAt } from '../../media/rgba-image.js';
import { SessionPool } from '../../models/session-pool.js';
import { quantile } from '../../media/image-statistics.js';
import { hasSharedMedia, media } from '../../../../tests/helpers/run-cli.js';
import { createFaceRigs, type FaceRig } from './face-rig.js';
import { createFrameBuffer, renderFrame } from './render-frame.js';

/**
 * Small faces in group photos get teeth too (issue 14). Their eyes are a few pixels across, often squinting or in
 * shade, so the "eye whites" the teeth are toned to can read far darker than the skin: the footballers' teeth came
 * out black (enamel luma 40 and 3 beside skin of 133 and 25).
 */
const GROUPS = ['group3_soccer_players_cc0.jpg', 'group3_apollo11_crew_nasa.png'];

describe.skipIf(!hasSharedMedia)('teeth on the small faces of a group photo', () => {
  let pool: SessionPool;
  beforeAll(() => {
    pool = new SessionPool(defaultModelPaths());
  });
  afterAll(async () => {
    await pool?.release();
  });

  it.each(GROUPS)('paints every face’s teeth lighter than its skin and its open mouth (%s)', async (name) => {
    const tools = await resolveFfmpegTools();
    const { image } = await decodeImage(tools, media(`images/${name}`));
    const { subjects } = await analyzeImage(pool, image);
    expect(subjects.length).toBeGreaterThanOrEqual(3);
    const rigs: FaceRig[] = createFaceRigs(image, subjects);
    const frame = createFrameBuffer(image);
    renderFrame(image, rigs, rigs.map(() => ({ ...NEUTRAL_FRAME, jawOpen: 0.6, teethShow: 1 })), frame);
    for (const rig of rigs) {
      const { enamel, cavity, skinLuma } = rig.colours;
      expect(lumaAt(enamel)).toBeGreaterThan(0.8 * skinLuma);
      const dest = rig.scratch.dest;
      const mouth = LIPS_INNER.map((i): [number, number] => [dest[2 * i], dest[2 * i + 1]]);
      // the brightest of the opening is teeth, well above the cavity's own colour
      expect(quantile(lumasInside(frame, mouth), 0.9)).toBeGreaterThan(lumaAt(cavity) + 0.5 * (lumaAt(enamel) - lumaAt(cavity)));
    }
  });
});
