/**
 * A person's own mouth shapes: frames of a clip indexed by mouth shape (opening, width, teeth) and head yaw, each with
 * the lower face's pixels and landmarks, so a synthesiser can show the real lips, teeth and jaw of that person in any
 * articulation the clip contains. Built from footage while it is tracked (the dub), and reusable for a photo render
 * given a short clip of the person as its mouth reference. Memory is bounded: past `maxEntries` (or `maxBytes`, counting whole crop buffers) the
 * most crowded shape bin gives up an entry, so a long clip keeps a spread of shapes rather than its first minutes.
 */
import type { RgbaImage } from '../../media/rgba-image.js';
import { measureFaceFrame, measureMouthShape, toFaceFrame, type FlatLandmarks, type MouthShape } from './mouth-shape.js';

export interface MouthBankEntry {
  /** The clip frame it came from. */
  frameIndex: number;
  shape: MouthShape;
  yawRad: number;
  /** The frame's 468 landmarks (x, y, z), video pixels. */
  landmarks: Float32Array;
  /** The lower face cut out of the decoded frame. */
  crop: RgbaImage;
  /** Where the crop starts in the decoded frame, and decoded pixels per video pixel. */
  cropX: number;
  cropY: number;
  scale: number;
}

export interface MouthBankStats {
  /** Opening of a closed mouth (5th percentile) and of a wide one (95th percentile), eye-distance units. */
  restOpening: number;
  wideOpening: number;
  /** Width of the mouth at rest (median over the near-closed entries). */
  restWidth: number;
}

export interface MouthBank {
  /** Offers a tracked frame; kept when it adds a shape or there is room. */
  add(input: { frameIndex: number; image: RgbaImage; landmarks: Float32Array; scale: number; yawRad: number }): void;
  /**
   * Gives the entry of `frameIndex` (if it is still kept) other landmarks, and its shape from them (the teeth share
   * measured when it was added stays): a frame's label can be finished once the frames after it are known.
   */
  relabel(frameIndex: number, landmarks: ArrayLike<number>): void;
  readonly entries: readonly MouthBankEntry[];
  stats(): MouthBankStats;
}

/** Below the eye line by this much (eye-distance units) the face counts as lower face: nose tip down. */
export const LOWER_FACE_FROM_V = 0.45;
/** Margin around the lower face's landmarks in a crop (eye-distance units): room for a jaw that drops. */
const CROP_MARGIN = 0.45;
const OPENING_BIN = 0.03;
const WIDTH_BIN = 0.06;

