/**
 * The landmarks a banked mouth is labelled and warped by: each frame's own mesh averaged with its neighbours' (weights
 * 1-2-1), within a shot. The tracker's causal smoothing steadies where a face is drawn, but it lags the lips and
 * flattens their fast motion, so a mouth banked with it was labelled with the shape of the frames before it (a dub's
 * mouth then followed its wanted shape at 0.78 on the clips in ../shared/media/video, against 0.92 with this). One
 * mesh alone is noisier on a small face (GRID's 100 px); the centred average adds no lag and cuts frame-to-frame noise
 * to about 0.6 of its size.
 *
 * Fed one frame at a time, it gives each frame's centred landmarks one frame later, once the next frame is known.
 */
export interface CentredLandmarks {
  /**
   * The next frame's own landmarks (null where the face was not found), and whether a new shot starts there. Returns
   * the centred landmarks of the frame before it (valid until the next call), or null when that frame had none.
   */
  push(own: ArrayLike<number> | null, cut: boolean): Float32Array | null;
  /** The last frame's centred landmarks, after the clip's end (its next neighbour is missing). */
  flush(): Float32Array | null;
}

export function createCentredLandmarks(size: number): CentredLandmarks {
  // before: the frame before `current` (when in the same shot); current: the frame awaiting its next neighbour
  let before = new Float32Array(size);
  let current = new Float32Array(size);
  let hasBefore = false;
  let hasCurrent = false;
  const out = new Float32Array(size);

  const centre = (next: ArrayLike<number> | null): Float32Array | null => {
    if (!hasCurrent) return null;
    const weight = 2 + (hasBefore ? 1 : 0) + (next ? 1 : 0);
    for (let i = 0; i < size; i++) out[i] = (2 * current[i] + (hasBefore ? before[i] : 0) + (next ? next[i] : 0)) / weight;
    return out;
  };

  return {
    push(own, cut) {
      const result = centre(own && !cut ? own : null);
      [before, current] = [current, before];
      hasBefore = hasCurrent && !cut;
      hasCurrent = own !== null;
      if (own) current.set(own);
      return result;
    },
    flush() {
      const result = centre(null);
      hasCurrent = false;
      hasBefore = false;
      return result;
    },
  };
}
