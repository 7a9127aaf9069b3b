/**
 * The one scene preparation the export and the preview share: the face analysed and its speakers checked, every clip
 * voiced and analysed, the length in frames; then, for a chosen view, the picture cut out, every subject's
 * performance generated and the synthesiser for the face's kind made. Errors are worded once, here.
 */
import { InputError } from '../errors.js';
import type { FileAnalysis } from '../face/analyze-file.js';
import type { FaceSubject } from '../face/face-types.js';
import { createFrameSynthesiser } from '../synth/create-frame-synthesiser.js';
import type { FrameSynthesiser } from '../synth/frame-synthesiser.js';
import { prepareTrackClips, type PrepareClip, type PreparedClip } from './clip-speech.js';
import type { Framing } from './framing.js';
import { describeFace, prepareRenderSource } from './render-source.js';
import { generateScenePerformances, sceneFrameCount } from './scene-performance.js';
import type { TalkingVideoRequest } from './talking-video-request.js';

/** A face smaller than this (landmark box height, photo pixels) has too few pixels to animate credibly. */
export const MIN_FACE_HEIGHT_PX = 32;

/** What a scene is, whether it is exported or previewed: a render request without an output file or preset. */
export type SceneRequest = Pick<TalkingVideoRequest, 'facePath' | 'tracks' | 'styles' | 'fps' | 'seed' | 'origin'>;

/** How the scene's parts are made (the preview passes caching versions). */
export interface SceneParts {
  analyse: (facePath: string, signal?: AbortSignal) => Promise<FileAnalysis>;
  prepareClip: PrepareClip;
}

export interface PreparedScene {
  analysis: FileAnalysis;
  /** The speaking subjects, in the order of the request's tracks, in the analysis' pixels. */
  speakers: FaceSubject[];
  /** `clips[t]` are the voiced clips of track t. */
  clips: PreparedClip[][];
  /** Where the last clip ends. */
  durationSec: number;
  frameCount: number;
}

export async function prepareScene(
  parts: SceneParts,
  scene: SceneRequest,
  options: { signal?: AbortSignal; onProgress?: (phase: 'analyse' | 'speech', ratio: number) => void } = {},
): Promise<PreparedScene> {
  const { signal, onProgress } = options;
  onProgress?.('analyse', 0);
  const analysis = await parts.analyse(scene.facePath, signal);
  const speakers = scene.tracks.map((track) => findSpeaker(analysis, track.subject, scene.facePath));
  onProgress?.('analyse', 1);
  const clips = await prepareTrackClips(scene, parts.prepareClip, { signal, onClipDone: (done, total) => onProgress?.('speech', total === 0 ? 1 : done / total) });
  const durationSec = Math.max(0, ...clips.flat().map((c) => c.startSec + c.durationSec));
  return { analysis, speakers, clips, durationSec, frameCount: sceneFrameCount(durationSec, scene.fps) };
}

/** The prepared scene seen through `view` (analysis pixels, drawn at `scale` render pixels each), ready to draw. */
export function synthesiseScene(prepared: PreparedScene, scene: SceneRequest, view: Pick<Framing, 'view' | 'scale'>): { synthesiser: FrameSynthesiser; subjects: FaceSubject[] } {
  const { analysis, clips, frameCount } = prepared;
  const source = prepareRenderSource({ analysis, framing: view });
  const performances = generateScenePerformances({ request: scene, analysis, subjects: source.subjects, clips, frameCount });
  const synthesiser = createFrameSynthesiser({ source: { kind: 'still', image: source.image, subjects: source.subjects }, performances, frameCount, fps: scene.fps });
  return { synthesiser, subjects: source.subjects };
}

function findSpeaker(analysis: FileAnalysis, index: number, facePath: string): FaceSubject {
  const count = analysis.subjects.length;
  const subject = analysis.subjects[index];
  if (!subject) {
    const range = count === 1 ? 'only subject 0' : `subjects 0–${count - 1} (0 = largest face)`;
    throw new InputError('NO_SUCH_SUBJECT', `${facePath}: there is no subject ${index}; this picture has ${count} face${count === 1 ? '' : 's'}: ${range}.`, facePath);
  }
  const height = describeFace(subject).box.height;
  if (height < MIN_FACE_HEIGHT_PX) {
    throw new InputError(
      'NO_FACE',
      `${facePath}: the face of subject ${index} is only ${Math.round(height)} px tall; at least ${MIN_FACE_HEIGHT_PX} px is needed to animate it. Use a larger picture.`,
      facePath,
    );
  }
  return subject;
}
