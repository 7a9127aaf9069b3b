import { describe, expect, it } from 'vitest';
import { computePeaks, peaksForRange } from './waveform-peaks';

const SAMPLE_RATE = 1000;

/** One second of silence, then one second of a 0.5 tone, then a single 0.9 click at 2.5 s in three seconds. */
function testSignal(): Float32Array {
  const samples = new Float32Array(3 * SAMPLE_RATE);
  for (let index = SAMPLE_RATE; index < 2 * SAMPLE_RATE; index++) samples[index] = 0.5 * Math.sin(index * 0.7);
  samples[2500] = -0.9;
  return samples;
}

describe('waveform peaks', () => {
  it('finds silence, the tone and the click where they are', () => {
    const waveform = computePeaks([testSignal()], SAMPLE_RATE, 10);
    expect(waveform.durationSec).toBe(3);
    expect(waveform.peaks).toHaveLength(30);
    expect(Math.max(...waveform.peaks.slice(0, 10))).toBe(0);
    expect(Math.min(...waveform.peaks.slice(10, 20))).toBeGreaterThan(0.45);
    expect(waveform.peaks[25]).toBeCloseTo(0.9);
    expect(waveform.peaks[24]).toBe(0);
  });

  it('takes the louder of two channels', () => {
    const quiet = new Float32Array(1000).fill(0.1);
    const loud = new Float32Array(1000).fill(-0.6);
    expect(computePeaks([quiet, loud], SAMPLE_RATE, 4).peaks).toEqual(new Float32Array([0.6, 0.6, 0.6, 0.6]).map((value) => Math.fround(value)));
  });

  it('maps a trimmed range onto pixel columns', () => {
    const waveform = computePeaks([testSignal()], SAMPLE_RATE, 100);
    const columns = peaksForRange(waveform, 0.5, 2.6, 21);
    expect(columns).toHaveLength(21);
    expect(Math.max(...columns.slice(0, 5))).toBe(0);
    expect(columns[10]).toBeGreaterThan(0.45);
    expect(columns[20]).toBeCloseTo(0.9);
    expect(peaksForRange(waveform, 1, 1, 10).every((value) => value === 0)).toBe(true);
  });
});
