/**
 * Photo to talking video: analyse the face, voice every clip, generate the performance, warp-render each
 * frame of the framed view and stream it to ffmpeg, which scales, pads and encodes it with the soundtrack.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { InputError, throwIfAborted } from '../errors.js';
import { analyzeFile } from '../face/analyze-file.js';
import { writeCaptionFiles } from '../captions/index.js';
import { disclosureTags, disclosureVoiceOf } from '../export/disclosure.js';
import { encodeSettingsFor, resolveExportPreset, toOutputPreset } from '../export/export-presets.js';
import { encodeVideo, mixAudioClips, probeMedia, type FfmpegTools } from '../media/index.js';
import { assertWritableFolder, createTempFolder, removeTempFolder } from '../media/atomic-file.js';
import { assertOutputAllowed } from '../media/output-guard.js';
import { rememberProbes } from '../media/probe-memo.js';
import { normalizeLoudness } from '../media/normalize-loudness.js';
import type { LoudnessMeasurement } from '../media/loudness-args.js';
import { MOUTHPIECE_VERSION } from '../version.js';
import { captionFilePaths, prepareCaptionOverlay } from './caption-overlay.js';
import type { SessionPool } from '../models/session-pool.js';
import type { RunOptions } from '../progress.js';
import type { FrameSynthesiser } from '../synth/frame-synthesiser.js';
import { prepareClipSpeech, type PreparedClip } from './clip-speech.js';
import { buildFramingFilter } from './framing-filter.js';
import { frameSubjects, type Rect } from './framing.js';
import { OUTPUT_PRESETS } from './output-presets.js';
import { prepareScene, synthesiseScene, type SceneParts } from './prepare-scene.js';
import { lowestSpeakerInShot, planShots, shotsFraming } from './scene-shots.js';
import { cropFramesToShots, shotFrameSize } from './shot-frames.js';
import type { Shot } from './speaker-shots.js';
import { describeFace } from './render-source.js';
import { createPhaseProgress, FOOTAGE_PHASES, PHOTO_PHASES } from './phase-progress.js';
import type { TalkingVideoRequest } from './talking-video-request.js';
import { loadRenderIdentity, stampFinishedExport, watermarkFrames } from '../provenance/index.js';

/** Upscaling beyond this is worth telling the user about: the video will look soft. */
const UPSCALE_NOTICE_ABOVE = 4;
/** x264 settings of the built-in presets: `veryfast` keeps encoding well ahead of real time at 1080×1920. */
export const RENDER_X264 = { preset: 'veryfast', crf: 20 } as const;
/** Loudness every export is brought to unless the request says otherwise (what the social platforms play at). */
export const DEFAULT_LOUDNESS_LUFS = -14;

export interface RenderTalkingVideoDeps {
  tools: FfmpegTools;
  pool: SessionPool;
  /** The library whose installation identity signs and watermarks the export (see provenance/stamp-export.ts). */
  libraryDir?: string;
  /**
   * Bench only (`npm run bench provenance`, to measure what the watermark costs): frames go to the encoder unmarked.
   * The tags and signed credentials are written as always. Nothing a user reaches (CLI, studio, batch) sets it.
   */
  benchWithoutWatermark?: boolean;
}

export interface RenderTalkingVideoOptions extends RunOptions {
  /** Things the user should know that do not stop the render (upscaling, a video used as a still). */
  onNotice?: (message: string) => void;
}

export interface TalkingVideoResult {
  outPath: string;
  width: number;
  height: number;
  fps: number;
  durationSec: number;
  frames: number;
  preset: string;
  /** Every subject in frame: speakers and listeners. */
  subjects: { index: number; speaking: boolean }[];
  /** The part of the photo shown, in its pixels (may reach outside it where the video is padded); the first shot's when there are several. */
  crop: Rect;
  /** When the framing follows the speakers: each shot, whom it frames, its crop and its time (seconds). */
  shots?: Shot[];
  /** The captions files written beside the video, and the words they show (seconds in the video). */
  captions?: { srtPath: string; vttPath: string; words: { text: string; start: number; end: number }[] };
  /** The soundtrack's loudness before and after normalisation (absent when it was left as it was). */
  loudness?: { input: LoudnessMeasurement; output: LoudnessMeasurement };
  notices: string[];
  elapsedMs: number;
}

