/**
 * The picture the renderer works on: the framing's view cut out of the photo, pre-scaled once when the
 * output is much smaller than the photo, with every subject's geometry moved into its pixels.
 */
import type { FileAnalysis } from '../face/analyze-file.js';
import { landmarkBounds } from '../face/analyze-image.js';
import type { FaceSubject, Point2, Point3 } from '../face/face-types.js';
import { LEFT_EYE_CORNERS, RIGHT_EYE_CORNERS } from '../face/mesh-regions.js';
import type { RgbaImage } from '../media/index.js';
import { cropAndShrink } from './area-downscale.js';
import type { FramedFace, Framing, Rect } from './framing.js';

/** Below this output-to-photo scale the view is shrunk once before rendering, instead of by ffmpeg every frame. */
const PRESCALE_BELOW = 0.85;

export interface RenderSource {
  /** The view, at `scale` render pixels per photo pixel. */
  image: RgbaImage;
  /** Subjects whose face is in the view, in `image` pixels (their `index` unchanged). */
  subjects: FaceSubject[];
  scale: number;
}

/** Landmark bounding box and eye height of a subject, in the analysis' (original photo) pixels. */
export function describeFace(subject: FaceSubject): FramedFace {
  const [x, y, width, height] = landmarkBounds(subject.landmarks);
  const eyes = [...RIGHT_EYE_CORNERS, ...LEFT_EYE_CORNERS].map((i) => subject.landmarks[i][1]);
  return { box: { x, y, width, height }, eyeY: eyes.reduce((a, b) => a + b, 0) / eyes.length };
}

/**
 * Cuts the framing's view out of the analysed picture, shrunk to the output's resolution when the photo
 * has more pixels than the output shows (rendering them would be wasted work), and moves the subjects in
 * view into its pixels. The analysed picture is the photo itself unless that is over 4096 px a side.
 */
export function prepareRenderSource(input: { analysis: FileAnalysis; framing: Pick<Framing, 'view' | 'scale'> }): RenderSource {
  // The same analysis seen the same way gives the same source: a preview rebuilt after an edit of the line, or the
  // shots of one export, reuse it (and with it the rigs built on it) instead of shrinking the photo again.
  const key = JSON.stringify([input.framing.view, input.framing.scale]);
  const known = sourcesByAnalysis.get(input.analysis) ?? new Map<string, RenderSource>();
  sourcesByAnalysis.set(input.analysis, known);
  const found = known.get(key);
  if (found) return found;
  const source = cutRenderSource(input);
  known.set(key, source);
  if (known.size > SOURCES_KEPT_PER_ANALYSIS) known.delete(known.keys().next().value as string);
  return source;
}

const sourcesByAnalysis = new WeakMap<FileAnalysis, Map<string, RenderSource>>();
const SOURCES_KEPT_PER_ANALYSIS = 8;

function cutRenderSource(input: { analysis: FileAnalysis; framing: Pick<Framing, 'view' | 'scale'> }): RenderSource {
  const { analysis, framing } = input;
  const picture = analysis.image;
  const pictureScale = analysis.analysisScale;
  const view = scaledView(framing.view, pictureScale, picture);
  const wanted = framing.scale < PRESCALE_BELOW * pictureScale ? framing.scale : pictureScale;
  const width = Math.max(1, Math.round(framing.view.width * wanted));
  const height = Math.max(1, Math.round(framing.view.height * wanted));
  const shrink = width < view.width && height < view.height;
  const image = shrink ? cropAndShrink(picture, view, width, height) : cropImage(picture, view);
  // Subjects: photo pixels → picture pixels → the cut-out (shrunk by image.width / view.width).
  const k = image.width / view.width;
  const scale = pictureScale * k;
  const subjects = analysis.subjects
    .filter((s) => overlaps(describeFace(s).box, framing.view))
    .map((s) => moveSubject(s, scale, view.x * k, view.y * k));
  return { image, subjects, scale };
}

function scaledView(view: Rect, scale: number, picture: RgbaImage): Rect {
  const x = Math.min(picture.width - 1, Math.max(0, Math.floor(view.x * scale)));
  const y = Math.min(picture.height - 1, Math.max(0, Math.floor(view.y * scale)));
  const width = Math.max(1, Math.min(picture.width - x, Math.round(view.width * scale)));
  const height = Math.max(1, Math.min(picture.height - y, Math.round(view.height * scale)));
  return { x, y, width, height };
}

export function cropImage(image: RgbaImage, rect: Rect): RgbaImage {
  if (rect.x === 0 && rect.y === 0 && rect.width === image.width && rect.height === image.height) return image;
  const data = new Uint8Array(rect.width * rect.height * 4);
  for (let row = 0; row < rect.height; row++) {
    const from = ((rect.y + row) * image.width + rect.x) * 4;
    data.set(image.data.subarray(from, from + rect.width * 4), row * rect.width * 4);
  }
  return { width: rect.width, height: rect.height, data };
}

/** A subject's geometry scaled by `scale` and shifted by (-dx, -dy): from photo pixels into a cut-out's pixels. */
export function moveSubject(subject: FaceSubject, scale: number, dx: number, dy: number): FaceSubject {
  const p2 = (p: Point2): Point2 => [p[0] * scale - dx, p[1] * scale - dy];
  const p3 = (p: Point3): Point3 => [p[0] * scale - dx, p[1] * scale - dy, p[2] * scale];
  const [bx, by, bw, bh] = subject.box;
  return {
    ...subject,
    box: [bx * scale - dx, by * scale - dy, bw * scale, bh * scale],
    area: subject.area * scale * scale,
    landmarks: subject.landmarks.map(p3),
    irises: { left: subject.irises.left.map(p3), right: subject.irises.right.map(p3) },
    masks: Object.fromEntries(Object.entries(subject.masks).map(([name, polygon]) => [name, polygon.map(p2)])) as FaceSubject['masks'],
  };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
