/**
 * Preview frames drawn by the export's own engine: the same scene preparation (`prepareScene`) and frame synthesiser
 * as `renderTalkingVideo`, over the whole picture at a reduced size, one frame at a time, in memory. Each
 * part is kept (the face per file, each clip per source and fps, the last few scenes whole), so scrubbing costs one
 * synthesised frame; a changed scene rebuilds only what changed. The caller chooses how to send it (PNG for a still,
 * JPEG during playback).
 */
import { rm } from 'node:fs/promises';
import { analyzeFile, type FileAnalysis } from '../face/analyze-file.js';
import { createTempFolder } from '../media/atomic-file.js';
import type { FfmpegTools, RgbaImage } from '../media/index.js';
import type { SessionPool } from '../models/session-pool.js';
import type { FrameSynthesiser } from '../synth/frame-synthesiser.js';
import { cropAndShrink } from './area-downscale.js';
import { prepareClipSpeech, type PrepareClip, type PreparedClip } from './clip-speech.js';
import { prepareScene, synthesiseScene, type SceneParts, type SceneRequest } from './prepare-scene.js';
import { prepareMouthReference } from './track-mouth-bank.js';
import type { MouthBank } from '../synth/mouth-bank/mouth-bank.js';

/** What a preview shows: a render request without an output file or preset (the preview is the whole picture). */
export type PreviewScene = SceneRequest;

export interface PreviewFrame {
  image: RgbaImage;
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

interface PreviewedScene {
  synthesiser: FrameSynthesiser;
  fps: number;
  frameCount: number;
  durationSec: number;
}

const KEEP_SCENES = 3;
const KEEP_FACES = 2;
const KEEP_CLIPS = 64;
const KEEP_MOUTH_BANKS = 2;

export function createPreviewRenderer(deps: { tools: FfmpegTools; pool: SessionPool }): PreviewRenderer {
  const faces = createLru<Promise<FileAnalysis>>(KEEP_FACES);
  const clips = createLru<Promise<PreparedClip>>(KEEP_CLIPS);
  // a personal mouth's clip is tracked once, not again whenever the timeline changes
  const mouthBanks = createLru<Promise<MouthBank>>(KEEP_MOUTH_BANKS);
  const scenes = createLru<Promise<PreviewedScene>>(KEEP_SCENES, (scene) => void scene.then((s) => s.synthesiser.close()).catch(() => {}));
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
  const parts: SceneParts = {
    analyse: (facePath, signal) => faces.getOrCreate(facePath, () => analyzeFile(deps, facePath, { signal })),
    prepareClip,
  };

  const previewScene = async (scene: PreviewScene, maxSide: number, signal?: AbortSignal): Promise<PreviewedScene> => {
    const prepared = await prepareScene(parts, scene, { signal });
    const { analysis } = prepared;
    const whole = { x: 0, y: 0, width: analysis.width, height: analysis.height };
    const drawn = await synthesiseScene(deps, prepared, scene, { view: whole, scale: Math.min(1, maxSide / Math.max(analysis.width, analysis.height)) }, {
      signal,
      mouthBank: (clipPath, bankSignal) => mouthBanks.getOrCreate(clipPath, () => prepareMouthReference(deps, clipPath, { signal: bankSignal })),
    });
    return { synthesiser: drawn.synthesiser, fps: scene.fps, frameCount: drawn.frameCount, durationSec: drawn.durationSec };
  };

  return {
    async frame(scene, { timeSec, maxSide }, options = {}) {
      const key = JSON.stringify([scene.facePath, scene.tracks, scene.styles ?? {}, scene.fps, scene.seed, scene.footage ?? {}, scene.mouthFrom ?? null, maxSide]);
      const previewed = await scenes.getOrCreate(key, () => previewScene(scene, maxSide, options.signal));
      const index = Math.min(previewed.frameCount - 1, Math.max(0, Math.round(timeSec * previewed.fps)));
      const drawn = await previewed.synthesiser.frameAt(index, options);
      // a photo is drawn at the preview's size already; footage comes at the clip's
      const shrink = Math.min(1, maxSide / Math.max(drawn.width, drawn.height));
      // (a copy either way: the synthesiser draws its next frame into the same buffer)
      const out = shrink < 1 ? cropAndShrink(drawn, { x: 0, y: 0, width: drawn.width, height: drawn.height }, Math.max(1, Math.round(drawn.width * shrink)), Math.max(1, Math.round(drawn.height * shrink))) : { width: drawn.width, height: drawn.height, data: drawn.data.slice(0, drawn.width * drawn.height * 4) };
      return { image: out, width: out.width, height: out.height, timeSec: index / previewed.fps, durationSec: previewed.durationSec };
    },
    async close() {
      faces.clear();
      clips.clear();
      mouthBanks.clear();
      scenes.clear();
      const dir = await tempDir?.catch(() => undefined);
      tempDir = undefined;
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A few most recently used promises by key; a rejected one is dropped so the next call tries again. */
function createLru<T extends Promise<unknown>>(capacity: number, onEvict?: (value: T) => void) {
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
      while (entries.size > capacity) {
        const oldest = entries.keys().next().value as string;
        onEvict?.(entries.get(oldest) as T);
        entries.delete(oldest);
      }
      return created;
    },
    clear: () => {
      for (const value of entries.values()) onEvict?.(value);
      entries.clear();
    },
  };
}
