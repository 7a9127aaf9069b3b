/**
 * The goals a render's figures are held to, in one place for the report and the tests.
 */
import type { VideoQuality } from './assess-video.js';

export const QUALITY_GOALS = {
  /** Mouth–sound correlation peak at lag 0 ± this many frames. */
  maxAbsLagFrames: 1,
  /** …and at least this high (Obama's real talking head: 0.57). */
  minPeakCorrelation: 0.3,
  minClosedShare: 0.8,
  minOpenShare: 0.8,
  minUpperFaceSsim: 0.85,
  /** Human spontaneous blink rate while speaking, per minute (wide: a clip of seconds holds one or two). */
  blinksPerMinute: [6, 30] as [number, number],
  maxHeadMotionPeakShare: 0.25,
} as const;

export interface GoalCheck {
  name: string;
  value: number;
  goal: string;
  /** null when the figure cannot be judged on this clip (e.g. no b/p/m in it). */
  passed: boolean | null;
}

const finite = (v: number) => Number.isFinite(v);

/** Each figure of a video against its goal. */
export function checkQualityGoals(q: VideoQuality): GoalCheck[] {
  const g = QUALITY_GOALS;
  const checks: GoalCheck[] = [
    { name: 'faces missing', value: q.facesMissing, goal: '0', passed: q.facesMissing === 0 },
    { name: 'lip-sync lag (frames)', value: q.lipSync.peakLagFrames, goal: `0 ± ${g.maxAbsLagFrames}`, passed: Math.abs(q.lipSync.peakLagFrames) <= g.maxAbsLagFrames },
    { name: 'lip-sync peak', value: q.lipSync.peakCorrelation, goal: `≥ ${g.minPeakCorrelation}`, passed: q.lipSync.peakCorrelation >= g.minPeakCorrelation },
    { name: 'frozen seconds', value: q.freezes.frozenSeconds, goal: '0', passed: q.freezes.frozenSeconds === 0 },
    { name: 'identical second pairs', value: q.freezes.identicalSecondPairs, goal: '0', passed: q.freezes.identicalSecondPairs === 0 },
    {
      name: 'blinks per minute',
      value: q.blinks.perMinute,
      goal: `${g.blinksPerMinute[0]}–${g.blinksPerMinute[1]}`,
      // Under 10 s a clip may hold no blink by chance: only too many is judged there.
      passed: q.durationSec < 10 ? q.blinks.perMinute <= g.blinksPerMinute[1] : q.blinks.perMinute >= g.blinksPerMinute[0] && q.blinks.perMinute <= g.blinksPerMinute[1],
    },
    { name: 'yaw peak share', value: q.headMotion.yaw.peakShare, goal: `< ${g.maxHeadMotionPeakShare}`, passed: q.headMotion.yaw.peakShare < g.maxHeadMotionPeakShare },
    { name: 'pitch peak share', value: q.headMotion.pitch.peakShare, goal: `< ${g.maxHeadMotionPeakShare}`, passed: q.headMotion.pitch.peakShare < g.maxHeadMotionPeakShare },
  ];
  if (q.articulation) {
    const { closures, openVowels } = q.articulation;
    checks.push(
      { name: 'b/p/m closed share', value: closures.closedShare, goal: `≥ ${g.minClosedShare}`, passed: finite(closures.closedShare) ? closures.closedShare >= g.minClosedShare : null },
      { name: 'open-vowel open share', value: openVowels.openShare, goal: `≥ ${g.minOpenShare}`, passed: finite(openVowels.openShare) ? openVowels.openShare >= g.minOpenShare : null },
    );
  }
  if (q.identity) {
    const ssim = q.identity.meanSsim;
    checks.push({ name: 'upper-face SSIM (mean)', value: ssim, goal: `≥ ${g.minUpperFaceSsim}`, passed: finite(ssim) ? ssim >= g.minUpperFaceSsim : false });
  }
  return checks;
}
