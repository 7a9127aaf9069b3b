/**
 * Turns each clip of a render request into a voice: an audio file to play and its speech analysis
 * (phonemes, articulation curves, loudness) at the video's frame rate.
 */
import path from 'node:path';
import { InputError, throwIfAborted } from '../errors.js';
import { probeMedia, type FfmpegTools } from '../media/index.js';
import type { SessionPool } from '../models/session-pool.js';
import type { SpeechPerformanceInput } from '../speech/speech-types.js';
import type { ClipRequest } from './talking-video-request.js';
import { analyzeSpeech, decodeAudio, synthesizeSpeech, writeWavFile } from './talking-video-stages.js';

export interface PreparedClip {
  startSec: number;
  /** The sound to play: the user's file, or the synthesised WAV in the render's temp folder. */
  audioPath: string;
  durationSec: number;
  speech: SpeechPerformanceInput;
}

export interface ClipSpeechDeps {
  tools: FfmpegTools;
  pool: SessionPool;
  /** Folder for synthesised voices; removed by the caller. */
  tempDir: string;
}

export async function prepareClipSpeech(deps: ClipSpeechDeps, clip: ClipRequest, options: { fps: number; name: string; signal?: AbortSignal }): Promise<PreparedClip> {
  const { tools, pool } = deps;
  const { fps, signal } = options;
  const source = clip.source;
  if (source.kind === 'audio') {
    const info = await probeMedia(tools, source.path, { signal });
    if (!info.hasAudio) {
      const what = info.kind === 'image' ? 'a picture' : 'a video without sound';
      throw new InputError('BAD_AUDIO', `${source.path}: this is ${what}, not audio; give a voice recording (wav, mp3, ogg, m4a, …).`, source.path);
    }
    const audio = await decodeAudio(tools, source.path, { signal });
    throwIfAborted(signal);
    const speech = await analyzeSpeech({ tools, pool }, { audio, transcript: source.transcript, fps }, { signal });
    return { startSec: clip.startSec, audioPath: source.path, durationSec: audio.durationSec, speech };
  }
  const voice = await synthesizeSpeech(source.text, { voice: source.voice });
  throwIfAborted(signal);
  const audioPath = path.join(deps.tempDir, `${options.name}.wav`);
  await writeWavFile(audioPath, voice.audio);
  // Analysis runs on 16 kHz mono; the synthesiser speaks at its own rate, so read the file back the standard way.
  const audio = await decodeAudio(tools, audioPath, { signal });
  const speech = await analyzeSpeech({ tools, pool }, { audio, ttsTimeline: voice.timeline, fps }, { signal });
  return { startSec: clip.startSec, audioPath, durationSec: audio.durationSec, speech };
}
