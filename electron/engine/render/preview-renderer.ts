/**
 * Preview frames drawn by the export's own engine: the same face analysis, voiced clips, performance and warp rig as
 * `renderTalkingVideo`, over the whole picture at a reduced size, one frame at a time, as an in-memory PNG. Everything
 * up to the rigs is prepared once per scene and kept (the face per file, each clip per source and fps, the last few
 * scenes whole), so scrubbing costs one warp and one PNG per frame; a changed scene rebuilds only what changed.
 */
import { rm } from 'node:fs/promises';
import type { SubjectFrameParams } from '../animate/performance-types.js';
import { InputError } from '../errors.js';
import { analyzeFile, type FileAnalysis } from '../face/analyze-file.js';
import { createTempFolder } from '../media/atomic-file.js';
import { encodePng } from '../media/encode-png.js';
import type { FfmpegTools, RgbaImage } from '../media/index.js';
import type { SessionPool } from '../models/session-pool.js';
import { prepareClipSpeech, prepareTrackClips, type PrepareClip, type PreparedClip } from './clip-speech.js';
import { createFaceRigs, type FaceRig } from './face-rig.js';
import { createFrameBuffer, renderFrame } from './render-frame.js';
import { paramsAt, rigTracks } from './render-frame-stream.js';
import { prepareRenderSource } from './render-source.js';
import { generateScenePerformances, sceneFrameCount } from './scene-performance.js';
import type { TalkingVideoRequest } from './talking-video-request.js';

/** What a preview shows: a render request without an output file or preset (the preview is the whole picture). */
export type PreviewScene = Pick<TalkingVideoRequest, 'facePath' | 'tracks' | 'styles' | 'fps' | 'seed' | 'origin'>;

export interface PreviewFrame {
  /** The frame as PNG (RGB). */
  png: Buffer;
  width: number;
  height: number;
  /** The time of the frame drawn (the request's time on the scene's frame grid, within the scene). */
  timeSec: number;
  /** Where the scene's last clip ends. */
  durationSec: number;
}

export interface PreviewRenderer {
  /** The frame at `timeSec`, the picture scaled to at most `maxSide` pixels a side (never enlarged). */
  frame(scene: PreviewScene, at: { timeSec: number; maxSide: number }, options?: { signal?: AbortSignal }): Promise<PreviewFrame>;
  /** Forgets every cached scene and removes the voices it synthesised. */
  close(): Promise<void>;
}

interface PreparedScene {
  source: RgbaImage;
  rigs: FaceRig[];
  /** Per rig, the performance's frames. */
  tracks: SubjectFrameParams[][];
  out: RgbaImage;
  fps: number;
  frameCount: number;
  durationSec: number;
}

const KEEP_SCENES = 3;
const KEEP_FACES = 2;
const KEEP_CLIPS = 64;

export function createPreviewRenderer(deps: { tools: FfmpegTools; pool: SessionPool }): PreviewRenderer {
  const faces = createLru<Promise<FileAnalysis>>(KEEP_FACES);
  const clips = createLru<Promise<PreparedClip>>(KEEP_CLIPS);
  const scenes = createLru<Promise<PreparedScene>>(KEEP_SCENES);
  let tempDir: Promise<string> | undefined;
  let clipNumber = 0;

  const workDir = () =>
    (tempDir ??= createTempFolder('mouthpiece-preview-', 'the preview').catch((error: unknown) => {
      tempDir = undefined;
      throw error;
    }));

  const prepareClip: PrepareClip = async (clip, options) => {
    const key = JSON.stringify([clip.source, options.fps]);
    const name = `clip-${++clipNumber}`;
    const prepared = await clips.getOrCreate(key, async () => prepareClipSpeech({ ...deps, tempDir: await workDir() }, { ...clip, startSec: 0 }, { ...options, name }));
    return { ...prepared, startSec: clip.startSec };
  };

  const prepareScene = async (scene: PreviewScene, maxSide: number, signal?: AbortSignal): Promise<PreparedScene> => {
    const analysis = await faces.getOrCreate(scene.facePath, () => analyzeFile(deps, scene.facePath, { signal }));
    for (const track of scene.tracks) {
      if (!analysis.subjects[track.subject]) {
        throw new InputError('NO_SUCH_SUBJECT', `${scene.facePath}: there is no subject ${track.subject}; this picture has ${analysis.subjects.length} face(s).`, scene.facePath);
      }
    }
    const whole = { x: 0, y: 0, width: analysis.width, height: analysis.height };
    const source = prepareRenderSource({ analysis, framing: { view: whole, scale: Math.min(1, maxSide / Math.max(analysis.width, analysis.height)) } });
    const prepared = await prepareTrackClips(scene, prepareClip, { signal });
    const durationSec = Math.max(0, ...prepared.flat().map((c) => c.startSec + c.durationSec));
    const frameCount = sceneFrameCount(durationSec, scene.fps);
    const performances = generateScenePerformances({ request: scene, analysis, subjects: source.subjects, clips: prepared, frameCount });
    const rigs = createFaceRigs(source.image, source.subjects);
    return { source: source.image, rigs, tracks: rigTracks(rigs, performances), out: createFrameBuffer(source.image), fps: scene.fps, frameCount, durationSec };
  };

  return {
    async frame(scene, { timeSec, maxSide }, options = {}) {
      const key = JSON.stringify([scene.facePath, scene.tracks, scene.styles ?? {}, scene.fps, scene.seed, maxSide]);
      const prepared = await scenes.getOrCreate(key, () => prepareScene(scene, maxSide, options.signal));
      const index = Math.min(prepared.frameCount - 1, Math.max(0, Math.round(timeSec * prepared.fps)));
      // Rendering is synchronous: no other frame can use the scene's rigs or buffer until it is encoded.
      renderFrame(prepared.source, prepared.rigs, paramsAt(prepared.tracks, index, []), prepared.out);
      return { png: encodePng(prepared.out), width: prepared.out.width, height: prepared.out.height, timeSec: index / prepared.fps, durationSec: prepared.durationSec };
    },
    async close() {
      faces.clear();
      clips.clear();
      scenes.clear();
      const dir = await tempDir?.catch(() => undefined);
      tempDir = undefined;
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A few most recently used promises by key; a rejected one is dropped so the next call tries again. */
function createLru<T extends Promise<unknown>>(capacity: number) {
  const entries = new Map<string, T>();
  return {
    getOrCreate(key: string, create: () => T): T {
      const found = entries.get(key);
      if (found) {
        entries.delete(key);
        entries.set(key, found);
        return found;
      }
      const created = create();
      entries.set(key, created);
      created.catch(() => entries.get(key) === created && entries.delete(key));
      while (entries.size > capacity) entries.delete(entries.keys().next().value as string);
      return created;
    },
    clear: () => entries.clear(),
  };
}
