import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPaths } from '../../install-layout.js';
import { NEUTRAL_FRAME, type SubjectFrameParams } from '../../animate/performance-types.js';
import { analyzeImage } from '../../face/analyze-image.js';
import type { FaceAnalysis, FaceSubject, Point2 } from '../../face/face-types.js';
import { FACE_OVAL } from '../../face/mesh-regions.js';
import { pointInPolygon } from '../../face/subject-masks.js';
import { decodeImage, resolveFfmpegTools } from '../../media/index.js';
import type { RgbaImage } from '../../media/rgba-image.js';
import { SessionPool } from '../../models/session-pool.js';
import { hasSharedMedia, media } from '../../../../tests/helpers/run-cli.js';
import { createFaceRig } from './face-rig.js';
import { createFrameBuffer, renderFrame } from './render-frame.js';
import { maxDifference } from './test-support/face-measures.js';

let pool: SessionPool;
let image: RgbaImage;
let analysis: FaceAnalysis;

/** A subject's face outline grown by `margin` about its centre. */
function grownOval(subject: FaceSubject, margin: number): Point2[] {
  const oval = FACE_OVAL.map((i) => subject.landmarks[i]);
  const cx = oval.reduce((s, p) => s + p[0], 0) / oval.length;
  const cy = oval.reduce((s, p) => s + p[1], 0) / oval.length;
  return oval.map((p) => [cx + (p[0] - cx) * (1 + margin), cy + (p[1] - cy) * (1 + margin)] as Point2);
}

const TALKING: Partial<SubjectFrameParams> = { jawOpen: 1, teethShow: 1, lipRound: 0.5, blinkLeft: 1, blinkRight: 1, gazeX: 0.2, yaw: 0.2, pitch: 0.15, roll: 0.1, browRaise: 1, breath: 1 };

beforeAll(async () => {
  pool = new SessionPool(defaultModelPaths());
  const tools = await resolveFfmpegTools();
  ({ image } = await decodeImage(tools, media('images/group3_apollo11_crew_nasa.png')));
  analysis = await analyzeImage(pool, image);
});
afterAll(async () => {
  await pool.release();
});

describe.skipIf(!hasSharedMedia)('renderFrame in a group photo', () => {
  it('animating subject 1 leaves the faces of subjects 0 and 2 bit-identical', () => {
    expect(analysis.subjects.length).toBe(3);
    const rig = createFaceRig(image, analysis.subjects[1], { otherSubjects: analysis.subjects });
    const out = createFrameBuffer(image);
    renderFrame(image, [rig], [{ ...NEUTRAL_FRAME, ...TALKING }], out);
    for (const other of [analysis.subjects[0], analysis.subjects[2]]) {
      const face = grownOval(other, 0.1);
      expect(maxDifference(out, image, (x, y) => pointInPolygon([x, y], face))).toBe(0);
    }
    const own = grownOval(analysis.subjects[1], 0);
    expect(maxDifference(out, image, (x, y) => pointInPolygon([x, y], own))).toBeGreaterThan(40);
  });

  it('renders all three subjects at once, each inside its own outline', () => {
    const rigs = analysis.subjects.map((s) => createFaceRig(image, s, { otherSubjects: analysis.subjects }));
    const out = createFrameBuffer(image);
    renderFrame(image, rigs, rigs.map(() => ({ ...NEUTRAL_FRAME, ...TALKING })), out);
    const outside = (x: number, y: number) => rigs.every((r) => !pointInPolygon([x, y], r.outline));
    expect(maxDifference(out, image, outside)).toBe(0);
    for (const rig of rigs) {
      const face = grownOval(analysis.subjects[rig.subjectIndex], 0);
      expect(maxDifference(out, image, (x, y) => pointInPolygon([x, y], face))).toBeGreaterThan(40);
    }
  });

  it('pulls its outline in to keep clear of a face standing close by', () => {
    const subject = analysis.subjects[1];
    const width = subject.box[2];
    // a neighbour just beside the subject: the same face, moved over by 1.3 face widths
    const shift = (p: number[]) => [p[0] + 1.3 * width, p[1], p[2]] as [number, number, number];
    const neighbour: FaceSubject = { ...subject, index: 9, landmarks: subject.landmarks.map(shift), box: [subject.box[0] + 1.3 * width, subject.box[1], width, subject.box[3]] };
    const neighbourFace = grownOval(neighbour, 0.1);
    const careless = createFaceRig(image, subject);
    expect(careless.outline.some((p) => pointInPolygon(p, neighbourFace))).toBe(true);
    const careful = createFaceRig(image, subject, { otherSubjects: [subject, neighbour] });
    expect(careful.outline.some((p) => pointInPolygon(p, neighbourFace))).toBe(false);
    const out = createFrameBuffer(image);
    renderFrame(image, [careful], [{ ...NEUTRAL_FRAME, ...TALKING }], out);
    expect(maxDifference(out, image, (x, y) => pointInPolygon([x, y], neighbourFace))).toBe(0);
  });
});
