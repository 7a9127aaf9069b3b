/** Loudest absolute sample per bucket, 0..1, over all channels. */
export interface WaveformPeaks {
  durationSec: number;
  peaks: Float32Array;
}

/** Buckets per second of audio: fine enough for the deepest timeline zoom without costing much memory. */
export const PEAK_BUCKETS_PER_SEC = 200;

/** Reduces decoded channels to one peak per bucket. */
export function computePeaks(channels: readonly Float32Array[], sampleRateHz: number, bucketsPerSec = PEAK_BUCKETS_PER_SEC): WaveformPeaks {
  const sampleCount = channels[0]?.length ?? 0;
  const durationSec = sampleCount / sampleRateHz;
  const bucketCount = Math.max(1, Math.ceil(durationSec * bucketsPerSec));
  const peaks = new Float32Array(bucketCount);
  const samplesPerBucket = sampleCount / bucketCount;
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    const from = Math.floor(bucket * samplesPerBucket);
    const to = Math.min(sampleCount, Math.floor((bucket + 1) * samplesPerBucket));
    let peak = 0;
    for (const channel of channels) {
      for (let index = from; index < to; index++) {
        const value = Math.abs(channel[index]);
        if (value > peak) peak = value;
      }
    }
    peaks[bucket] = Math.min(1, peak);
  }
  return { durationSec, peaks };
}

/**
 * The peaks of the part of the recording between `fromSec` and `toSec`, resampled to `columns` values (one per pixel
 * column of the clip), each the loudest bucket it covers.
 */
export function peaksForRange(waveform: WaveformPeaks, fromSec: number, toSec: number, columns: number): Float32Array {
  const out = new Float32Array(Math.max(0, Math.floor(columns)));
  const { peaks, durationSec } = waveform;
  if (out.length === 0 || durationSec <= 0 || toSec <= fromSec) return out;
  const bucketsPerSec = peaks.length / durationSec;
  for (let column = 0; column < out.length; column++) {
    const start = fromSec + ((toSec - fromSec) * column) / out.length;
    const end = fromSec + ((toSec - fromSec) * (column + 1)) / out.length;
    const first = Math.max(0, Math.floor(start * bucketsPerSec));
    const last = Math.min(peaks.length, Math.max(first + 1, Math.ceil(end * bucketsPerSec)));
    let peak = 0;
    for (let bucket = first; bucket < last; bucket++) peak = Math.max(peak, peaks[bucket]);
    out[column] = peak;
  }
  return out;
}
