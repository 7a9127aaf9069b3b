/**
 * The performance generator: for each subject, every per-frame parameter the renderer needs, from its speech clips
 * (or, where it has none, the listening idle). Pure and seeded: the same spec gives the same frames, in O(frames).
 */
import { ARTICULATION_CHANNELS } from '../speech/speech-types.js';
import { blinkHazard, renderBlinks, scheduleBlinks } from './blinks.js';
import { planBreathing, renderBreathing } from './breathing.js';
import { planBrowRaises, renderBrowRaises } from './brows.js';
import { LONG_PAUSE_SEC, renderGaze, scheduleGaze } from './gaze.js';
import { planListeningNods, planSpeakingNods, renderHeadNoise, renderNods, TYPICAL_HEAD_NOISE } from './head-motion.js';
import { renderMouthTracks } from './mouth-tracks.js';
import type { SubjectFrameParams, SubjectPerformance } from './performance-types.js';
import { validatePerformanceSpec, type PerformanceSpec, type SubjectSpec } from './performance-spec.js';
import { yawAmplitudeScale } from './photo-pose.js';
import { complementIntervals, sceneSilences, speakingEnvelope } from './scene-timing.js';
import { randomFor } from './seeded-random.js';
import { extractSpeechCues, type Interval, type SpeechCues } from './speech-cues.js';

/** The default blink rate is drawn from this range: the middle of the human 10–20 a minute, so that the irregular
 * intervals (a 3-minute count varies by about ±1.3 a minute) still keep a few minutes inside 10–20. */
const DEFAULT_BLINK_RATE_RANGE: [number, number] = [13, 17];
/** A listener is "listening" this long after its own phrase ends. */
const LISTENING_MARGIN_SEC = 0.5;

export interface ResolvedStyle {
  expressiveness: number;
  headMotion: number;
  blinkRate: number;
}

export function resolveStyle(seed: number, subject: SubjectSpec): ResolvedStyle {
  const random = randomFor(seed, subject.subjectIndex, 'style');
  const drawnBlinkRate = random.uniform(...DEFAULT_BLINK_RATE_RANGE);
  return {
    expressiveness: subject.style?.expressiveness ?? 1,
    headMotion: subject.style?.headMotion ?? 1,
    blinkRate: subject.style?.blinkRate ?? drawnBlinkRate,
  };
}

interface SceneContext {
  fps: number;
  frameCount: number;
  seed: number;
  durationSec: number;
  silences: Interval[];
  othersPhraseEnds: number[];
}

function generateSubject(subject: SubjectSpec, cues: SpeechCues, scene: SceneContext): SubjectPerformance {
  const { fps, frameCount, seed, durationSec } = scene;
  const style = resolveStyle(seed, subject);
  const stream = (label: string) => randomFor(seed, subject.subjectIndex, label);
  const track = () => new Float64Array(frameCount);

  const mouth = renderMouthTracks(subject.clips, fps, frameCount);

  const [blinkLeft, blinkRight] = [track(), track()];
  const blinks = scheduleBlinks({ random: stream('blinks'), fps, frameCount, ratePerMinute: style.blinkRate, hazard: blinkHazard(cues, fps, frameCount) });
  renderBlinks(blinks, fps, blinkLeft, blinkRight);

  const [gazeX, gazeY] = [track(), track()];
  renderGaze(scheduleGaze(stream('gaze'), fps, durationSec, scene.silences), fps, gazeX, gazeY);

  const [yaw, pitch, roll] = [track(), track(), track()];
  const bodyScale = style.headMotion * (0.7 + 0.3 * style.expressiveness);
  const levels = {
    ...TYPICAL_HEAD_NOISE,
    yawSd: TYPICAL_HEAD_NOISE.yawSd * bodyScale * yawAmplitudeScale(subject.face),
    pitchSd: TYPICAL_HEAD_NOISE.pitchSd * bodyScale,
    rollSd: TYPICAL_HEAD_NOISE.rollSd * bodyScale,
  };
  const speaking = speakingEnvelope(cues.phrases, fps, frameCount);
  renderHeadNoise({ random: stream('head'), fps, frameCount, levels, speaking }, yaw, pitch, roll);
  const listening = complementIntervals(cues.phrases, durationSec, LISTENING_MARGIN_SEC);
  renderNods(planSpeakingNods(stream('nods'), cues.accents, style.expressiveness, style.headMotion), fps, pitch);
  renderNods(planListeningNods(stream('listening-nods'), scene.othersPhraseEnds, listening, style.headMotion), fps, pitch);

  const browRaise = track();
  renderBrowRaises(planBrowRaises(stream('brows'), cues.accents, style.expressiveness), fps, browRaise);

  const breath = track();
  renderBreathing(planBreathing(stream('breath'), cues.phrases, durationSec), fps, breath);

  const frames: SubjectFrameParams[] = new Array(frameCount);
  for (let f = 0; f < frameCount; f++) {
    const frame = {
      blinkLeft: blinkLeft[f],
      blinkRight: blinkRight[f],
      gazeX: gazeX[f],
      gazeY: gazeY[f],
      yaw: yaw[f],
      pitch: pitch[f],
      roll: roll[f],
      browRaise: browRaise[f],
      breath: breath[f],
    } as SubjectFrameParams;
    for (const channel of ARTICULATION_CHANNELS) frame[channel] = mouth[channel][f];
    frames[f] = frame;
  }
  return { subjectIndex: subject.subjectIndex, fps, frames };
}

/** One performance per subject of the spec, in the spec's order; throws InputError BAD_ARGUMENT on an unusable spec. */
export function generatePerformance(spec: PerformanceSpec): SubjectPerformance[] {
  validatePerformanceSpec(spec);
  const { fps, frameCount, seed } = spec;
  const cues = spec.subjects.map((s) => extractSpeechCues(s.clips, fps));
  const durationSec = frameCount / fps;
  const silences = sceneSilences(
    cues.map((c) => c.phrases),
    durationSec,
    LONG_PAUSE_SEC,
  );
  return spec.subjects.map((subject, i) => {
    const othersPhraseEnds = cues.flatMap((c, j) => (j === i ? [] : c.phrases.map((p) => p.end))).sort((a, b) => a - b);
    return generateSubject(subject, cues[i], { fps, frameCount, seed, durationSec, silences, othersPhraseEnds });
  });
}
