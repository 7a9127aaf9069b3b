/**
 * Auto-reframe that follows the speaker: when one crop keeping every speaker would show their faces small (or need a
 * blurred band where the photo has content), the framing becomes a series of shots, each framing whoever speaks.
 * Pure timing and geometry in source pixels and seconds; the render crops its frames to `cropAt` (see shot-frames.ts)
 * and the studio's stage draws the same crop at the playhead.
 */
import { frameSubjects, unionOf, type FramedFace, type Framing, type Rect } from './framing.js';
import type { OutputPreset } from './output-presets.js';

/** The speakers' faces smaller than this share of the size the preset aims for call for a shot per speaker. */
const SMALL_FACE_SHARE = 0.5;
/** The next speaker is in frame this long before their first word. */
const LEAD_SEC = 0.15;
/** An eased move between speakers takes this long; it needs a pause at least this long plus the lead. */
const MOVE_SEC = 0.6;
/** A shot shorter than this is no shot: it is folded into the one before (an interjection stays on the listener). */
export const MIN_SHOT_SEC = 1.5;

export interface SpeakerSpans {
  subject: number;
  face: FramedFace;
  /** When this speaker talks (clip start to end), seconds. */
  spans: readonly { startSec: number; endSec: number }[];
}

export interface Shot {
  subject: number;
  crop: Rect;
  /** From the switch to this shot (0 for the first) to the next switch (the scene's end for the last). */
  startSec: number;
  endSec: number;
}

/** How one shot gives way to the next: a hard cut at `startSec` (= `endSec`), or an eased move between them. */
export interface ShotChange {
  kind: 'cut' | 'move';
  startSec: number;
  endSec: number;
}

export interface ShotPlan {
  output: { width: number; height: number };
  /** Output pixels per source pixel; every shot's crop has the same size. */
  scale: number;
  shots: Shot[];
  /** `changes[i]` leads from `shots[i]` to `shots[i + 1]`. */
  changes: ShotChange[];
  /** Every region any shot shows (inside the photo): what the renderer draws. */
  view: Rect;
}

/**
 * The shots that follow the speakers, or null when one crop serves (one speaker, the `source` preset, faces large
 * enough in the crop that keeps them all, or shots that would themselves need padding).
 */
export function planSpeakerShots(input: {
  imageWidth: number;
  imageHeight: number;
  preset: OutputPreset;
  speakers: readonly SpeakerSpans[];
  durationSec: number;
  /** Every face in the photo, listeners too, so that no shot's edge runs through one (the speakers' when absent). */
  faces?: readonly Rect[];
}): ShotPlan | null {
  const { imageWidth, imageHeight, preset } = input;
  const speakers = distinctSubjects(input.speakers).filter((s) => s.spans.some((span) => span.endSec > span.startSec));
  if (!preset.size || speakers.length < 2) return null;
  const together = frameSubjects({ imageWidth, imageHeight, faces: speakers.map((s) => s.face), preset });
  const faceHeight = Math.max(...speakers.map((s) => s.face.box.height));
  if (!together.padded && faceHeight / together.crop.height >= SMALL_FACE_SHARE * preset.faceHeightShare) return null;
  const alone = speakers.map((s) => frameSubjects({ imageWidth, imageHeight, faces: [s.face], preset }));
  const cropHeight = Math.max(...alone.map((f) => f.crop.height));
  const framings = new Map(speakers.map((s) => [s.subject, frameSubjects({ imageWidth, imageHeight, faces: [s.face], preset, cropHeight })]));
  if ([...framings.values()].some((f) => f.padded)) return null;
  const faces = input.faces ?? speakers.map((s) => s.face.box);
  for (const s of speakers) {
    const framing = framings.get(s.subject)!;
    framing.crop = clearOtherFaces({ crop: framing.crop, face: s.face.box, others: faces, imageWidth });
  }
  const turns = speakingTurns(speakers);
  const { shots, changes } = cutIntoShots(turns, input.durationSec, (subject) => framings.get(subject)!.crop);
  // Turns too short to hold a shot each (a scene of two quick lines): the crop that keeps everyone serves better.
  if (shots.length < 2) return null;
  const first = framings.get(shots[0].subject)!;
  return { output: first.output, scale: first.scale, shots, changes, view: unionOf(shots.map((s) => s.crop)) };
}

