import { describe, expect, it } from 'vitest';
import { createSpeechSegmenter } from './speech-segmenter.js';

const FRAME = 0.032;
function segment(probabilities: number[], options = {}) {
  const segmenter = createSpeechSegmenter(options);
  probabilities.forEach((p, i) => segmenter.push(p, i * FRAME, (i + 1) * FRAME));
  return segmenter.finish(probabilities.length * FRAME);
}
const repeat = (value: number, count: number) => Array<number>(count).fill(value);

describe('createSpeechSegmenter', () => {
  it('finds one padded segment where the probability is high', () => {
    const result = segment([...repeat(0.05, 20), ...repeat(0.9, 30), ...repeat(0.05, 20)]);
    expect(result).toHaveLength(1);
    expect(result[0].start).toBeCloseTo(20 * FRAME - 0.03, 6);
    expect(result[0].end).toBeCloseTo(50 * FRAME + 0.03, 6);
  });

  it('bridges short dips and dips that stay above the stop threshold, splits at real pauses', () => {
    const shortDip = segment([...repeat(0.9, 20), ...repeat(0.1, 5), ...repeat(0.9, 20), ...repeat(0, 20)]);
    expect(shortDip).toHaveLength(1);
    const hovering = segment([...repeat(0.9, 20), ...repeat(0.4, 30), ...repeat(0.9, 20), ...repeat(0, 20)]);
    expect(hovering).toHaveLength(1);
    const pause = segment([...repeat(0.9, 20), ...repeat(0.1, 12), ...repeat(0.9, 20), ...repeat(0, 20)]);
    expect(pause).toHaveLength(2);
    expect(pause[0].end).toBeCloseTo(20 * FRAME + 0.03, 6);
    expect(pause[1].start).toBeCloseTo(32 * FRAME - 0.03, 6);
  });

  it('drops bursts shorter than the minimum speech length', () => {
    expect(segment([...repeat(0, 10), ...repeat(0.95, 2), ...repeat(0, 30)])).toEqual([]);
    expect(segment([...repeat(0, 10), ...repeat(0.95, 4), ...repeat(0, 30)])).toHaveLength(1);
  });

  it('closes speech still running at the end, within the duration', () => {
    const result = segment([...repeat(0, 10), ...repeat(0.8, 10)]);
    expect(result).toHaveLength(1);
    expect(result[0].end).toBeCloseTo(20 * FRAME, 6);
  });
});
