import type { ArticulationChannel } from './speech-types.js';
import type { Viseme } from './visemes.js';

/**
 * What each viseme asks of the face, per articulation channel (0..1), and how strongly it insists
 * (Cohen–Massaro dominance). Numbers follow the shapes described in visemes.ts:
 * lingual consonants (DD, kk) barely constrain the lips, so their lip channels take the neighbouring vowels'
 * shape; bilabials dominate lip press, rounded segments dominate rounding and reach further ahead (anticipation).
 */
type Row = Record<ArticulationChannel, number>;
const row = (jawOpen: number, lipPress: number, lipRound: number, lipSpread: number, upperLipRaise: number, teethShow: number, tongueShow: number): Row => ({
  jawOpen,
  lipPress,
  lipRound,
  lipSpread,
  upperLipRaise,
  teethShow,
  tongueShow,
});

//                                         jaw   press round spread upLip teeth tongue
export const VISEME_TARGETS: Record<Viseme, Row> = {
  sil: row(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
  PP: row(0.0, 1.0, 0.1, 0.0, 0.0, 0.0, 0.0),
  FF: row(0.12, 0.15, 0.0, 0.15, 0.55, 0.85, 0.0),
  TH: row(0.22, 0.0, 0.0, 0.15, 0.25, 0.6, 0.9),
  DD: row(0.22, 0.0, 0.05, 0.2, 0.1, 0.5, 0.35),
  kk: row(0.3, 0.0, 0.05, 0.15, 0.1, 0.35, 0.05),
  CH: row(0.16, 0.0, 0.65, 0.0, 0.35, 0.65, 0.0),
  SS: row(0.1, 0.0, 0.0, 0.5, 0.2, 0.8, 0.0),
  RR: row(0.2, 0.0, 0.55, 0.0, 0.15, 0.3, 0.0),
  aa: row(0.88, 0.0, 0.1, 0.25, 0.3, 0.55, 0.15),
  E: row(0.5, 0.0, 0.0, 0.55, 0.25, 0.55, 0.1),
  I: row(0.24, 0.0, 0.0, 0.85, 0.2, 0.55, 0.0),
  O: row(0.55, 0.0, 0.75, 0.0, 0.1, 0.2, 0.0),
  U: row(0.22, 0.0, 1.0, 0.0, 0.05, 0.05, 0.0),
};

/** Dominance magnitude α per viseme and channel: how much a segment pulls its neighbours' frames toward itself. */
export const VISEME_DOMINANCE: Record<Viseme, Row> = {
  sil: row(0.5, 0.5, 0.4, 0.4, 0.4, 0.4, 0.4),
  PP: row(0.6, 1.0, 0.4, 0.8, 0.6, 1.0, 1.0),
  FF: row(0.8, 0.8, 0.5, 0.6, 1.0, 1.0, 0.8),
  TH: row(0.6, 0.3, 0.2, 0.3, 0.5, 0.8, 1.0),
  DD: row(0.5, 0.3, 0.1, 0.15, 0.2, 0.5, 0.6),
  kk: row(0.4, 0.3, 0.1, 0.1, 0.2, 0.3, 0.3),
  CH: row(0.6, 0.5, 1.0, 0.8, 0.8, 0.8, 0.6),
  SS: row(0.7, 0.5, 0.5, 0.8, 0.5, 0.9, 0.6),
  RR: row(0.5, 0.3, 0.8, 0.6, 0.4, 0.4, 0.4),
  aa: row(1.0, 0.6, 0.7, 0.7, 0.6, 0.6, 0.5),
  E: row(0.9, 0.6, 0.6, 0.8, 0.6, 0.6, 0.5),
  I: row(0.8, 0.6, 0.7, 1.0, 0.6, 0.6, 0.5),
  O: row(0.9, 0.6, 1.0, 0.8, 0.6, 0.6, 0.5),
  U: row(0.8, 0.6, 1.0, 0.9, 0.6, 0.6, 0.5),
};

/**
 * Time constants (seconds) of the exponential fall-off of dominance outside a segment: before it (anticipation)
 * and after it (carry-over). Rounding and lip closure are planned ahead, so they reach further forward.
 */
export const DOMINANCE_REACH_SEC: Record<ArticulationChannel, { before: number; after: number }> = {
  jawOpen: { before: 0.045, after: 0.04 },
  lipPress: { before: 0.05, after: 0.03 },
  lipRound: { before: 0.12, after: 0.06 },
  lipSpread: { before: 0.06, after: 0.05 },
  upperLipRaise: { before: 0.05, after: 0.04 },
  teethShow: { before: 0.04, after: 0.04 },
  tongueShow: { before: 0.03, after: 0.03 },
};

/**
 * How far the picture runs ahead of the sound (s). A frame is on screen for 1/fps after its instant while its
 * sound is heard, and speakers move the mouth tens of milliseconds before the sound comes: sampling the curves at
 * the frame's own instant put the rendered mouth a frame behind its sound (peak cross-correlation at +1 frame at
 * 30 fps; a real talking head measures −1 to −2). One 30 fps frame of lead puts the peak at 0.
 */
export const MOUTH_LEAD_SEC = 1 / 30;

/** Jaw opening scales with vocal effort (JALI's JA axis); lips depend on it less (LI axis). */
export const JAW_EFFORT = { atSilence: 0.4, atFullVoice: 1.1 };
export const LIP_EFFORT = { atSilence: 0.75, atFullVoice: 1.05 };
/** Stressed vowels open a little wider. */
export const STRESS_JAW_GAIN = 1.1;
/** Closures: the jaw may stay at most this open while the lips are pressed. */
export const CLOSURE_MAX_JAW = 0.03;
