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
import type { FrameSynthesiser, RedrawnFrame } from '../synth/frame-synthesiser.js';
import { cropAndShrink } from './area-downscale.js';
import { prepareClipSpeech, type PrepareClip, type PreparedClip } from './clip-speech.js';
import { prepareScene, synthesiseScene, type SceneParts, type SceneRequest } from './prepare-scene.js';
import { createSpeechWarmUp } from './speech-warm-up.js';
import { prepareMouthReference } from './track-mouth-bank.js';
import type { MouthBank } from '../synth/mouth-bank/mouth-bank.js';

/** What a preview shows: a render request without an output file or preset (the preview is the whole picture). */
export type PreviewScene = SceneRequest;

/** Where a patch goes in the whole frame (pixels). */
export interface PreviewPatch {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PreviewFrame {
  /** The whole frame, or only the part at `patch` when the caller holds a frame of the same `base`. */
  image: RgbaImage;
  width: number;
  height: number;
  /** The time of the frame drawn (the request's time on the scene's frame grid, within the scene). */
  timeSec: number;
  /** Where the scene's last clip ends. */
  durationSec: number;
  /**
   * For a photo: every frame of every scene with this `base` equals the photo outside one rectangle, so a caller
   * holding any of them needs only that rectangle (`patch`). Null for footage, where the whole picture moves.
   */
  base: string | null;
  patch?: PreviewPatch;
}

export interface PreviewRenderer {
  /**
   * The frame at `timeSec`, the picture scaled to at most `maxSide` pixels a side (never enlarged); only its changing
   * rectangle when `patchOf` is the frame's `base`.
   */
  frame(scene: PreviewScene, at: { timeSec: number; maxSide: number; patchOf?: string }, options?: { signal?: AbortSignal }): Promise<PreviewFrame>;
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
  const speechWarmUp = createSpeechWarmUp();

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
    async frame(scene, { timeSec, maxSide, patchOf }, options = {}) {
      const key = JSON.stringify([scene.facePath, scene.tracks, scene.styles ?? {}, scene.fps, scene.seed, scene.footage ?? {}, scene.mouthFrom ?? null, maxSide]);
      const previewed = await scenes.getOrCreate(key, () => previewScene(scene, maxSide, options.signal));
      if (scene.tracks.some((track) => track.clips.some((clip) => clip.source.kind === 'say'))) speechWarmUp.touch();
      const index = Math.min(previewed.frameCount - 1, Math.max(0, Math.round(timeSec * previewed.fps)));
      const drawn = await previewed.synthesiser.frameAt(index, options);
      const timing = { timeSec: index / previewed.fps, durationSec: previewed.durationSec };
      const still = previewed.synthesiser.kind === 'photo-warp' && Math.max(drawn.width, drawn.height) <= maxSide ? stillBase(scene.facePath, drawn) : null;
      if (still && patchOf === still.base) {
        const { x, y, width, height } = still.patch;
        return { image: cropRect(drawn, still.patch), width: drawn.width, height: drawn.height, ...timing, base: still.base, patch: { x, y, width, height } };
      }
      // a photo is drawn at the preview's size already; footage comes at the clip's
      const shrink = Math.min(1, maxSide / Math.max(drawn.width, drawn.height));
      // (a copy either way: the synthesiser draws its next frame into the same buffer)
      const out = shrink < 1 ? cropAndShrink(drawn, { x: 0, y: 0, width: drawn.width, height: drawn.height }, Math.max(1, Math.round(drawn.width * shrink)), Math.max(1, Math.round(drawn.height * shrink))) : { width: drawn.width, height: drawn.height, data: drawn.data.slice(0, drawn.width * drawn.height * 4) };
      return { image: out, width: out.width, height: out.height, ...timing, base: still?.base ?? null };
    },
    async close() {
      speechWarmUp.close();
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

/** Tells this engine's bases from another run's (a page may outlive the engine that drew its frame). */
const RUN = Math.random().toString(36).slice(2, 10);
/** Patches snap to JPEG's 16-pixel blocks, so that a patch's blocks fall where the whole frame's did. */
const BLOCK = 16;

/**
 * A photo's frame is the photo (at this size) outside the regions its rigs redraw: the base names the photo, the size
 * and the regions; the patch is their bounding box on the block grid. Null when the regions cover most of the frame.
 */
function stillBase(facePath: string, drawn: RedrawnFrame): { base: string; patch: PreviewPatch } | null {
  const regions = drawn.redrawn;
  if (!regions?.length) return null;
  const x0 = Math.floor(Math.min(...regions.map((r) => r.x0)) / BLOCK) * BLOCK;
  const y0 = Math.floor(Math.min(...regions.map((r) => r.y0)) / BLOCK) * BLOCK;
  const x1 = Math.min(drawn.width, Math.ceil(Math.max(...regions.map((r) => r.x1)) / BLOCK) * BLOCK);
  const y1 = Math.min(drawn.height, Math.ceil(Math.max(...regions.map((r) => r.y1)) / BLOCK) * BLOCK);
  if (x1 <= x0 || y1 <= y0 || (x1 - x0) * (y1 - y0) > 0.6 * drawn.width * drawn.height) return null;
  const base = JSON.stringify([RUN, facePath, drawn.width, drawn.height, regions.map((r) => [r.x0, r.y0, r.x1, r.y1])]);
  return { base, patch: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } };
}

function cropRect(image: RgbaImage, rect: PreviewPatch): RgbaImage {
  const data = new Uint8Array(rect.width * rect.height * 4);
  for (let row = 0; row < rect.height; row++) {
    const start = ((rect.y + row) * image.width + rect.x) * 4;
    data.set(image.data.subarray(start, start + rect.width * 4), row * rect.width * 4);
  }
  return { width: rect.width, height: rect.height, data };
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
