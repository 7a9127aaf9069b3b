import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CancelledError, InputError, throwIfAborted } from '../../errors.js';
import type { FaceSubject, Point2, Point3 } from '../../face/face-types.js';
import type { AnalyzeImage } from '../library-types.js';
import { readImageSize } from './image-size.js';

/*
 * A stand-in for the face analyser (electron/engine/face/), used only as the injected seam in library tests: it reads
 * the real picture size from the file header and invents well-formed subjects. Which contents hold "no face" is told
 * to it by hash (tests use a flat grey picture, which a real analyser also finds empty).
 */

export interface FakeAnalyzerOptions {
  /** Contents (SHA-256 hex) for which it throws `InputError('NO_FACE')`. */
  noFaceSha256s?: Iterable<string>;
  /** Waits this long before answering (abortable), to simulate a slow analysis. */
  delayMs?: number;
  /** Thrown instead of answering, for failure paths. */
  createFailure?: () => Error;
  /** Called when an analysis starts. */
  onStart?: (filePath: string) => void;
}

function waitMs({ delayMs, signal }: { delayMs: number; signal?: AbortSignal }): Promise<void> {
  return new Promise((resolve, reject) => {
    throwIfAborted(signal);
    const timer = setTimeout(resolve, delayMs);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new CancelledError());
    }, { once: true });
  });
}

function createRing({ centre, radius, count }: { centre: Point2; radius: Point2; count: number }): Point2[] {
  return Array.from({ length: count }, (_, i) => {
    const angle = (2 * Math.PI * i) / count;
    return [centre[0] + radius[0] * Math.cos(angle), centre[1] + radius[1] * Math.sin(angle)];
  });
}

function inventSubject({ index, width, height, seed }: { index: number; width: number; height: number; seed: number }): FaceSubject {
  const size = Math.max(8, Math.round(Math.min(width, height) * (0.5 / (index + 1))));
  const x = Math.round(((seed * (index + 3)) % Math.max(1, width - size)));
  const y = Math.round(((seed * (index + 7)) % Math.max(1, height - size)));
  const centre: Point2 = [x + size / 2, y + size / 2];
  const landmarks = createRing({ centre, radius: [size / 2.2, size / 2], count: 468 }).map(([px, py], i): Point3 => [px, py, (i % 13) - 6]);
  const iris = (cx: number): Point3[] => [[cx, centre[1] - size / 8, 0], ...createRing({ centre: [cx, centre[1] - size / 8], radius: [size / 30, size / 30], count: 4 }).map(([px, py]): Point3 => [px, py, 0])];
  return {
    index,
    box: [x, y, size, size],
    score: 0.9 - index * 0.05,
    area: size * size,
    landmarks,
    irises: { left: iris(centre[0] + size / 5), right: iris(centre[0] - size / 5) },
    rollRad: ((seed % 21) - 10) / 100,
    meshScore: 0.95,
    masks: {
      faceOval: createRing({ centre, radius: [size / 2.2, size / 2], count: 36 }),
      lips: createRing({ centre: [centre[0], centre[1] + size / 4], radius: [size / 6, size / 14], count: 20 }),
      innerMouth: createRing({ centre: [centre[0], centre[1] + size / 4], radius: [size / 8, size / 30], count: 12 }),
      leftEye: createRing({ centre: [centre[0] + size / 5, centre[1] - size / 8], radius: [size / 12, size / 24], count: 16 }),
      rightEye: createRing({ centre: [centre[0] - size / 5, centre[1] - size / 8], radius: [size / 12, size / 24], count: 16 }),
      head: createRing({ centre, radius: [size / 1.6, size / 1.3], count: 40 }),
    },
  };
}

/** A fake `analyzeImage` for tests: 1–3 subjects, largest first, sized to the real picture. */
export function createFakeAnalyzer({ noFaceSha256s = [], delayMs = 0, createFailure, onStart }: FakeAnalyzerOptions = {}): AnalyzeImage {
  const noFace = new Set(noFaceSha256s);
  return async (filePath, { signal, onProgress }) => {
    onStart?.(filePath);
    onProgress?.({ phase: 'detecting', ratio: 0 });
    if (delayMs > 0) await waitMs({ delayMs, signal });
    throwIfAborted(signal);
    if (createFailure) throw createFailure();
    const bytes = await readFile(filePath);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (noFace.has(sha256)) throw new InputError('NO_FACE', `No face found in ${filePath}.`, filePath);
    const size = readImageSize(bytes);
    if (!size) throw new InputError('NOT_AN_IMAGE', `${filePath} is not a PNG or JPEG picture.`, filePath);
    const seed = parseInt(sha256.slice(0, 8), 16);
    const subjects = Array.from({ length: 1 + (seed % 3) }, (_, index) => inventSubject({ index, ...size, seed }));
    onProgress?.({ phase: 'detecting', ratio: 1 });
    return { width: size.width, height: size.height, subjects };
  };
}