export async function renderTalkingVideo(
  jobDeps: RenderTalkingVideoDeps,
  request: TalkingVideoRequest,
  options: RenderTalkingVideoOptions = {},
): Promise<TalkingVideoResult> {
  const startedMs = performance.now();
  // every step probes the face and the voice again; within this render each file is probed once
  const deps = { ...jobDeps, tools: rememberProbes(jobDeps.tools) };
  const { signal } = options;
  validateRequest(request);
  const exportPreset = request.exportPreset ?? resolveExportPreset(request.preset);
  assertOutputAllowed({ outPath: request.outPath, inputs: requestInputs(request), overwrite: request.overwrite ?? true });
  await assertWritableFolder(request.outPath);
  const notices: string[] = [];
  const notice = (message: string) => {
    notices.push(message);
    options.onNotice?.(message);
  };
  const faceInfo = await probeMedia(deps.tools, request.facePath, { signal });
  const progress = createPhaseProgress(options.onProgress, faceInfo.kind === 'video' ? FOOTAGE_PHASES : PHOTO_PHASES);

  const tempDir = await createTempFolder('mouthpiece-render-', 'the render');
  let drawing: FrameSynthesiser | undefined;
  let soundtrackAhead: Promise<unknown> | undefined;
  try {
    const parts: SceneParts = {
      analyse: (facePath, abort) => analyzeFile(deps, facePath, { signal: abort }),
      prepareClip: (clip, clipOptions) => prepareClipSpeech({ ...deps, tempDir }, clip, clipOptions),
    };
    const scene = await withFootageFps(deps.tools, request);
    const prepared = await prepareScene(parts, scene, { signal, onProgress: (phase, ratio) => progress(phase, ratio) });
    const { analysis, speakers, clips } = prepared;
    const shots = planShots(prepared, toOutputPreset(exportPreset));
    const framing = shots ? shotsFraming(shots) : frameSubjects({ imageWidth: analysis.width, imageHeight: analysis.height, faces: speakers.map(describeFace), preset: toOutputPreset(exportPreset), footage: analysis.kind === 'video' });
    if (framing.scale > UPSCALE_NOTICE_ABOVE) {
      notice(
        `${request.facePath}: the framed part of the ${analysis.kind === 'video' ? 'clip' : 'photo'} is ${framing.crop.width}×${framing.crop.height} px, upscaled ${framing.scale.toFixed(1)}× to ${framing.output.width}×${framing.output.height}; a larger ${analysis.kind === 'video' ? 'clip' : 'photo'} gives a sharper video.`,
      );
    }
    const soundtrackOf = async (durationSec: number, onLoudness?: (ratio: number) => void) => {
      const mixed = await buildSoundtrack(deps.tools, clips.flat(), durationSec, tempDir, signal);
      const withOriginal = analysis.kind === 'video' && scene.footage?.originalAudioDb !== undefined ? await duckUnderVoice(deps.tools, mixed, scene, durationSec, tempDir, notice, signal) : mixed;
      const loudness = await normaliseSoundtrack(deps.tools, withOriginal, request, tempDir, { signal, onProgress: (p) => onLoudness?.(p.ratio) });
      return { loudness, soundtrack: loudness?.outPath ?? withOriginal };
    };
    // A dub of the voice's length knows its duration before tracking: the soundtrack's ffmpeg passes run beside it.
    const durationAhead = analysis.kind === 'video' && !scene.footage?.keepClipLength ? prepared.frameCount / scene.fps : undefined;
    const ahead = durationAhead === undefined ? undefined : soundtrackOf(durationAhead);
    soundtrackAhead = ahead?.catch(() => {}); // awaited below, or on the way out
    const drawn = await synthesiseScene(deps, prepared, scene, framing, { signal, onTrackProgress: (ratio) => progress('track', ratio) });
    const { synthesiser, subjects, frameCount, durationSec } = drawn;
    drawing = synthesiser;
    if (drawn.lengthNote) notice(drawn.lengthNote);
    const { loudness, soundtrack } = await (ahead && durationAhead === durationSec ? ahead : soundtrackOf(durationSec, (ratio) => progress('loudness', ratio)));
    progress('loudness', 1);
    throwIfAborted(signal);
    const faces = shots ? lowestSpeakerInShot(shots, speakers) : { boxes: speakers.map((s) => describeFace(s).box), framing };
    const overlay = await prepareCaptionOverlay({ request, clips, output: framing.output, durationSec, tempDir, notice, faces });
    const frameSize = shots ? shotFrameSize(shots, synthesiser) : { width: synthesiser.width, height: synthesiser.height };
    const framingFilter = buildFramingFilter(framing, frameSize);
    // Captions are drawn on the finished picture; without a framing graph, the frames are scaled to it first.
    const toOutput = framingFilter ?? `scale=${framing.output.width}:${framing.output.height}:flags=bicubic`;
    const videoFilter = overlay ? `${toOutput},${overlay.filter}` : framingFilter;
    const encode = encodeSettingsFor(exportPreset, framing.output);

    const speakingIndices = new Set(request.tracks.map((t) => t.subject));
    const identity = await loadRenderIdentity(deps.libraryDir);
    const voice = disclosureVoiceOf(request.tracks.flatMap((t) => t.clips.map((c) => c.source.kind)));
    const isFootage = analysis.kind === 'video';
    const mark = { key: identity.watermarkKey, output: framing.output, outputPxPerFramePx: framing.placement.width / frameSize.width, frameOrigin: framing.placement };
    const rendered = shots ? cropFramesToShots(synthesiser.frames({ signal }), { plan: shots, fps: scene.fps }) : synthesiser.frames({ signal });
    const encoded = await encodeVideo(
      {
        tools: deps.tools,
        outPath: request.outPath,
        width: framing.output.width,
        height: framing.output.height,
        frameWidth: frameSize.width,
        frameHeight: frameSize.height,
        videoFilter,
        fps: scene.fps,
        frames: deps.benchWithoutWatermark ? rendered : watermarkFrames(rendered, mark),
        frameCount,
        audioPath: soundtrack,
        preset: encode.preset,
        crf: encode.crf,
        maxBitrateKbps: encode.maxBitrateKbps,
        audioBitrateKbps: encode.audioBitrateKbps,
        overwrite: request.overwrite ?? true,
        metadata: disclosureTags({ toolVersion: MOUTHPIECE_VERSION, voice, face: isFootage ? 'footage' : 'photo' }),
      },
      { signal, onProgress: (p) => progress('render', p.ratio, p.etaMs) },
    );
    const audioSources = request.tracks.flatMap((t) => t.clips.flatMap((c) => (c.source.kind === 'audio' ? [{ role: 'audio' as const, path: c.source.path }] : [])));
    await stampFinishedExport({
      outPath: request.outPath,
      identity,
      credentials: { toolVersion: MOUTHPIECE_VERSION, synthesis: isFootage ? 'footage-dub' : 'photo-animation', voice, consent: request.consent },
      sources: [{ role: 'face', path: request.facePath }, ...audioSources],
    });
    const captionFiles = overlay?.track ? await writeCaptionsBeside(request.outPath, overlay.track.cues) : undefined;
    return {
      outPath: request.outPath,
      width: framing.output.width,
      height: framing.output.height,
      fps: scene.fps,
      durationSec: encoded.durationSec,
      frames: encoded.frames,
      preset: request.preset,
      subjects: subjects.map((s) => ({ index: s.index, speaking: speakingIndices.has(s.index) })),
      crop: framing.crop,
      shots: shots?.shots.map((shot) => ({ ...shot, startSec: round3(shot.startSec), endSec: round3(shot.endSec) })),
      captions: captionFiles && overlay?.track ? { ...captionFiles, words: overlay.track.words } : undefined,
      loudness: loudness ? { input: loudness.input, output: loudness.output } : undefined,
      notices,
      elapsedMs: Math.round(performance.now() - startedMs),
    };
  } finally {
    await drawing?.close();
    await soundtrackAhead; // its ffmpeg writes into tempDir
    await removeTempFolder(tempDir);
  }
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** Every file the request reads: the face, each recording, and the scene file it came from. */
function requestInputs(request: TalkingVideoRequest): string[] {
  const audio = request.tracks.flatMap((track) => track.clips.flatMap((clip) => (clip.source.kind === 'audio' ? [clip.source.path] : [])));
  return [request.facePath, ...audio];
}

function validateRequest(request: TalkingVideoRequest): void {
  const where = request.origin ? `${request.origin}: ` : '';
  if (!(request.fps >= 1 && request.fps <= 120)) throw new InputError('BAD_ARGUMENT', `${where}fps must be between 1 and 120, got ${request.fps}.`);
  if (!Number.isInteger(request.seed)) throw new InputError('BAD_ARGUMENT', `${where}seed must be a whole number, got ${request.seed}.`);
  if (!request.exportPreset && !Object.hasOwn(OUTPUT_PRESETS, request.preset)) throw new InputError('BAD_ARGUMENT', `${where}unknown preset "${request.preset}".`);
  if (request.tracks.length === 0 || request.tracks.some((t) => t.clips.length === 0)) throw new InputError('BAD_ARGUMENT', `${where}nothing to say: give a voice (--audio) or a script (--say).`);
  if (!/\.(mp4|m4v|mov)$/i.test(request.outPath)) throw new InputError('BAD_ARGUMENT', `${request.outPath}: the output must be an .mp4 (or .mov/.m4v) file.`, request.outPath);
}

/** The render's frame rate: the clip's own when a video face asks for it (`footage.matchClipFps`). */
async function withFootageFps(tools: FfmpegTools, request: TalkingVideoRequest): Promise<TalkingVideoRequest> {
  if (!request.footage?.matchClipFps) return request;
  const info = await probeMedia(tools, request.facePath);
  if (info.kind !== 'video' || !info.fps) return request;
  return { ...request, fps: Math.min(120, Math.max(1, info.fps)) };
}

/** The new voice over the clip's own sound at `footage.originalAudioDb` (or the voice alone when the clip is silent). */
async function duckUnderVoice(tools: FfmpegTools, voicePath: string, request: TalkingVideoRequest, durationSec: number, tempDir: string, notice: (m: string) => void, signal?: AbortSignal): Promise<string> {
  const info = await probeMedia(tools, request.facePath, { signal });
  if (!info.hasAudio) {
    notice(`${request.facePath}: the clip has no sound of its own to keep under the new voice.`);
    return voicePath;
  }
  const outPath = path.join(tempDir, 'soundtrack-with-original.wav');
  const clips = [{ path: voicePath, startSec: 0 }, { path: request.facePath, startSec: 0, gainDb: request.footage?.originalAudioDb }];
  await mixAudioClips({ tools, clips, durationSec, outPath }, { signal });
  return outPath;
}

/** One clip at the start plays as it is; anything else is mixed at its offsets into one WAV. */
async function buildSoundtrack(tools: FfmpegTools, clips: PreparedClip[], durationSec: number, tempDir: string, signal?: AbortSignal): Promise<string> {
  if (clips.length === 1 && clips[0].startSec === 0) return clips[0].audioPath;
  const outPath = path.join(tempDir, 'soundtrack.wav');
  await mixAudioClips({ tools, clips: clips.map((c) => ({ path: c.audioPath, startSec: c.startSec })), durationSec, outPath }, { signal });
  return outPath;
}

/** The soundtrack at the export loudness (two-pass, true peak ≤ −1 dBTP), or nothing when the request keeps it as it is. */
async function normaliseSoundtrack(tools: FfmpegTools, inPath: string, request: TalkingVideoRequest, tempDir: string, options: RunOptions) {
  const targetLufs = request.export?.loudnessLufs === undefined ? DEFAULT_LOUDNESS_LUFS : request.export.loudnessLufs;
  if (targetLufs === null) return undefined;
  return normalizeLoudness({ tools, inPath, outPath: path.join(tempDir, 'soundtrack-loudness.wav'), targetLufs }, options);
}

/**
 * SRT and WebVTT beside the finished video. Each is written atomically; if either cannot be written, the video just
 * made is removed too, so a failed export never leaves a video whose captions are missing.
 */
async function writeCaptionsBeside(outPath: string, cues: Parameters<typeof writeCaptionFiles>[0]['cues']): Promise<{ srtPath: string; vttPath: string }> {
  const paths = captionFilePaths(outPath);
  try {
    await writeCaptionFiles({ cues, ...paths });
  } catch (error) {
    await Promise.all([outPath, paths.srtPath, paths.vttPath].map((file) => rm(file, { force: true }).catch(() => {})));
    throw error;
  }
  return paths;
}
