/**
 * The whole-frame mark in WebAssembly SIMD: 16 bytes (4 pixels) at a time, a saturating add of each pixel's positive
 * step and a saturating subtract of its negative one, which is the clamped sum byte for byte (the same bytes as
 * add-mark.ts). Footage changes every pixel of every frame, so the whole frame is marked each time; in JavaScript that
 * was about a sixth of a 1080p dub's CPU (docs/provenance.md).
 *
 * The frame is copied into the module's memory, marked there into a second region, and that region is handed out as
 * the marked frame (valid until the next `mark`). Node has shipped WebAssembly SIMD since 16; where it is missing,
 * `createSimdMarker` returns null and the caller keeps the lane arithmetic.
 */

/**
 * (module (import "env" "memory" (memory 1))
 *   (func (export "mark") (param $src i32) (param $dst i32) (param $plus i32) (param $minus i32) (param $i i32) (param $end i32)
 *     (block (loop
 *       (br_if 1 (i32.ge_u (local.get $i) (local.get $end)))
 *       (v128.store (i32.add (local.get $dst) (local.get $i))
 *         (i8x16.sub_sat_u
 *           (i8x16.add_sat_u (v128.load (i32.add (local.get $src) (local.get $i))) (v128.load (i32.add (local.get $plus) (local.get $i))))
 *           (v128.load (i32.add (local.get $minus) (local.get $i)))))
 *       (local.set $i (i32.add (local.get $i) (i32.const 16)))
 *       (br 0)))))
 */
// prettier-ignore
const MODULE_BYTES = Uint8Array.of(
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x0a, 0x01, 0x60, 0x06, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00,
  0x02, 0x0f, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00, 0x01,
  0x03, 0x02, 0x01, 0x00,
  0x07, 0x08, 0x01, 0x04, 0x6d, 0x61, 0x72, 0x6b, 0x00, 0x00,
  0x0a, 0x42, 0x01, 0x40, 0x00,
  0x02, 0x40, 0x03, 0x40,
  0x20, 0x04, 0x20, 0x05, 0x4f, 0x0d, 0x01,
  0x20, 0x01, 0x20, 0x04, 0x6a,
  0x20, 0x00, 0x20, 0x04, 0x6a, 0xfd, 0x00, 0x00, 0x00,
  0x20, 0x02, 0x20, 0x04, 0x6a, 0xfd, 0x00, 0x00, 0x00,
  0xfd, 0x70,
  0x20, 0x03, 0x20, 0x04, 0x6a, 0xfd, 0x00, 0x00, 0x00,
  0xfd, 0x73,
  0xfd, 0x0b, 0x00, 0x00,
  0x20, 0x04, 0x41, 0x10, 0x6a, 0x21, 0x04,
  0x0c, 0x00,
  0x0b, 0x0b, 0x0b,
);

type MarkFunction = (src: number, dst: number, plus: number, minus: number, from: number, to: number) => void;

let compiled: WebAssembly.Module | null | undefined;
function simdModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(MODULE_BYTES);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

export interface SimdMarker {
  /** The marked copy of `frame` (same size as the deltas); its buffer is reused by the next call. */
  mark(frame: Uint8Array): Uint8Array;
  /** The region `mark` writes into, for marking parts of it by other means between calls. */
  readonly out: Uint8Array;
}

const PAGE_BYTES = 65_536;

/** A marker for frames of `deltas.length` pixels (luma step per pixel, added to red, green and blue), or null without SIMD. */
export function createSimdMarker(deltas: Int8Array): SimdMarker | null {
  const module = simdModule();
  if (!module) return null;
  const frameBytes = deltas.length * 4;
  const region = Math.ceil(frameBytes / 16) * 16;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((region * 4) / PAGE_BYTES) });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const markSpan = instance.exports.mark as MarkFunction;
  const [src, dst, plus, minus] = [0, region, 2 * region, 3 * region];
  const bytes = new Uint8Array(memory.buffer);
  for (let p = 0; p < deltas.length; p++) {
    const step = deltas[p];
    const into = step >= 0 ? plus : minus;
    const size = Math.abs(step);
    bytes[into + 4 * p] = size;
    bytes[into + 4 * p + 1] = size;
    bytes[into + 4 * p + 2] = size;
  }
  const out = bytes.subarray(dst, dst + frameBytes);
  return {
    out,
    mark(frame) {
      if (frame.length !== frameBytes) throw new RangeError(`mark: ${frame.length} bytes of frame for a mark of ${deltas.length} pixels`);
      bytes.set(frame, src);
      // the padding up to a whole 16 bytes is marked too and never read
      markSpan(src, dst, plus, minus, 0, region);
      return out;
    },
  };
}

