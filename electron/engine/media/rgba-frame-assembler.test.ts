import { describe, expect, it } from 'vitest';
import { createFrameAssembler } from './rgba-frame-assembler.js';

/** Bytes 0,1,2,… (mod 256) so every frame's content is distinct and checkable. */
function counting(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => i % 256);
}

describe('createFrameAssembler', () => {
  const frameBytes = 12; // a 3×1 RGBA frame

  it('reassembles frames from chunks that straddle frame boundaries', () => {
    const stream = counting(frameBytes * 3);
    const assembler = createFrameAssembler({ frameBytes });
    const frames = [
      ...assembler.push(stream.subarray(0, 5)),
      ...assembler.push(stream.subarray(5, 17)),
      ...assembler.push(stream.subarray(17, 36)),
    ];
    expect(frames.map((f) => Array.from(f))).toEqual([
      Array.from(stream.subarray(0, 12)),
      Array.from(stream.subarray(12, 24)),
      Array.from(stream.subarray(24, 36)),
    ]);
    expect(assembler.pendingBytes).toBe(0);
  });

  it('returns several frames from one large chunk and keeps the remainder pending', () => {
    const assembler = createFrameAssembler({ frameBytes });
    const frames = assembler.push(counting(frameBytes * 2 + 7));
    expect(frames).toHaveLength(2);
    expect(assembler.pendingBytes).toBe(7);
    expect(assembler.push(new Uint8Array(5))).toHaveLength(1);
    expect(assembler.pendingBytes).toBe(0);
  });

  it('returns copies the caller owns, not views of the chunk', () => {
    const chunk = counting(frameBytes);
    const [frame] = createFrameAssembler({ frameBytes }).push(chunk);
    chunk.fill(0);
    expect(frame[5]).toBe(5);
    expect(frame.buffer).not.toBe(chunk.buffer);
  });

  it('handles one-byte chunks', () => {
    const assembler = createFrameAssembler({ frameBytes });
    const stream = counting(frameBytes * 2);
    const frames = Array.from(stream).flatMap((byte) => assembler.push(Uint8Array.of(byte)));
    expect(frames).toHaveLength(2);
    expect(Array.from(frames[1])).toEqual(Array.from(stream.subarray(12)));
  });

  it('frames: yields each frame as it completes, in one reused buffer, whatever the chunking', () => {
    const assembler = createFrameAssembler({ frameBytes });
    const stream = counting(frameBytes * 3 + 4);
    const seen: number[][] = [];
    const buffers = new Set<ArrayBufferLike>();
    for (const [from, to] of [[0, 5], [5, 30], [30, 40]]) {
      for (const frame of assembler.frames(stream.subarray(from, to))) {
        seen.push(Array.from(frame));
        buffers.add(frame.buffer);
      }
    }
    expect(seen).toEqual([0, 1, 2].map((i) => Array.from(stream.subarray(i * frameBytes, (i + 1) * frameBytes))));
    expect(buffers.size).toBe(1);
    expect(assembler.pendingBytes).toBe(4);
  });

  it('refuses a non-positive frame size', () => {
    expect(() => createFrameAssembler({ frameBytes: 0 })).toThrow(RangeError);
  });
});
