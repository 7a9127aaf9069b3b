import { describe, expect, it } from 'vitest';
import { resamplePcm } from './resample-pcm.js';

const tone = (hz: number, rate: number, sec: number) => Float32Array.from({ length: Math.round(rate * sec) }, (_, i) => Math.sin((2 * Math.PI * hz * i) / rate));

describe('resamplePcm', () => {
  it('keeps a tone below the new Nyquist and its timing', () => {
    const out = resamplePcm({ sampleRate: 22050, samples: tone(1000, 22050, 0.5), durationSec: 0.5 }, 16000);
    expect(out.samples.length).toBe(8000);
    const expected = tone(1000, 16000, 0.5);
    let err = 0;
    for (let i = 200; i < 7800; i++) err = Math.max(err, Math.abs(out.samples[i] - expected[i]));
    expect(err).toBeLessThan(0.02);
  });

  it('removes a tone above the new Nyquist instead of aliasing it', () => {
    const out = resamplePcm({ sampleRate: 22050, samples: tone(10000, 22050, 0.5), durationSec: 0.5 }, 16000);
    let peak = 0;
    for (let i = 200; i < 7800; i++) peak = Math.max(peak, Math.abs(out.samples[i]));
    expect(peak).toBeLessThan(0.1);
  });
});
