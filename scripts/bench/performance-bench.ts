import { describePerformance, formatPerformanceSummary, generatePerformance } from '../../electron/engine/animate/index.js';
import { handMadeSpeech } from '../../electron/engine/animate/test-support/hand-made-speech.js';
import { median, type BenchSection } from './bench-support.js';

/** Speed of the performance generator on an hour of hand-made speech plus a listener (O(frames) expected). */
export const performanceBench: BenchSection = {
  name: 'performance',
  async run() {
    const fps = 30;
    for (const minutes of [3, 60]) {
      const durationSec = minutes * 60;
      const speech = handMadeSpeech({ seed: 1, fps, durationSec });
      const spec = {
        fps,
        frameCount: durationSec * fps,
        seed: 1,
        subjects: [
          { subjectIndex: 0, clips: [{ startFrame: 0, speech }] },
          { subjectIndex: 1, clips: [] },
        ],
      };
      const times: number[] = [];
      let performances = generatePerformance(spec);
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        performances = generatePerformance(spec);
        times.push(performance.now() - t0);
      }
      const ms = median(times);
      console.log(
        `performance    ${String(minutes).padStart(2)} min, 2 subjects, ${spec.frameCount} frames   median ${ms.toFixed(0)} ms  (${((spec.frameCount * 2) / ms).toFixed(0)} subject-frames/ms)`,
      );
      for (const p of performances) console.log(`               ${formatPerformanceSummary(describePerformance(p))}`);
    }
  },
};
