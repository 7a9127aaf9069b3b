import { computePeaks, type WaveformPeaks } from './waveform-peaks';

let context: AudioContext | null = null;

/** One AudioContext for decoding and playback (browsers limit how many a page may open). */
export function sharedAudioContext(): AudioContext {
  context ??= new AudioContext({ latencyHint: 'interactive' });
  return context;
}

const buffers = new Map<string, Promise<AudioBuffer>>();
const waveforms = new Map<string, Promise<WaveformPeaks>>();

/** Fetches and decodes a media URL once; later calls share the same promise. A failure is not cached. */
export function loadAudioBuffer(url: string): Promise<AudioBuffer> {
  let pending = buffers.get(url);
  if (!pending) {
    pending = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`Could not load the recording (HTTP ${response.status}).`);
        return response.arrayBuffer();
      })
      .then((bytes) => sharedAudioContext().decodeAudioData(bytes));
    pending.catch(() => buffers.delete(url));
    buffers.set(url, pending);
  }
  return pending;
}

export function loadWaveform(url: string): Promise<WaveformPeaks> {
  let pending = waveforms.get(url);
  if (!pending) {
    pending = loadAudioBuffer(url).then((buffer) =>
      computePeaks(Array.from({ length: buffer.numberOfChannels }, (_, index) => buffer.getChannelData(index)), buffer.sampleRate),
    );
    pending.catch(() => waveforms.delete(url));
    waveforms.set(url, pending);
  }
  return pending;
}