export function createMouthBank(options: { maxEntries?: number; maxBytes?: number } = {}): MouthBank {
  const maxEntries = options.maxEntries ?? 400;
  const maxBytes = options.maxBytes ?? 192 * 1024 * 1024;
  const entries: MouthBankEntry[] = [];
  let bytes = 0;
  // Once the bank is full every frame offered evicts one entry: its crop's memory and landmark array are reused by
  // the next frame instead of freed (a fresh crop per frame was ~0.3 MiB of garbage per frame, and native memory
  // fragmented by the churn kept growing through a long clip).
  const spare: { crops: ArrayBuffer[]; landmarks: Float32Array[] } = { crops: [], landmarks: [] };
  const SPARE_MAX = 4;
  const binOf = (s: MouthShape) => `${Math.round(s.opening / OPENING_BIN)}:${Math.round(s.width / WIDTH_BIN)}:${s.teeth > 0.15 ? 1 : 0}`;

  const evictOne = () => {
    const bins = new Map<string, number[]>();
    entries.forEach((e, i) => {
      const key = binOf(e.shape);
      bins.set(key, [...(bins.get(key) ?? []), i]);
    });
    let crowded: number[] = [];
    for (const members of bins.values()) if (members.length > crowded.length) crowded = members;
    // the bin's members are in clip order: drop the middle one, keeping its shape's earliest and latest examples
    const victim = crowded[crowded.length >> 1];
    const [evicted] = entries.splice(victim, 1);
    bytes -= evicted.crop.data.buffer.byteLength;
    if (spare.crops.length < SPARE_MAX) spare.crops.push(evicted.crop.data.buffer as ArrayBuffer);
    if (spare.landmarks.length < SPARE_MAX) spare.landmarks.push(evicted.landmarks);
  };

  return {
    entries,
    add({ frameIndex, image, landmarks, scale, yawRad }) {
      const shape = measureMouthShape(landmarks, image, 1 / scale);
      const crop = cropLowerFace(image, landmarks, scale, spare.crops);
      const kept = spare.landmarks.find((l) => l.length === landmarks.length);
      if (kept) spare.landmarks.splice(spare.landmarks.indexOf(kept), 1);
      const copy = kept ? (kept.set(landmarks), kept) : Float32Array.from(landmarks);
      entries.push({ frameIndex, shape, yawRad, landmarks: copy, crop: crop.image, cropX: crop.x, cropY: crop.y, scale });
      bytes += crop.image.data.buffer.byteLength;
      while (entries.length > 1 && (entries.length > maxEntries || bytes > maxBytes)) evictOne();
    },
    relabel(frameIndex, landmarks) {
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i];
        if (entry.frameIndex !== frameIndex) continue;
        entry.landmarks.set(landmarks);
        entry.shape = { ...measureMouthShape(entry.landmarks), teeth: entry.shape.teeth };
        return;
      }
    },
    stats() {
      const openings = entries.map((e) => e.shape.opening).sort((a, b) => a - b);
      const pick = (q: number) => openings[Math.min(openings.length - 1, Math.floor(q * openings.length))] ?? 0;
      const restOpening = pick(0.05);
      const wideOpening = Math.max(restOpening + 0.02, pick(0.95));
      const nearClosed = entries.filter((e) => e.shape.opening <= restOpening + 0.3 * (wideOpening - restOpening)).map((e) => e.shape.width).sort((a, b) => a - b);
      const restWidth = nearClosed[nearClosed.length >> 1] ?? entries[0]?.shape.width ?? 1;
      return { restOpening, wideOpening, restWidth };
    },
  };
}

/** The rectangle (decoded-frame pixels) holding the lower face and a margin around it. */
export function lowerFaceRect(landmarks: FlatLandmarks, scale: number, width: number, height: number): { x: number; y: number; width: number; height: number } {
  const frame = measureFaceFrame(landmarks);
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < landmarks.length / 3; i++) {
    if (toFaceFrame(frame, landmarks, i)[1] < LOWER_FACE_FROM_V) continue;
    x0 = Math.min(x0, landmarks[3 * i]);
    x1 = Math.max(x1, landmarks[3 * i]);
    y0 = Math.min(y0, landmarks[3 * i + 1]);
    y1 = Math.max(y1, landmarks[3 * i + 1]);
  }
  const margin = CROP_MARGIN * frame.unitPx;
  const left = Math.max(0, Math.floor((x0 - margin) * scale));
  const top = Math.max(0, Math.floor((y0 - margin * 0.3) * scale));
  const right = Math.min(width, Math.ceil((x1 + margin) * scale));
  const bottom = Math.min(height, Math.ceil((y1 + margin) * scale));
  return { x: left, y: top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}

/** Crop buffers get this much room over their first crop, so a slightly larger face later still fits a spare one. */
const CROP_HEADROOM = 1.25;

function cropLowerFace(image: RgbaImage, landmarks: FlatLandmarks, scale: number, spares: ArrayBuffer[]): { image: RgbaImage; x: number; y: number } {
  const rect = lowerFaceRect(landmarks, scale, image.width, image.height);
  const bytes = rect.width * rect.height * 4;
  // the smallest spare that fits, so the bank's counted bytes (whole buffers) stay close to its crops
  let fits = -1;
  spares.forEach((b, i) => {
    if (b.byteLength >= bytes && (fits < 0 || b.byteLength < spares[fits].byteLength)) fits = i;
  });
  const buffer = fits >= 0 ? spares.splice(fits, 1)[0] : new ArrayBuffer(Math.ceil((bytes * CROP_HEADROOM) / 4) * 4);
  const data = new Uint8Array(buffer, 0, bytes);
  for (let row = 0; row < rect.height; row++) {
    const from = ((rect.y + row) * image.width + rect.x) * 4;
    data.set(image.data.subarray(from, from + rect.width * 4), row * rect.width * 4);
  }
  return { image: { width: rect.width, height: rect.height, data }, x: rect.x, y: rect.y };
}
