import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import type { FaceSubject, Point3 } from '../face/face-types.js';
import { ARTICULATION_CHANNELS } from '../speech/speech-types.js';
import { describePerformance, detectBlinkFrames, detectNodFrames } from './describe-performance.js';
import { generatePerformance } from './generate-performance.js';
import type { PerformanceSpec } from './performance-spec.js';
import type { SubjectPerformance } from './performance-types.js';
import { spectralPeak } from './spectral-peak.js';
import { extractSpeechCues } from './speech-cues.js';
import { handMadeSpeech } from './test-support/hand-made-speech.js';

const fps = 30;
const DEG = Math.PI / 180;
const lids = (p: SubjectPerformance) => p.frames.map((f) => Math.max(f.blinkLeft, f.blinkRight));
const track = (p: SubjectPerformance, key: 'yaw' | 'pitch' | 'roll' | 'gazeX' | 'gazeY' | 'browRaise' | 'breath') => p.frames.map((f) => f[key]);
const rms = (values: number[]) => Math.sqrt(values.reduce((s, v) => s + v * v, 0) / Math.max(1, values.length));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

function speakerSpec(seed: number, durationSec = 180, startFrame = 0): PerformanceSpec {
  const speech = handMadeSpeech({ seed, fps, durationSec: durationSec - startFrame / fps });
  return { fps, frameCount: Math.round(durationSec * fps), seed, subjects: [{ subjectIndex: 0, clips: [{ startFrame, speech }] }] };
}

