/**
 * The one shape every frame synthesiser has. The pipeline (render/) prepares a scene once — face analysis, voiced
 * clips, performances, the view — and hands it to the synthesiser chosen for the face's kind; the synthesiser only
 * draws frames. Adding an engine (a neural mouth, say) is adding a file that implements this and a case in
 * `create-frame-synthesiser.ts`.
 */
import type { SubjectPerformance } from '../animate/performance-types.js';
import type { FaceSubject } from '../face/face-types.js';
import type { RgbaImage } from '../media/rgba-image.js';

export type SynthesiserKind = 'photo-warp' | 'footage-dub';

/** A still picture: every frame is drawn from the same pixels. */
export interface StillSceneSource {
  kind: 'still';
  /** The view, in render pixels. */
  image: RgbaImage;
  /** Subjects in view, in `image` pixels (their `index` as in the analysis). */
  subjects: FaceSubject[];
}

/** What a synthesiser draws: the scene's picture and each subject's performance over `frameCount` frames. */
export interface SynthesisScene {
  source: StillSceneSource;
  performances: SubjectPerformance[];
  frameCount: number;
  fps: number;
}

export interface FrameSynthesiser {
  readonly kind: SynthesiserKind;
  readonly width: number;
  readonly height: number;
  /**
   * Every frame in order. A frame's buffer may be reused as soon as the next one is asked for, so a synthesiser holds
   * a bounded number of frames whatever the length.
   */
  frames(options?: { signal?: AbortSignal }): AsyncIterable<RgbaImage> | Iterable<RgbaImage>;
  /** One frame (0-based, clamped to the scene), for preview scrubbing; the buffer is valid until the next call. */
  frameAt(index: number, options?: { signal?: AbortSignal }): Promise<RgbaImage>;
  /** Releases decoders and buffers; idempotent. */
  close(): Promise<void>;
}
