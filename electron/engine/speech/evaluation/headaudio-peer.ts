/**
 * The published peer of the audio-only route: @met4citizen/headaudio (MIT), an in-browser audio-to-viseme
 * classifier (12 MFCCs at 16 kHz, 32 ms windows every 16 ms, Mahalanobis distance to 39 Gaussian phoneme
 * prototypes, a 6-frame majority vote; Oculus visemes out). It is written as an AudioWorklet, but its
 * processor class takes a stand-in port, so it runs here unchanged: the clip is fed to it in 128-sample
 * render quanta with its shipped model (dist/model-en-mixed.bin) and default parameters (clips under 16 kHz are
 * first resampled to 16 kHz, as a browser's audio context would).
 *
 * Its visemes go through the same coarticulation as ours (computeArticulationCurves), so both are judged on
 * the same curves: a PP anywhere shuts the lips, aa opens the jaw. Evaluation only; never on the studio's path.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { computeFrameFeatures } from '../audio-features.js';
import { computeArticulationCurves, type ArticulationSegment } from '../coarticulation.js';
import { loudnessPerFrame } from '../loudness.js';
import { resamplePcm } from '../resample-pcm.js';
import type { ArticulationCurves, PcmAudio } from '../speech-types.js';
import type { Viseme } from '../visemes.js';

const PACKAGE = '@met4citizen/headaudio';
/** The browser's AudioWorklet render quantum. */
const QUANTUM = 128;
/** Its downsampler only goes down (an 8 kHz telephone clip overruns its filter table); a browser plays such a clip at the context's rate. */
const PEER_MIN_RATE = 16_000;
/** HeadAudio's viseme ids in order (its headaudio.mjs); `nn` is our DD (n is drawn like t, d, l). */
const HEADAUDIO_VISEMES: readonly Viseme[] = ['aa', 'E', 'I', 'O', 'U', 'PP', 'SS', 'TH', 'DD', 'FF', 'kk', 'DD', 'RR', 'CH', 'sil'];

interface PeerMessage {
  event: string;
  viseme?: number | null;
  t?: number;
  d?: number;
}
interface PeerProcessor {
  _onmessage(message: { data: unknown }): void;
  process(samples: Float32Array): void;
}
type ProcessorClass = new (options: object, worklet: { port: { postMessage(m: PeerMessage): void } }) => PeerProcessor;
interface PeerTraining {
  decodeBinaryRecord(record: Float32Array): unknown;
}

export interface HeadAudioPeer {
  version: string;
  /** Oculus-set visemes from the sound alone, in seconds of the clip (times as the peer reports them). */
  visemes(pcm: PcmAudio): ArticulationSegment[];
}

/**
 * Loads the peer from node_modules (a devDependency) or from `modulesDir` (a node_modules folder elsewhere).
 * Throws when it is not installed.
 */
export async function loadHeadAudioPeer(modulesDir?: string): Promise<HeadAudioPeer> {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve(`${PACKAGE}/package.json`, modulesDir ? { paths: [modulesDir] } : undefined);
  const root = dirname(packageJson);
  const moduleUrl = (file: string) => pathToFileURL(join(root, 'modules', file)).href;
  const { Processor } = (await import(moduleUrl('processor.mjs'))) as { Processor: ProcessorClass };
  const { Training } = (await import(moduleUrl('training.mjs'))) as { Training: new () => PeerTraining };
  const PARAMS = (await import(moduleUrl('parameters.mjs'))) as { RECORD_LEN: number; RECORD_OFFSET: number };
  const version = (JSON.parse(await readFile(packageJson, 'utf8')) as { version: string }).version;
  const bin = await readFile(join(root, 'dist', 'model-en-mixed.bin'));
  const buffer = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  const training = new Training();
  const model: unknown[] = [];
  for (let pos = 0; pos + PARAMS.RECORD_OFFSET <= buffer.byteLength; pos += PARAMS.RECORD_OFFSET) {
    model.push(training.decodeBinaryRecord(new Float32Array(buffer, pos, PARAMS.RECORD_LEN)));
  }
  return {
    version,
    visemes(clip) {
      const pcm = clip.sampleRate < PEER_MIN_RATE ? resamplePcm(clip, PEER_MIN_RATE) : clip;
      const messages: PeerMessage[] = [];
      const processor = new Processor({ sampleRate: pcm.sampleRate, processorOptions: {}, parameterData: {} }, { port: { postMessage: (m) => messages.push(m) } });
      processor._onmessage({ data: { event: 'model', model, reset: true } });
      for (let i = 0; i < pcm.samples.length; i += QUANTUM) processor.process(pcm.samples.subarray(i, i + QUANTUM));
      return segmentsFromMessages(messages, pcm.durationSec);
    },
  };
}

/**
 * A viseme holds from its event until the next one (a `null` viseme repeats silence); an `ended` event is
 * silence. Neighbours with the same viseme are merged.
 */
export function segmentsFromMessages(messages: PeerMessage[], durationSec: number): ArticulationSegment[] {
  const changes: { t: number; viseme: Viseme }[] = [];
  for (const m of messages) {
    if (m.t === undefined) continue;
    if (m.event === 'viseme' && m.viseme !== null && m.viseme !== undefined) changes.push({ t: m.t, viseme: HEADAUDIO_VISEMES[m.viseme] });
    else if (m.event === 'ended') changes.push({ t: m.t, viseme: 'sil' });
  }
  const segments: ArticulationSegment[] = [];
  changes.forEach((c, i) => {
    const end = Math.min(durationSec, changes[i + 1]?.t ?? durationSec);
    const start = Math.max(0, c.t);
    if (end <= start) return;
    const last = segments[segments.length - 1];
    if (last && last.viseme === c.viseme && last.end >= start - 1e-9) last.end = end;
    else segments.push({ start, end, viseme: c.viseme });
  });
  return segments.filter((s) => s.viseme !== 'sil');
}

/**
 * The peer's curves, through our coarticulation with our loudness-driven effort. `leadSec` moves its visemes
 * earlier: the peer is causal (README: 50–100 ms latency, to be offset by delaying the audio).
 */
export function headAudioCurves(peer: HeadAudioPeer, pcm: PcmAudio, { fps, leadSec = 0 }: { fps: number; leadSec?: number }): ArticulationCurves {
  const segments = peer.visemes(pcm).map((s) => ({ ...s, start: Math.max(0, s.start - leadSec), end: Math.max(0, s.end - leadSec) }));
  const loudness = loudnessPerFrame(computeFrameFeatures(pcm, { formants: false }), fps);
  return computeArticulationCurves(segments, { fps, durationSec: pcm.durationSec, loudness });
}