describe('generatePerformance: blinks', () => {
  it('blinks 10–20 times a minute over 3 minutes, speaking or listening, for several seeds', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const spec = speakerSpec(seed);
      spec.subjects.push({ subjectIndex: 1, clips: [] });
      for (const perf of generatePerformance(spec)) {
        const rate = detectBlinkFrames(lids(perf)).length / 3;
        expect(rate, `seed ${seed} subject ${perf.subjectIndex}`).toBeGreaterThanOrEqual(10);
        expect(rate, `seed ${seed} subject ${perf.subjectIndex}`).toBeLessThanOrEqual(20);
      }
    }
  });

  it('blinks more in pauses than in speech', () => {
    let pauseBlinks = 0;
    let speechBlinks = 0;
    let pauseSec = 0;
    let speechSec = 0;
    for (const seed of [1, 2, 3]) {
      const spec = speakerSpec(seed);
      const cues = extractSpeechCues(spec.subjects[0].clips, fps);
      const inSpeech = (t: number) => cues.phrases.some((p) => t >= p.start && t < p.end);
      for (const frame of detectBlinkFrames(lids(generatePerformance(spec)[0]))) {
        if (inSpeech(frame / fps)) speechBlinks++;
        else pauseBlinks++;
      }
      const spoken = cues.phrases.reduce((s, p) => s + p.end - p.start, 0);
      speechSec += spoken;
      pauseSec += 180 - spoken;
    }
    const pauseRate = (pauseBlinks / pauseSec) * 60;
    const speechRate = (speechBlinks / speechSec) * 60;
    expect(pauseRate).toBeGreaterThan(2 * speechRate);
  });

  it('blinks while speaking on without pauses: ≥ 3 in 20 s, the first within 4 s, for several seeds', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      // One breath group after another: pauses of 0.15–0.35 s only, 8–20 words each.
      const speech = handMadeSpeech({ seed, fps, durationSec: 20, leadInSec: 0.1, pauseSec: [0.15, 0.35], wordsPerPhrase: [8, 20] });
      const spec: PerformanceSpec = { fps, frameCount: 20 * fps, seed, subjects: [{ subjectIndex: 0, clips: [{ startFrame: 0, speech }] }] };
      const blinks = detectBlinkFrames(lids(generatePerformance(spec)[0]));
      expect(blinks.length, `seed ${seed}`).toBeGreaterThanOrEqual(3);
      expect(blinks[0] / fps, `seed ${seed}`).toBeLessThanOrEqual(4);
    }
  });

  it('blinks in a short speaking clip: at least one in every 5 s line', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const speech = handMadeSpeech({ seed, fps, durationSec: 5, leadInSec: 0.1, pauseSec: [0.15, 0.35], wordsPerPhrase: [8, 20] });
      const spec: PerformanceSpec = { fps, frameCount: 5 * fps, seed, subjects: [{ subjectIndex: 0, clips: [{ startFrame: 0, speech }] }] };
      expect(detectBlinkFrames(lids(generatePerformance(spec)[0])).length, `seed ${seed}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('lets no blink overlap the last frame, whatever the length', () => {
    for (const seconds of [2, 3.3, 7.9, 12.1, 30.05]) {
      const spec = speakerSpec(8, seconds);
      spec.subjects[0].style = { blinkRate: 40 };
      const [perf] = generatePerformance(spec);
      const last = perf.frames[perf.frames.length - 1];
      expect(last.blinkLeft + last.blinkRight).toBe(0);
      expect(lids(perf).slice(0, 9).every((v) => v === 0)).toBe(true);
    }
  });
});

describe('generatePerformance: reproducibility', () => {
  it('gives identical output for the same seed and different output for another', () => {
    const a = generatePerformance(speakerSpec(21, 60));
    const b = generatePerformance(speakerSpec(21, 60));
    expect(b).toEqual(a);
    const other = speakerSpec(21, 60);
    other.seed = 22;
    const c = generatePerformance(other);
    expect(track(c[0], 'yaw')).not.toEqual(track(a[0], 'yaw'));
    expect(detectBlinkFrames(lids(c[0]))).not.toEqual(detectBlinkFrames(lids(a[0])));
    // The mouth comes from the speech, not the seed.
    expect(c[0].frames.map((f) => f.jawOpen)).toEqual(a[0].frames.map((f) => f.jawOpen));
  });
});

describe('generatePerformance: head', () => {
  it('moves the head within human bounds with no dominant period', () => {
    for (const seed of [1, 2, 3, 4]) {
      const [perf] = generatePerformance(speakerSpec(seed));
      const yaw = track(perf, 'yaw');
      expect(spectralPeak(yaw, fps).share, `seed ${seed}`).toBeLessThan(0.2);
      expect(rms(yaw) / DEG).toBeGreaterThan(0.6);
      expect(rms(yaw) / DEG).toBeLessThan(2.5);
      expect(Math.max(...yaw.map(Math.abs)) / DEG).toBeLessThan(4.5);
      expect(Math.max(...track(perf, 'pitch').map(Math.abs)) / DEG).toBeLessThan(6);
      expect(Math.max(...track(perf, 'roll').map(Math.abs)) / DEG).toBeLessThan(2.5);
    }
  });

  it('nods slightly before stressed onsets', () => {
    const leads: number[] = [];
    for (const seed of [1, 2, 3]) {
      const spec = speakerSpec(seed);
      const cues = extractSpeechCues(spec.subjects[0].clips, fps);
      const nods = detectNodFrames(track(generatePerformance(spec)[0], 'pitch'), fps);
      expect(nods.length).toBeGreaterThan(10);
      for (const frame of nods) {
        const t = frame / fps;
        const nearest = cues.accents.reduce((best, a) => (Math.abs(a.timeSec - t) < Math.abs(best - t) ? a.timeSec : best), Infinity);
        leads.push(nearest - t);
      }
    }
    const lead = median(leads);
    expect(lead).toBeGreaterThanOrEqual(0);
    expect(lead).toBeLessThanOrEqual(0.12);
    // Most nods sit on an accent, not on the slow wander.
    expect(leads.filter((l) => Math.abs(l) < 0.15).length / leads.length).toBeGreaterThan(0.8);
  });

  it('turns less when the photo is already turned 30°', () => {
    const landmarks: Point3[] = Array.from({ length: 468 }, () => [0, 0, 0]);
    landmarks[33] = [100, 200, 0];
    landmarks[263] = [200, 200, 100 * Math.tan(30 * DEG)];
    const face = { index: 0, landmarks } as unknown as FaceSubject;
    const frontal = generatePerformance(speakerSpec(5))[0];
    const turnedSpec = speakerSpec(5);
    turnedSpec.subjects[0].face = face;
    const turned = generatePerformance(turnedSpec)[0];
    const ratio = rms(track(turned, 'yaw')) / rms(track(frontal, 'yaw'));
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(0.6);
    expect(track(turned, 'pitch')).toEqual(track(frontal, 'pitch'));
  });

  it('follows the style: no head motion at 0, no nods or brows at expressiveness 0', () => {
    const still = speakerSpec(6, 60);
    still.subjects[0].style = { headMotion: 0 };
    const [s] = generatePerformance(still);
    expect(s.frames.every((f) => f.yaw === 0 && f.pitch === 0 && f.roll === 0)).toBe(true);
    const flat = speakerSpec(6, 60);
    flat.subjects[0].style = { expressiveness: 0 };
    const [p] = generatePerformance(flat);
    expect(Math.max(...track(p, 'browRaise'))).toBe(0);
    const lively = speakerSpec(6, 60);
    lively.subjects[0].style = { expressiveness: 2 };
    const [q] = generatePerformance(lively);
    expect(detectNodFrames(track(q, 'pitch'), fps).length).toBeGreaterThan(detectNodFrames(track(p, 'pitch'), fps).length + 5);
  });
});

describe('generatePerformance: mouth', () => {
  it('copies the curves at the clip offset, so every b/p/m closure reaches the output unchanged', () => {
    const startFrame = 45;
    const spec = speakerSpec(3, 40, startFrame);
    const curves = spec.subjects[0].clips[0].speech.curves;
    const [perf] = generatePerformance(spec);
    const closures = curves.lipPress.map((v, i) => (v === 1 ? i : -1)).filter((i) => i >= 0);
    expect(closures.length).toBeGreaterThan(50);
    for (const i of closures) expect(perf.frames[startFrame + i].lipPress).toBe(1);
    // Away from the clip's first and last frames, every channel is the curve itself.
    for (let i = 5; i < curves.frameCount - 5; i++) {
      for (const channel of ARTICULATION_CHANNELS) expect(perf.frames[startFrame + i][channel]).toBe(curves[channel][i]);
    }
    for (let f = 0; f < startFrame; f++) for (const channel of ARTICULATION_CHANNELS) expect(perf.frames[f][channel]).toBe(0);
  });

  it('fades a clip that is cut mid-sound instead of snapping the mouth', () => {
    const speech = handMadeSpeech({ seed: 2, fps, durationSec: 10, leadInSec: 0 });
    for (const channel of ARTICULATION_CHANNELS) speech.curves[channel].fill(0.5);
    const [perf] = generatePerformance({ fps, frameCount: 400, seed: 1, subjects: [{ subjectIndex: 0, clips: [{ startFrame: 30, speech }] }] });
    const jaw = perf.frames.map((f) => f.jawOpen);
    expect(jaw[29]).toBe(0);
    expect(jaw[30]).toBeGreaterThan(0);
    expect(jaw[30]).toBeLessThan(0.25);
    expect(jaw[40]).toBe(0.5);
    expect(jaw[329]).toBeLessThan(0.25);
    expect(jaw[330]).toBe(0);
  });
});

describe('generatePerformance: mouth at the video edges', () => {
  it('does not fade a clip at the first and last frames of the video: a b/p/m there closes fully', () => {
    const speech = handMadeSpeech({ seed: 2, fps, durationSec: 4, leadInSec: 0 });
    const n = speech.curves.frameCount;
    for (const k of [0, 1, n - 2, n - 1]) speech.curves.lipPress[k] = 1;
    const [perf] = generatePerformance({ fps, frameCount: n, seed: 1, subjects: [{ subjectIndex: 0, clips: [{ startFrame: 0, speech }] }] });
    for (const k of [0, 1, n - 2, n - 1]) expect(perf.frames[k].lipPress, `frame ${k}`).toBe(1);
  });
});

describe('generatePerformance: listening and turn-taking', () => {
  it('keeps a listener alive: mouth closed, but blinks, nods, head motion, gaze and breathing', () => {
    const [listener] = generatePerformance({ fps, frameCount: 120 * fps, seed: 4, subjects: [{ subjectIndex: 2, clips: [] }] });
    expect(listener.subjectIndex).toBe(2);
    for (const channel of ARTICULATION_CHANNELS) expect(listener.frames.every((f) => f[channel] === 0)).toBe(true);
    const summary = describePerformance(listener);
    expect(summary.blinksPerMinute).toBeGreaterThanOrEqual(10);
    expect(summary.headRmsDeg.yaw).toBeGreaterThan(0.3);
    expect(summary.nodCount).toBeGreaterThan(2);
    expect(new Set(track(listener, 'gazeX')).size).toBeGreaterThan(40);
    // No frozen stretch: something moves between any two frames a second apart.
    const frames = listener.frames;
    for (let f = fps; f < frames.length; f += fps) expect(frames[f]).not.toEqual(frames[f - fps]);
  });

  it('lets two subjects take turns: each mouth moves only in its own clips, and listening is calmer', () => {
    const turnSec = 15;
    const turns = 10;
    const clipsOf = (who: number) =>
      Array.from({ length: turns / 2 }, (_, k) => {
        const turn = 2 * k + who;
        return { startFrame: turn * turnSec * fps, speech: handMadeSpeech({ seed: 100 + turn, fps, durationSec: turnSec, leadInSec: 0.3, pauseSec: [0.3, 1.2] }) };
      });
    const spec: PerformanceSpec = {
      fps,
      frameCount: turns * turnSec * fps,
      seed: 77,
      subjects: [
        { subjectIndex: 0, clips: clipsOf(0) },
        { subjectIndex: 1, clips: clipsOf(1) },
      ],
    };
    const perfs = generatePerformance(spec);
    for (const [who, perf] of perfs.entries()) {
      const own = (f: number) => Math.floor(f / (turnSec * fps)) % 2 === who;
      const mouth = (f: number) => perf.frames[f].jawOpen + perf.frames[f].lipPress;
      const ownMoving = perf.frames.filter((_, f) => own(f) && mouth(f) > 0).length;
      const otherMoving = perf.frames.filter((_, f) => !own(f) && mouth(f) > 0).length;
      expect(ownMoving).toBeGreaterThan(perf.frames.length * 0.25);
      expect(otherMoving).toBe(0);
      // Head motion while speaking vs listening, away from the turn edges.
      const inner = (f: number) => (f % (turnSec * fps)) / fps > 2 && (f % (turnSec * fps)) / fps < turnSec - 2;
      const speakingYaw = perf.frames.filter((_, f) => own(f) && inner(f)).map((x) => x.yaw);
      const listeningYaw = perf.frames.filter((_, f) => !own(f) && inner(f)).map((x) => x.yaw);
      expect(rms(listeningYaw)).toBeLessThan(rms(speakingYaw));
      expect(detectBlinkFrames(lids(perf)).length).toBeGreaterThan(15);
    }
    expect(track(perfs[0], 'yaw')).not.toEqual(track(perfs[1], 'yaw'));
  });
});

describe('generatePerformance: gaze, brows, breathing', () => {
  it('holds fixations of 0.4–2.5 s joined by small 1–2 frame saccades', () => {
    const [perf] = generatePerformance(speakerSpec(9, 120));
    const x = track(perf, 'gazeX');
    const y = track(perf, 'gazeY');
    const moving = (f: number) => x[f] !== x[f - 1] || y[f] !== y[f - 1];
    // Fixation length = time from one saccade's start to the next.
    const saccadeStarts: number[] = [];
    let movingRun = 0;
    for (let f = 1; f < x.length; f++) {
      if (!moving(f)) {
        movingRun = 0;
        continue;
      }
      movingRun++;
      expect(movingRun).toBeLessThanOrEqual(2);
      if (movingRun === 1) saccadeStarts.push(f);
    }
    const fixations = saccadeStarts.slice(1).map((f, i) => (f - saccadeStarts[i]) / fps);
    expect(fixations.length).toBeGreaterThan(50);
    expect(Math.min(...fixations)).toBeGreaterThanOrEqual(0.4 - 1 / fps);
    expect(Math.max(...fixations)).toBeLessThanOrEqual(2.5 + 1 / fps);
    // Every saccade that is not a glance aside (those leave or return from beyond 0.1) is at most 0.08 eye width.
    for (const f of saccadeStarts) {
      const [fx, fy, tx, ty] = [x[f - 1], y[f - 1], x[f + 1], y[f + 1]];
      if (Math.abs(fx) > 0.1 || Math.abs(tx) > 0.1) continue;
      expect(Math.hypot(tx - fx, ty - fy)).toBeLessThanOrEqual(0.08 + 1e-9);
    }
    const small = x.filter((v, f) => Math.hypot(v, y[f]) <= 0.08).length;
    expect(small / x.length).toBeGreaterThan(0.95);
  });

  it('glances aside only in long pauses', () => {
    const [perf] = generatePerformance({ fps, frameCount: 300 * fps, seed: 3, subjects: [{ subjectIndex: 0, clips: [] }] });
    const aside = track(perf, 'gazeX').filter((v) => Math.abs(v) > 0.1).length;
    expect(aside).toBeGreaterThan(0);
    const spec = speakerSpec(3, 180);
    spec.subjects[0].clips[0].speech = handMadeSpeech({ seed: 3, fps, durationSec: 180, pauseSec: [0.3, 1.0] });
    const [busy] = generatePerformance(spec);
    const cues = extractSpeechCues(spec.subjects[0].clips, fps);
    const lastSpeech = cues.phrases[cues.phrases.length - 1].end;
    const asideInSpeech = track(busy, 'gazeX').filter((v, f) => Math.abs(v) > 0.1 && f / fps > 1.5 && f / fps < lastSpeech).length;
    expect(asideInSpeech).toBe(0);
  });

  it('raises the brows on emphasis and holds them 0.3–0.8 s', () => {
    const spec = speakerSpec(12, 180);
    const cues = extractSpeechCues(spec.subjects[0].clips, fps);
    const brow = track(generatePerformance(spec)[0], 'browRaise');
    const holds: Array<{ start: number; length: number }> = [];
    for (let f = 1; f < brow.length; f++) {
      if (brow[f] > 0 && brow[f] === brow[f - 1] && brow[f - 1] !== brow[f - 2]) {
        let end = f;
        while (brow[end + 1] === brow[f]) end++;
        holds.push({ start: (f - 1) / fps, length: (end - f + 2) / fps });
      }
    }
    expect(holds.length).toBeGreaterThan(10);
    for (const hold of holds) {
      expect(hold.length).toBeGreaterThanOrEqual(0.3 - 2 / fps);
      expect(hold.length).toBeLessThanOrEqual(0.8 + 2 / fps);
      // The raise peaks just after an accent starts.
      const near = cues.accents.some((a) => hold.start - a.timeSec > -0.1 && hold.start - a.timeSec < 0.15);
      expect(near).toBe(true);
    }
  });

  it('breathes 12–20 times a minute at rest and inhales before each phrase', () => {
    const [rest] = generatePerformance({ fps, frameCount: 180 * fps, seed: 8, subjects: [{ subjectIndex: 0, clips: [] }] });
    const breath = track(rest, 'breath');
    let cycles = 0;
    for (let f = 1; f < breath.length; f++) if (breath[f - 1] < 0 && breath[f] >= 0) cycles++;
    expect(cycles / 3).toBeGreaterThanOrEqual(12);
    expect(cycles / 3).toBeLessThanOrEqual(20);
    const spec = speakerSpec(8, 120);
    const cues = extractSpeechCues(spec.subjects[0].clips, fps);
    const speaking = track(generatePerformance(spec)[0], 'breath');
    for (const phrase of cues.phrases) {
      const onset = Math.round(phrase.start * fps);
      if (onset < 20) continue;
      expect(speaking[onset]).toBeGreaterThan(0.6);
      expect(speaking[onset]).toBeGreaterThan(speaking[onset - Math.round(0.3 * fps)]);
    }
  });
});

describe('generatePerformance: long renders', () => {
  it('behaves the same in the last ten minutes of an hour as in the first: no drift', () => {
    const spec = speakerSpec(31, 3600);
    spec.subjects.push({ subjectIndex: 1, clips: [] });
    for (const perf of generatePerformance(spec)) {
      expect(perf.frames).toHaveLength(3600 * fps);
      const window = (fromMin: number) => describePerformance({ ...perf, frames: perf.frames.slice(fromMin * 60 * fps, (fromMin + 10) * 60 * fps) });
      const [first, last] = [window(0), window(50)];
      expect(last.blinksPerMinute).toBeGreaterThanOrEqual(10);
      expect(last.blinksPerMinute).toBeLessThanOrEqual(20);
      expect(last.headRmsDeg.yaw / first.headRmsDeg.yaw).toBeGreaterThan(0.75);
      expect(last.headRmsDeg.yaw / first.headRmsDeg.yaw).toBeLessThan(1.33);
      const meanYaw = perf.frames.slice(50 * 60 * fps).reduce((s, f) => s + f.yaw, 0) / (10 * 60 * fps);
      expect(Math.abs(meanYaw) / DEG).toBeLessThan(0.5);
      const gaze = perf.frames.slice(50 * 60 * fps).map((f) => Math.hypot(f.gazeX, f.gazeY));
      // Glances aside in the silent hour of the listener take a few percent of the time.
      expect(gaze.filter((g) => g <= 0.08).length / gaze.length).toBeGreaterThan(0.9);
    }
  });
});

describe('generatePerformance: bad specs', () => {
  it('names the field that cannot be used', () => {
    const wrongFps = speakerSpec(1, 10);
    wrongFps.fps = 25;
    expect(() => generatePerformance(wrongFps)).toThrow(/subject 0, clip 0: curves are at 30 fps but the performance is at 25 fps/);
    const twice = speakerSpec(1, 10);
    twice.subjects.push({ ...twice.subjects[0] });
    expect(() => generatePerformance(twice)).toThrow(/subject 0 appears twice/);
    const style = speakerSpec(1, 10);
    style.subjects[0].style = { expressiveness: 3 };
    expect(() => generatePerformance(style)).toThrow(InputError);
    expect(() => generatePerformance({ fps, frameCount: -1, seed: 1, subjects: [] })).toThrow(/frameCount/);
  });

  it('handles an empty render', () => {
    expect(generatePerformance({ fps, frameCount: 0, seed: 1, subjects: [{ subjectIndex: 0, clips: [] }] })[0].frames).toEqual([]);
  });
});
