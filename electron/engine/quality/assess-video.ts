/**
 * One pass over a talking-face video that yields every quality figure: lip sync, articulation at phonemes,
 * identity against the source photo, freezes, blinks and head-motion periodicity.
 */
import { analyzeImage } from '../face/analyze-image.js';
import { decodeImage, decodeVideoFrame, probeMedia, type FfmpegTools } from '../media/index.js';
import type { SessionPool } from '../models/session-pool.js';
import type { TimedPhoneme } from '../speech/speech-types.js';
import { InputError } from '../errors.js';
import type { RunOptions } from '../progress.js';
import { ENVELOPE_SAMPLE_RATE_HZ, decodeMonoPcm, frameEnvelope } from './audio-envelope.js';
import { createIdentityCheck, type IdentitySummary } from './identity.js';
import { countBlinks, createFreezeCheck, measurePeriodicity, type BlinkSummary, type FreezeSummary, type PeriodicitySummary } from './life.js';
import { measureArticulation, measureLipSync, type ArticulationResult, type LipSyncResult } from './lip-sync.js';
import { measureVideo, seriesOf, type FrameVisitor, type VideoMeasurement } from './measure-video.js';

export interface AssessVideoInput {
  videoPath: string;
  /** Which face in the video (0 = largest). */
  subject?: number;
  /** The photo the video was made from, for the identity check (a video's first frame stands in for a photo). */
  sourceImagePath?: string;
  /** Which face in the photo; defaults to `subject`. */
  sourceSubject?: number;
  /** Phoneme times of the soundtrack (seconds from the video's start), for the b/p/m and open-vowel checks. */
  phonemes?: TimedPhoneme[];
  /** Frames are measured shrunk to this longest side (default 1280: a 2048 px render measures 3× faster, the face stays ≥ 100 px). */
  maxSide?: number;
}

const DEFAULT_MEASURE_MAX_SIDE_PX = 1280;

export interface VideoQuality {
  frames: number;
  fps: number;
  durationSec: number;
  facesMissing: number;
  lipSync: Omit<LipSyncResult, 'correlations'> & { correlations: number[] };
  articulation: Omit<ArticulationResult, 'closures' | 'openVowels'> & {
    closures: { count: number; closedShare: number };
    openVowels: { count: number; openShare: number };
  } | null;
  identity: IdentitySummary | null;
  freezes: Omit<FreezeSummary, 'frameDiffs'> & { medianFrameDiff: number };
  blinks: Omit<BlinkSummary, 'startFrames'> & { startFrames: number[] };
  headMotion: { yaw: PeriodicitySummary; pitch: PeriodicitySummary; yawRangeDeg: number; pitchRangeDeg: number };
}

export async function assessVideo(
  deps: { tools: FfmpegTools; pool: SessionPool },
  input: AssessVideoInput,
  options: RunOptions = {},
): Promise<{ quality: VideoQuality; measurement: VideoMeasurement; envelope: number[] }> {
  const visitors: FrameVisitor[] = [];
  const identity = input.sourceImagePath ? await prepareIdentity(deps, input.sourceImagePath, input.sourceSubject ?? input.subject ?? 0) : null;
  if (identity) visitors.push(identity.visit);
  const freezes = createFreezeCheck((await probeMedia(deps.tools, input.videoPath)).fps ?? 25);
  visitors.push(freezes.visit);
  const measurement = await measureVideo(deps, input.videoPath, { subject: input.subject, maxSide: input.maxSide ?? DEFAULT_MEASURE_MAX_SIDE_PX, visitors, ...options });
  const { fps, frames } = measurement;
  const samples = await decodeMonoPcm(deps.tools, input.videoPath, { signal: options.signal });
  const envelope = frameEnvelope(samples, { sampleRateHz: ENVELOPE_SAMPLE_RATE_HZ, fps, frameCount: frames.length });
  const lipGap = seriesOf(frames, (m) => m.lipGap);
  const lipSync = measureLipSync({ lipGap, envelope, fps });
  const articulation = input.phonemes ? measureArticulation({ lipGap, fps, phonemes: input.phonemes }) : null;
  const aperture = seriesOf(frames, (m) => (m.eyeLeft === null || m.eyeRight === null ? null : (m.eyeLeft + m.eyeRight) / 2));
  const yaw = seriesOf(frames, (m) => m.yawRad);
  const pitch = seriesOf(frames, (m) => m.pitchRad);
  const { frameDiffs, ...freezeFigures } = freezes.summary();
  const rangeDeg = (values: number[]) => ((Math.max(...values) - Math.min(...values)) * 180) / Math.PI;
  const quality: VideoQuality = {
    frames: frames.length,
    fps,
    durationSec: frames.length / fps,
    facesMissing: frames.filter((m) => !m.detected).length,
    lipSync: { ...lipSync, correlations: lipSync.correlations.map((c) => c.correlation) },
    articulation: articulation && {
      medianLipGap: articulation.medianLipGap,
      closures: { count: articulation.closures.count, closedShare: articulation.closures.closedShare },
      openVowels: { count: articulation.openVowels.count, openShare: articulation.openVowels.openShare },
    },
    identity: identity?.summary() ?? null,
    freezes: { ...freezeFigures, medianFrameDiff: medianFinite(frameDiffs) },
    blinks: countBlinks(aperture, fps),
    headMotion: {
      yaw: measurePeriodicity(yaw, fps),
      pitch: measurePeriodicity(pitch, fps),
      yawRangeDeg: rangeDeg(yaw),
      pitchRangeDeg: rangeDeg(pitch),
    },
  };
  return { quality, measurement, envelope };
}

async function prepareIdentity(deps: { tools: FfmpegTools; pool: SessionPool }, imagePath: string, subject: number) {
  const info = await probeMedia(deps.tools, imagePath);
  const { image } = info.kind === 'video' ? await decodeVideoFrame(deps.tools, imagePath) : await decodeImage(deps.tools, imagePath);
  const analysis = await analyzeImage(deps.pool, image);
  const face = analysis.subjects[subject];
  if (!face) throw new InputError('NO_SUCH_SUBJECT', `${imagePath}: has no face number ${subject} to compare with.`, imagePath);
  return createIdentityCheck({ image, landmarks: face.landmarks });
}

function medianFinite(values: number[]): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  return finite.length ? finite[finite.length >> 1] : 0;
}
