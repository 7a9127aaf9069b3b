/**
 * The one scene preparation the export and the preview share: the face analysed and its speakers checked, every clip
 * voiced and analysed, the length in frames; then, for a chosen view, the picture cut out, every subject's
 * performance generated and the synthesiser for the face's kind made. Errors are worded once, here.
 */
import { InputError } from '../errors.js';
import type { MouthBank } from '../synth/mouth-bank/mouth-bank.js';
import type { FileAnalysis } from '../face/analyze-file.js';
import type { FaceSubject } from '../face/face-types.js';
import { createFrameSynthesiser } from '../synth/create-frame-synthesiser.js';
import type { FfmpegTools } from '../media/index.js';
import type { SessionPool } from '../models/session-pool.js';
import type { FrameSynthesiser } from '../synth/frame-synthesiser.js';
import { prepareTrackClips, type PrepareClip, type PreparedClip } from './clip-speech.js';
import type { Framing, Rect } from './framing.js';
import { orderFootage, prepareFootage } from './prepare-footage.js';
import { prepareMouthReference } from './track-mouth-bank.js';
import { describeFace, prepareRenderSource } from './render-source.js';
import { generateScenePerformances, sceneFrameCount } from './scene-performance.js';
import type { TalkingVideoRequest } from './talking-video-request.js';

/** A face smaller than this (landmark box height, photo pixels) has too few pixels to animate credibly. */
export const MIN_FACE_HEIGHT_PX = 32;

/** What a scene is, whether it is exported or previewed: a render request without an output file or preset. */
export type SceneRequest = Pick<TalkingVideoRequest, 'facePath' | 'tracks' | 'styles' | 'fps' | 'seed' | 'origin' | 'footage' | 'mouthFrom'>;

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

export interface SynthesisedScene {
  synthesiser: FrameSynthesiser;
  /** The subjects in view (their `index` as in the analysis). */
  subjects: FaceSubject[];
  /** Frames to draw: the voice's length, or (footage kept whole) the clip's when that is longer. */
  frameCount: number;
  durationSec: number;
  /** For footage: what the length rule did, in a creator's words. */
  lengthNote?: string;
}

/** The mouth bank of a clip of the person talking (the preview keeps these per clip; a render builds its one). */
export type MouthBankOf = (clipPath: string, signal?: AbortSignal) => Promise<MouthBank>;

/**
 * The prepared scene seen through `view` (analysis pixels, drawn at `scale` render pixels each), ready to draw: a
 * photo gets the warp engine; a video gets the footage dub, after one tracking pass over the clip.
 */
export async function synthesiseScene(
  deps: { tools: FfmpegTools; pool: SessionPool },
  prepared: PreparedScene,
  scene: SceneRequest,
  view: Pick<Framing, 'view' | 'scale'>,
  options: { signal?: AbortSignal; onTrackProgress?: (ratio: number) => void; mouthBank?: MouthBankOf } = {},
): Promise<SynthesisedScene> {
  const { analysis, clips } = prepared;
  if (analysis.kind === 'video') return synthesiseFootage(deps, prepared, scene, view.view, options);
  const { frameCount, durationSec } = prepared;
  const source = prepareRenderSource({ analysis, framing: view });
  const performances = generateScenePerformances({ request: scene, analysis, subjects: source.subjects, clips, frameCount });
  const bankOf: MouthBankOf = options.mouthBank ?? ((clipPath, signal) => prepareMouthReference(deps, clipPath, { signal, onProgress: options.onTrackProgress }));
  const mouth = scene.mouthFrom ? { subjectIndex: scene.tracks[0]?.subject ?? 0, bank: await bankOf(scene.mouthFrom, options.signal) } : undefined;
  const synthesiser = createFrameSynthesiser({ source: { kind: 'still', image: source.image, subjects: source.subjects, mouth }, performances, frameCount, fps: scene.fps });
  return { synthesiser, subjects: source.subjects, frameCount, durationSec };
}

async function synthesiseFootage(
  deps: { tools: FfmpegTools; pool: SessionPool },
  prepared: PreparedScene,
  scene: SceneRequest,
  view: Rect,
  options: { signal?: AbortSignal; onTrackProgress?: (ratio: number) => void },
): Promise<SynthesisedScene> {
  const { analysis, clips } = prepared;
  if (scene.mouthFrom) {
    throw new InputError('BAD_ARGUMENT', `--mouth-from is for a photo face; footage (${scene.facePath}) keeps the mouth of its own frames.`, scene.mouthFrom);
  }
  if (scene.tracks.length !== 1) {
    throw new InputError('BAD_ARGUMENT', `${scene.facePath}: dubbing footage takes one speaking subject; this scene has ${scene.tracks.length}.`, scene.facePath);
  }
  const speaker = analysis.subjects[scene.tracks[0].subject];
  const footage = await prepareFootage(deps, analysis, speaker.index, { signal: options.signal, onProgress: options.onTrackProgress });
  const { order, frameCount } = orderFootage(footage, prepared.frameCount, scene.fps, scene.footage ?? {});
  const performances = generateScenePerformances({ request: scene, analysis, subjects: [speaker], clips, frameCount });
  const whole = clampRect(view, footage.source.track.width, footage.source.track.height);
  const synthesiser = createFrameSynthesiser({ source: { ...footage.source, order, view: whole }, performances, frameCount, fps: scene.fps });
  return { synthesiser, subjects: [speaker], frameCount, durationSec: frameCount / scene.fps, lengthNote: describeLength(scene.facePath, prepared.durationSec, footage.clipDurationSec, frameCount / scene.fps) };
}

function describeLength(facePath: string, voiceSec: number, clipSec: number, videoSec: number): string | undefined {
  if (voiceSec > clipSec + 0.05) return `${facePath}: the voice (${voiceSec.toFixed(1)} s) is longer than the clip (${clipSec.toFixed(1)} s): the footage plays on forward and back to cover it.`;
  if (videoSec < clipSec - 0.05) return `${facePath}: the video ends with the voice at ${videoSec.toFixed(1)} s (the clip is ${clipSec.toFixed(1)} s; --keep-clip-length keeps all of it).`;
  return undefined;
}

function clampRect(rect: Rect, width: number, height: number): Rect {
  const x = Math.max(0, Math.min(width - 1, Math.round(rect.x)));
  const y = Math.max(0, Math.min(height - 1, Math.round(rect.y)));
  return { x, y, width: Math.max(1, Math.min(width - x, Math.round(rect.width))), height: Math.max(1, Math.min(height - y, Math.round(rect.height))) };
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