/** The crop at `atSec`: a shot's, or on the way between two during a move (eased in and out, whole pixels). */
export function cropAt(plan: Pick<ShotPlan, 'shots' | 'changes'>, atSec: number): Rect {
  const { shots, changes } = plan;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    if (atSec < change.startSec) return shots[i].crop;
    if (atSec < change.endSec) return mix(shots[i].crop, shots[i + 1].crop, ease((atSec - change.startSec) / (change.endSec - change.startSec)));
  }
  return shots[shots.length - 1].crop;
}

/** The Framing of the shot on screen at `atSec` (what the stage draws), built on the plan's shared size and scale. */
export function framingAt(plan: ShotPlan, atSec: number): Framing {
  const crop = cropAt(plan, atSec);
  return { output: plan.output, crop, view: crop, scale: plan.scale, placement: { x: 0, y: 0, ...plan.output }, padded: false };
}

/** Room kept beside a face that an edge must not cut, as a share of its width. */
const EDGE_CLEARANCE = 0.1;

/**
 * The crop slid sideways (as little as possible) so that neither edge runs through a face, when that can be done
 * keeping the speaker's face well inside and the crop inside the photo; otherwise left where it was.
 */
export function clearOtherFaces(input: { crop: Rect; face: Rect; others: readonly Rect[]; imageWidth: number }): Rect {
  const { crop, face, others, imageWidth } = input;
  const w = crop.width;
  const margin = (r: Rect) => r.width * EDGE_CLEARANCE;
  const cuts = (x: number) => others.some((r) => [x, x + w].some((edge) => edge > r.x - margin(r) && edge < r.x + r.width + margin(r)));
  if (!cuts(crop.x)) return crop;
  const keepsSpeaker = (x: number) => x <= face.x - margin(face) && x + w >= face.x + face.width + margin(face);
  const candidates = others.flatMap((r) => [r.x - margin(r) - w, r.x + r.width + margin(r), r.x - margin(r), r.x + r.width + margin(r) - w]);
  const fits = candidates
    .map((x) => Math.round(x))
    .filter((x) => x >= 0 && x + w <= imageWidth && keepsSpeaker(x) && !cuts(x))
    .sort((a, b) => Math.abs(a - crop.x) - Math.abs(b - crop.x));
  return fits.length > 0 ? { ...crop, x: fits[0] } : crop;
}

interface Turn {
  subject: number;
  startSec: number;
  endSec: number;
}

/** Everyone's spans in time order, a speaker's consecutive spans joined into one turn. */
export function speakingTurns(speakers: readonly SpeakerSpans[]): Turn[] {
  const spans = speakers.flatMap((s) => s.spans.filter((span) => span.endSec > span.startSec).map((span) => ({ subject: s.subject, ...span })));
  spans.sort((a, b) => a.startSec - b.startSec || a.endSec - b.endSec);
  const turns: Turn[] = [];
  for (const span of spans) {
    const last = turns[turns.length - 1];
    if (last && last.subject === span.subject) last.endSec = Math.max(last.endSec, span.endSec);
    else turns.push({ ...span });
  }
  return turns;
}

/**
 * One shot per turn, switching in the pause before the next speaker: an eased move that ends LEAD_SEC before their
 * first word when the pause holds it (the move never slides a face that is speaking), else a hard cut in the pause.
 * Shots shorter than MIN_SHOT_SEC are folded into the one before; shots of the same crop are joined.
 */
