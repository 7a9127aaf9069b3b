/**
 * Turns each clip of a render request into a voice: an audio file to play and its speech analysis
 * (phonemes, articulation curves, loudness) at the video's frame rate.
 */
import path from 'node:path';
import { InputError, throwIfAborted } from '../errors.js';
import { buildCutAudioArgs, probeMedia, runFfmpeg, type FfmpegTools } from '../media/index.js';
import type { SpeechPerformanceInput } from '../speech/speech-types.js';
import { assertNoOverlappingClips } from './scene.js';
import type { ClipRequest, TalkingVideoRequest } from './talking-video-request.js';
import { ANALYSIS_SAMPLE_RATE_HZ, analyzeSpeech, decodeAudio, resamplePcm, synthesizeSpeech, writeWavFile } from '../speech/index.js';

export interface PreparedClip {
  startSec: number;
  /** The sound to play: the user's file, or the synthesised WAV in the render's temp folder. */
  audioPath: string;
  durationSec: number;
  speech: SpeechPerformanceInput;
}

export interface ClipSpeechDeps {
  tools: FfmpegTools;
  /** Folder for synthesised voices; removed by the caller. */
  tempDir: string;
}

export async function prepareClipSpeech(deps: ClipSpeechDeps, clip: ClipRequest, options: { fps: number; name: string; signal?: AbortSignal }): Promise<PreparedClip> {
  const { tools } = deps;
  const { fps, signal } = options;
  const source = clip.source;
  if (source.kind === 'audio') {
    const info = await probeMedia(tools, source.path, { signal });
    if (!info.hasAudio) {
      const what = info.kind === 'image' ? 'a picture' : 'a video without sound';
      throw new InputError('BAD_AUDIO', `${source.path}: this is ${what}, not audio; give a voice recording (wav, mp3, ogg, m4a, …).`, source.path);
    }
    const audioPath = await cutRecording(deps, source, info.durationSec, options);
    const audio = await decodeAudio(tools, audioPath, { signal });
    throwIfAborted(signal);
    // A transcript covers the whole recording, not a span of it: a trimmed clip is aligned from its sound alone.
    const transcript = audioPath === source.path ? source.transcript : undefined;
    const speech = await analyzeSpeech({ audio, transcript, fps }, { signal });
    return { startSec: clip.startSec, audioPath, durationSec: audio.durationSec, speech };
  }
  const voice = await synthesizeSpeech(source.text, { voice: source.voice });
  throwIfAborted(signal);
  const audioPath = path.join(deps.tempDir, `${options.name}.wav`);
  const written = writeWavFile(audioPath, voice.audio);
  written.catch(() => undefined); // awaited below; its error is the one reported
  // The synthesiser's own samples, brought to the analysis rate in memory (no ffmpeg to start and read the file back).
  const audio = resamplePcm(voice.audio, ANALYSIS_SAMPLE_RATE_HZ);
  const speech = await analyzeSpeech({ audio, ttsTimeline: voice.timeline, fps }, { signal });
  await written;
  return { startSec: clip.startSec, audioPath, durationSec: audio.durationSec, speech };
}

/** The recording itself, or (when the clip is trimmed) its span cut into a WAV in the temp folder. */
async function cutRecording(
  deps: ClipSpeechDeps,
  source: Extract<ClipRequest['source'], { kind: 'audio' }>,
  recordingSec: number | null,
  options: { name: string; signal?: AbortSignal },
): Promise<string> {
  const { trimStartSec = 0, trimEndSec } = source;
  const endsEarly = trimEndSec !== undefined && (recordingSec === null || trimEndSec < recordingSec);
  if (trimStartSec === 0 && !endsEarly) return source.path;
  const end = endsEarly ? trimEndSec : recordingSec;
  if (end !== null && end !== undefined && !(end > trimStartSec)) {
    const length = recordingSec === null ? '' : `; the recording is ${recordingSec.toFixed(2)} s long`;
    throw new InputError('BAD_ARGUMENT', `${source.path}: the clip is trimmed to start at ${trimStartSec.toFixed(2)} s and end at ${end.toFixed(2)} s, which leaves no sound${length}.`, source.path);
  }
  const outPath = path.join(deps.tempDir, `${options.name}-span.wav`);
  await runFfmpeg({ tools: deps.tools, args: buildCutAudioArgs({ inputPath: source.path, startSec: trimStartSec, endSec: endsEarly ? trimEndSec : undefined, outPath }), signal: options.signal });
  return outPath;
}

export type PrepareClip = (clip: ClipRequest, options: { fps: number; name: string; signal?: AbortSignal }) => Promise<PreparedClip>;

/**
 * Every clip of every track voiced and analysed at the request's fps by `prepareClip` (`prepareClipSpeech`, or a
 * caching wrapper of it), one at a time in track order; then checked for overlaps now that the lengths are known.
 */
export async function prepareTrackClips(
  request: Pick<TalkingVideoRequest, 'tracks' | 'fps' | 'origin' | 'facePath'>,
  prepareClip: PrepareClip,
  options: { onClipDone?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<PreparedClip[][]> {
  const { signal, onClipDone } = options;
  const total = request.tracks.reduce((n, t) => n + t.clips.length, 0);
  let done = 0;
  onClipDone?.(0, total);
  const prepared: PreparedClip[][] = [];
  for (const [t, track] of request.tracks.entries()) {
    const clips: PreparedClip[] = [];
    for (const [c, clip] of track.clips.entries()) {
      clips.push(await prepareClip(clip, { fps: request.fps, name: `voice-${t}-${c}`, signal }));
      onClipDone?.(++done, total);
    }
    prepared.push(clips);
  }
  assertNoOverlappingClips({ tracks: request.tracks, durationsSec: prepared.map((clips) => clips.map((c) => c.durationSec)), origin: request.origin ?? request.facePath });
  return prepared;
}
