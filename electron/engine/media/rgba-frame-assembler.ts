/**
 * Cuts a byte stream of back-to-back raw frames into whole frames, whatever the chunk boundaries.
 * Each returned frame is a fresh buffer the caller owns; at most one partial frame is held.
 */
export interface FrameAssembler {
  /** Adds a chunk; returns the frames it completed (often none, sometimes several). */
  push(chunk: Uint8Array): Uint8Array[];
  /** Bytes of the frame in progress (non-zero at the end of a stream means it was cut short). */
  readonly pendingBytes: number;
}

export function createFrameAssembler(input: { frameBytes: number }): FrameAssembler {
  const { frameBytes } = input;
  if (!Number.isInteger(frameBytes) || frameBytes <= 0) throw new RangeError(`frameBytes must be a positive integer, got ${frameBytes}`);
  let current: Uint8Array | null = null;
  let filled = 0;
  return {
    push(chunk) {
      const done: Uint8Array[] = [];
      let offset = 0;
      while (offset < chunk.length) {
        if (!current) {
          current = new Uint8Array(frameBytes);
          filled = 0;
        }
        const take = Math.min(frameBytes - filled, chunk.length - offset);
        current.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === frameBytes) {
          done.push(current);
          current = null;
          filled = 0;
        }
      }
      return done;
    },
    get pendingBytes() {
      return current ? filled : 0;
    },
  };
}
