import { describe, expect, it } from 'vitest';
import { createFloatChunker } from './decode-audio.js';
import { encodeWav, parseWav } from './wav-file.js';

describe('WAV encoding', () => {
  it('round-trips mono audio within 16-bit precision', () => {
    const samples = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 7) * 0.8);
    const bytes = encodeWav({ sampleRate: 22050, samples, durationSec: 1000 / 22050 });
    expect(bytes.length).toBe(44 + 2000);
    const back = parseWav(bytes);
    expect(back.sampleRate).toBe(22050);
    expect(back.samples.length).toBe(1000);
    let maxError = 0;
    for (let i = 0; i < samples.length; i++) maxError = Math.max(maxError, Math.abs(back.samples[i] - samples[i]));
    expect(maxError).toBeLessThan(1 / 16000);
  });

  it('clips out-of-range samples instead of wrapping around', () => {
    const back = parseWav(encodeWav({ sampleRate: 16000, samples: Float32Array.of(1.5, -2), durationSec: 2 / 16000 }));
    expect(back.samples[0]).toBeCloseTo(1, 3);
    expect(back.samples[1]).toBeCloseTo(-1, 3);
  });

  it('names the file when the bytes are not a WAV', () => {
    expect(() => parseWav(new TextEncoder().encode('hello there, not audio'), 'notes.wav')).toThrow(/notes\.wav: not a RIFF\/WAVE file/);
  });
});

describe('createFloatChunker', () => {
  it('reassembles float samples split at any byte into fixed chunks', () => {
    const values = Float32Array.from({ length: 25 }, (_, i) => i * 0.5 - 3);
    const bytes = new Uint8Array(values.buffer);
    const chunker = createFloatChunker(10);
    const out: Float32Array[] = [];
    for (const cut of [[0, 3], [3, 9], [9, 10], [10, 57], [57, 100]]) out.push(...chunker.push(bytes.subarray(cut[0], cut[1])));
    out.push(chunker.flush());
    expect(out.map((c) => c.length)).toEqual([10, 10, 5]);
    expect(Array.from(out.flatMap((c) => Array.from(c)))).toEqual(Array.from(values));
  });
});