function cutIntoShots(turns: Turn[], durationSec: number, cropOf: (subject: number) => Rect): { shots: Shot[]; changes: ShotChange[] } {
  const end = Math.max(durationSec, ...turns.map((t) => t.endSec));
  let kept = turns.slice();
  for (;;) {
    const bounds = switchTimes(kept);
    const lengths = kept.map((_, i) => (i + 1 < kept.length ? bounds[i] : end) - (i > 0 ? bounds[i - 1] : 0));
    const short = lengths.findIndex((length) => length < MIN_SHOT_SEC && kept.length > 1);
    if (short < 0) break;
    // The first shot gives way to the second; any other is folded into the one before.
    const into = short === 0 ? 1 : short - 1;
    const merged = { subject: kept[into].subject, startSec: Math.min(kept[into].startSec, kept[short].startSec), endSec: Math.max(kept[into].endSec, kept[short].endSec) };
    kept = joinSameSubject([...kept.slice(0, Math.min(into, short)), merged, ...kept.slice(Math.max(into, short) + 1)]);
  }
  kept = joinSameCrop(kept, cropOf);
  const changes: ShotChange[] = [];
  for (let i = 0; i + 1 < kept.length; i++) changes.push(changeBetween(kept[i], kept[i + 1]));
  const shots = kept.map((turn, i) => ({
    subject: turn.subject,
    crop: cropOf(turn.subject),
    startSec: i === 0 ? 0 : midpoint(changes[i - 1]),
    endSec: i + 1 < kept.length ? midpoint(changes[i]) : end,
  }));
  return { shots, changes };
}

function switchTimes(turns: Turn[]): number[] {
  return turns.slice(1).map((next, i) => midpoint(changeBetween(turns[i], next)));
}

function changeBetween(from: Turn, to: Turn): ShotChange {
  const pauseSec = to.startSec - from.endSec;
  if (pauseSec >= MOVE_SEC + LEAD_SEC) return { kind: 'move', startSec: to.startSec - LEAD_SEC - MOVE_SEC, endSec: to.startSec - LEAD_SEC };
  // A cut just before the next word when the pause allows, else halfway through it (at the next word when they overlap).
  const atSec = pauseSec >= 2 * LEAD_SEC ? to.startSec - LEAD_SEC : pauseSec > 0 ? from.endSec + pauseSec / 2 : to.startSec;
  return { kind: 'cut', startSec: atSec, endSec: atSec };
}

function joinSameSubject(turns: Turn[]): Turn[] {
  const out: Turn[] = [];
  for (const turn of turns) {
    const last = out[out.length - 1];
    if (last && last.subject === turn.subject) last.endSec = Math.max(last.endSec, turn.endSec);
    else out.push({ ...turn });
  }
  return out;
}

function joinSameCrop(turns: Turn[], cropOf: (subject: number) => Rect): Turn[] {
  const out: Turn[] = [];
  for (const turn of turns) {
    const last = out[out.length - 1];
    if (last && sameRect(cropOf(last.subject), cropOf(turn.subject))) last.endSec = Math.max(last.endSec, turn.endSec);
    else out.push({ ...turn });
  }
  return out;
}

function distinctSubjects(speakers: readonly SpeakerSpans[]): SpeakerSpans[] {
  const bySubject = new Map<number, SpeakerSpans>();
  for (const s of speakers) {
    const known = bySubject.get(s.subject);
    bySubject.set(s.subject, known ? { ...known, spans: [...known.spans, ...s.spans] } : s);
  }
  return [...bySubject.values()];
}

const midpoint = (change: ShotChange) => (change.startSec + change.endSec) / 2;
const sameRect = (a: Rect, b: Rect) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
/** Smoothstep: starts and stops gently, no jolt at either end. */
const ease = (p: number) => {
  const q = Math.min(1, Math.max(0, p));
  return q * q * (3 - 2 * q);
};

function mix(a: Rect, b: Rect, p: number): Rect {
  return { x: Math.round(a.x + (b.x - a.x) * p), y: Math.round(a.y + (b.y - a.y) * p), width: a.width, height: a.height };
}
