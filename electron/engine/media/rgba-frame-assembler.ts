/**
 * Cuts a byte stream of back-to-back raw frames into whole frames, whatever the chunk boundaries. `push` returns
 * fresh buffers the caller owns; `frames` fills one buffer again and again (a 1080p frame is 8 MiB, and a fresh one
 * per frame kept V8's collector busy for a third of a footage dub). At most one partial frame is held.
 */
export interface FrameAssembler {
  /** Adds a chunk; returns the frames it completed (often none, sometimes several), each a fresh buffer. */
  push(chunk: Uint8Array): Uint8Array[];
  /**
   * Adds a chunk and yields each frame as soon as it is complete, always in the same buffer: a frame is valid until
   * the next one is asked for. Do not mix with `push` on one assembler.
   */
  frames(chunk: Uint8Array): Generator<Uint8Array>;
  /** Bytes of the frame in progress (non-zero at the end of a stream means it was cut short). */
  readonly pendingBytes: number;
}

export function createFrameAssembler(input: { frameBytes: number }): FrameAssembler {
  const { frameBytes } = input;
  if (!Number.isInteger(frameBytes) || frameBytes <= 0) throw new RangeError(`frameBytes must be a positive integer, got ${frameBytes}`);
  let current: Uint8Array | null = null;
  let reused: Uint8Array | null = null;
  let filled = 0;
  /** Copies what fits of `chunk` from `offset` into `into`; returns the new offset. */
  const fill = (into: Uint8Array, chunk: Uint8Array, offset: number): number => {
    const take = Math.min(frameBytes - filled, chunk.length - offset);
    into.set(chunk.subarray(offset, offset + take), filled);
    filled += take;
    return offset + take;
  };
  return {
    push(chunk) {
      const done: Uint8Array[] = [];
      let offset = 0;
      while (offset < chunk.length) {
        if (!current) {
          current = new Uint8Array(frameBytes);
          filled = 0;
        }
        offset = fill(current, chunk, offset);
        if (filled === frameBytes) {
          done.push(current);
          current = null;
          filled = 0;
        }
      }
      return done;
    },
    *frames(chunk) {
      reused ??= new Uint8Array(frameBytes);
      let offset = 0;
      while (offset < chunk.length) {
        offset = fill(reused, chunk, offset);
        if (filled === frameBytes) {
          filled = 0;
          yield reused;
        }
      }
    },
    get pendingBytes() {
      return current || reused ? filled : 0;
    },
  };
}
