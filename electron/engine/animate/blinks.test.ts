import { describe, expect, it } from 'vitest';
import { BLINK_EARLIEST_START_SEC, blinkClosure, blinkDurationSec, blinkHazard, renderBlinks, scheduleBlinks, type BlinkEvent } from './blinks.js';
import { detectBlinkFrames } from './describe-performance.js';
import { createRandom } from './seeded-random.js';
import { extractSpeechCues } from './speech-cues.js';
import { handMadeSpeech } from './test-support/hand-made-speech.js';

const flat = (frameCount: number) => blinkHazard({ phrases: [], words: [], accents: [] }, 30, frameCount);

function schedule(seed: number, frameCount: number, ratePerMinute = 15, fps = 30, hazard = flat(frameCount)): BlinkEvent[] {
  return scheduleBlinks({ random: createRandom(seed), fps, frameCount, ratePerMinute, hazard });
}

describe('blink schedule', () => {
  it('keeps the requested rate with irregular intervals', () => {
    const fps = 30;
    const minutes = 10;
    for (const rate of [10, 15, 20]) {
      const events = schedule(rate, minutes * 60 * fps, rate);
      expect(events.length / minutes).toBeGreaterThan(rate * 0.85);
      expect(events.length / minutes).toBeLessThan(rate * 1.15);
      const gaps = events.slice(1).map((e, i) => e.startSec - events[i].startSec);
      const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
      const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length);
      // A metronome would have a coefficient of variation near 0; human inter-blink intervals are around 0.5–1.
      expect(sd / mean).toBeGreaterThan(0.4);
      expect(Math.min(...gaps)).toBeGreaterThan(0.25);
    }
  });

  it('never starts a blink in the first 0.3 s nor lets one run into the last frame', () => {
    const fps = 30;
    for (let seed = 1; seed <= 40; seed++) {
      const frameCount = 60 + seed * 37;
      // A high rate puts blinks everywhere they are allowed, including near both ends.
      const events = schedule(seed, frameCount, 50, fps);
      for (const e of events) {
        expect(e.startSec).toBeGreaterThanOrEqual(BLINK_EARLIEST_START_SEC - 1e-9);
        expect(e.startSec + blinkDurationSec(e)).toBeLessThan((frameCount - 1) / fps);
      }
      const left = new Float64Array(frameCount);
      const right = new Float64Array(frameCount);
      renderBlinks(events, fps, left, right);
      expect(left[frameCount - 1]).toBe(0);
      expect(right[frameCount - 1]).toBe(0);
      expect(Math.max(...left.slice(0, Math.floor(BLINK_EARLIEST_START_SEC * fps) + 1))).toBe(0);
    }
  });

  it('includes some double blinks, and every closure shows on a closed frame', () => {
    const fps = 30;
    const frameCount = 20 * 60 * fps;
    const events = schedule(3, frameCount, 15, fps);
    const doubles = events.slice(1).filter((e, i) => e.startSec - (events[i].startSec + blinkDurationSec(events[i])) < 0.15).length;
    expect(doubles).toBeGreaterThan(3);
    expect(doubles).toBeLessThan(events.length * 0.2);
    const left = new Float64Array(frameCount);
    const right = new Float64Array(frameCount);
    renderBlinks(events, fps, left, right);
    expect(detectBlinkFrames(left).length).toBe(events.length);
    expect(detectBlinkFrames(right).length).toBe(events.length);
  });

  it('closes in 80–100 ms, holds briefly and opens in about 150 ms, both eyes within a few ms', () => {
    const fps = 1000;
    const frameCount = 120 * fps;
    const events = schedule(11, frameCount, 15, fps);
    const left = new Float64Array(frameCount);
    const right = new Float64Array(frameCount);
    renderBlinks(events, fps, left, right);
    for (const e of events.slice(0, 20)) {
      const from = Math.ceil(e.startSec * fps);
      const to = Math.floor((e.startSec + blinkDurationSec(e)) * fps);
      const lid = Array.from(left.slice(from, to + 1));
      const peak = Math.max(...lid);
      const firstClosed = lid.findIndex((v) => v >= peak - 1e-9);
      const lastClosed = lid.length - 1 - [...lid].reverse().findIndex((v) => v >= peak - 1e-9);
      const opened = lid.findIndex((v, i) => i > lastClosed && v <= 0.02);
      expect(firstClosed).toBeGreaterThanOrEqual(75);
      expect(firstClosed).toBeLessThanOrEqual(115);
      expect(opened - lastClosed).toBeGreaterThan(110);
      expect(opened - lastClosed).toBeLessThan(185);
      expect(opened - lastClosed).toBeGreaterThan(firstClosed);
      const rightPeakAt = Array.from(right.slice(from, to + 1)).findIndex((v) => v >= peak - 1e-9);
      expect(Math.abs(rightPeakAt - firstClosed)).toBeLessThanOrEqual(13);
    }
  });

  it('shapes each blink from open to fully closed and back', () => {
    const e: BlinkEvent = { startSec: 1, closeSec: 0.09, holdSec: 0.03, openSec: 0.15, depth: 1, interEyeLagSec: 0 };
    expect(blinkClosure(e, 0)).toBe(0);
    expect(blinkClosure(e, 0.045)).toBeCloseTo(0.5, 5);
    expect(blinkClosure(e, 0.1)).toBe(1);
    expect(blinkClosure(e, 0.12 + 0.075)).toBeGreaterThan(0.3);
    expect(blinkClosure(e, 0.12 + 0.15)).toBe(0);
  });
});

describe('blink hazard', () => {
  it('is low inside words (but at least half the mean), high in pauses and after phrases, with mean 1', () => {
    const fps = 30;
    const speech = handMadeSpeech({ seed: 4, fps, durationSec: 60 });
    const cues = extractSpeechCues([{ startFrame: 0, speech }], fps);
    const hazard = blinkHazard(cues, fps, 60 * fps);
    const word = cues.words[5];
    const inWord = hazard[Math.round(((word.start + word.end) / 2) * fps)];
    const phraseEnd = cues.phrases[1].end;
    const afterPhrase = hazard[Math.ceil((phraseEnd + 0.2) * fps)];
    expect(afterPhrase).toBeGreaterThan(inWord * 4);
    expect(inWord).toBeGreaterThanOrEqual(0.5);
    // The mean is over the frames where a blink can start and still end before the last frame.
    const allowed = Array.from(hazard.slice(Math.ceil(BLINK_EARLIEST_START_SEC * fps), Math.floor(60 * fps - 0.3 * fps)));
    expect(allowed.reduce((s, h) => s + h, 0) / allowed.length).toBeCloseTo(1, 6);
  });
});
