/**
 * The one shape every frame synthesiser has. The pipeline (render/) prepares a scene once — face analysis, voiced
 * clips, performances, the view — and hands it to the synthesiser chosen for the face's kind; the synthesiser only
 * draws frames. Adding an engine (a neural mouth, say) is adding a file that implements this and a case in
 * `create-frame-synthesiser.ts`.
 */
import type { SubjectPerformance } from '../animate/performance-types.js';
import type { FaceSubject } from '../face/face-types.js';
import type { VideoTrack } from '../face/track-video.js';
import type { FfmpegTools } from '../media/ffmpeg-tools.js';
import type { RgbaImage } from '../media/rgba-image.js';
import type { MouthBank } from './mouth-bank/mouth-bank.js';

export type SynthesiserKind = 'photo-warp' | 'footage-dub';

/** A still picture: every frame is drawn from the same pixels. */
export interface StillSceneSource {
  kind: 'still';
  /** The view, in render pixels. */
  image: RgbaImage;
  /** Subjects in view, in `image` pixels (their `index` as in the analysis). */
  subjects: FaceSubject[];
  /** A clip of the speaking subject talking, banked: their own mouth interior instead of a painted one. */
  mouth?: { subjectIndex: number; bank: MouthBank };
}

/** Footage of a person: every frame is the clip's own, with the tracked subject's mouth re-synthesised. */
export interface FootageSceneSource {
  kind: 'footage';
  tools: FfmpegTools;
  path: string;
  /** The clip's frame rate (frames are read at this constant rate, whatever the file's timing). */
  clipFps: number;
  /** The tracked subject, one entry per clip frame, landmarks in the clip's pixels. */
  track: VideoTrack;
  bank: MouthBank;
  /** The clip frame each output frame shows. */
  order: Int32Array;
  /** The part of the clip's picture drawn (clip pixels, whole). */
  view: { x: number; y: number; width: number; height: number };
}

/** What a synthesiser draws: the scene's picture and each subject's performance over `frameCount` frames. */
export interface SynthesisScene {
  source: StillSceneSource | FootageSceneSource;
  performances: SubjectPerformance[];
  frameCount: number;
  fps: number;
}

/** A frame, and where it may differ from the one before it (pixels x0..x1−1, y0..y1−1); everywhere when absent. */
export type RedrawnFrame = RgbaImage & { readonly redrawn?: readonly { x0: number; y0: number; x1: number; y1: number }[] };

export interface FrameSynthesiser {
  readonly kind: SynthesiserKind;
  readonly width: number;
  readonly height: number;
  /**
   * Every frame in order. A frame's buffer may be reused as soon as the next one is asked for, so a synthesiser holds
   * a bounded number of frames whatever the length. A frame may list the rectangles it `redrawn`: outside them it is
   * bit-identical to the frame before it (the watermark then marks only those again).
   */
  frames(options?: { signal?: AbortSignal }): AsyncIterable<RedrawnFrame> | Iterable<RedrawnFrame>;
  /** One frame (0-based, clamped to the scene), for preview scrubbing; the buffer is valid until the next call. */
  frameAt(index: number, options?: { signal?: AbortSignal }): Promise<RgbaImage>;
  /** Releases decoders and buffers; idempotent. */
  close(): Promise<void>;
}
