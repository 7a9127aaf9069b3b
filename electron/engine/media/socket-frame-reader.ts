/**
 * Whole raw frames from a child's stdout without a fresh buffer per read. A pipe read through `child.stdout` hands
 * over a new 64 KiB buffer every read: 8 MiB of short-lived memory outside the JS heap per 1080p frame, which made
 * V8 run a full collection every few frames of a footage dub (1.2 s of 10 s of its CPU on an 8 s 1080p dub). Here the
 * child writes into one end of a local socket, and the other end reads into one reused buffer (`onread`), copied
 * straight into one of two frame buffers: one frame is read ahead while the consumer works on the last. Unix domain
 * sockets only: elsewhere `child.stdout` is read as before.
 */
import { createServer, connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { createTempFolder, removeTempFolder } from './atomic-file.js';

/** Bytes taken per read (a pipe or socket rarely gives more than this at once). */
const READ_BYTES = 1 << 18;

export const socketFramesSupported = process.platform !== 'win32';

export interface SocketFrameReader {
  /** The end to give the child as its stdout (then `releaseChildEnd`). */
  childEnd: Socket;
  /** Closes this process's copy of the child's end, so the reading end sees the end of the stream when the child exits. */
  releaseChildEnd(): void;
  /** The next whole frame, in one of two buffers used in turn (valid until the next call), or null at the end of the stream. */
  next(): Promise<Uint8Array | null>;
  /** Bytes of the frame in progress (non-zero at the end of a stream means it was cut short). */
  readonly pendingBytes: number;
  destroy(): void;
}

/**
 * The listening socket lives in a private folder (mode 0700, so no other user can connect to it first) named with
 * this process's id, so a run killed before the connection is made leaves a folder the next run's
 * `sweepStaleTempFolders` removes. The folder goes as soon as the connection is made: a connected pair needs no path.
 */
export async function openSocketFrameReader(frameBytes: number): Promise<SocketFrameReader> {
  const folder = await createTempFolder('mouthpiece-frames-', 'reading video frames');
  try {
    return await openInFolder(frameBytes, join(folder, 'frames.sock'));
  } finally {
    await removeTempFolder(folder);
  }
}

async function openInFolder(frameBytes: number, path: string): Promise<SocketFrameReader> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  // Two frame buffers: the consumer holds one while the next frame is read into the other, so ffmpeg decodes ahead
  // instead of waiting, blocked on a full socket, until the consumer has finished with its frame.
  const buffers = [new Uint8Array(frameBytes), new Uint8Array(frameBytes)];
  const NONE = -1;
  let filling = 0;
  let filled = 0;
  /** Whole frames not yet handed out, oldest first. */
  const ready: number[] = [];
  /** The frame the consumer has, until its next call. */
  let held = NONE;
  const readBuffer = new Uint8Array(READ_BYTES);
  /** Bytes read while both buffers were taken, waiting for one to be free. */
  const spill = new Uint8Array(READ_BYTES);
  let spillStart = 0;
  let spillEnd = 0;
  let ended = false;
  let failure: Error | undefined;
  let waiting: { resolve: (frame: Uint8Array | null) => void; reject: (error: Error) => void } | undefined;

  const freeBuffer = () => [0, 1].find((i) => !ready.includes(i) && i !== held) ?? NONE;
  /** Copies what fits of `bytes` into the buffer being filled (moving on when a frame is whole); returns how many it took. */
  const fill = (bytes: Uint8Array): number => {
    let took = 0;
    while (took < bytes.length && filling !== NONE) {
      const take = Math.min(frameBytes - filled, bytes.length - took);
      buffers[filling].set(bytes.subarray(took, took + take), filled);
      filled += take;
      took += take;
      if (filled === frameBytes) {
        ready.push(filling);
        filled = 0;
        filling = freeBuffer();
      }
    }
    return took;
  };
  const settle = () => {
    if (!waiting) return;
    const w = waiting;
    if (ready.length > 0) {
      waiting = undefined;
      held = ready.shift()!;
      if (filling === NONE) filling = freeBuffer();
      w.resolve(buffers[held]);
    } else if (failure) {
      waiting = undefined;
      w.reject(failure);
    } else if (ended && spillEnd <= spillStart) {
      waiting = undefined;
      w.resolve(null);
    }
  };

  let reading: Socket;
  const connected = new Promise<Socket>((resolve, reject) => {
    server.once('connection', resolve);
    reading = connect({
      path,
      onread: {
        buffer: readBuffer,
        callback: (count: number, buffer: Uint8Array) => {
          const took = fill(buffer.subarray(0, count));
          settle();
          if (took === count) return true;
          // both buffers are taken: keep the rest and hold further reads until the consumer frees one
          spill.set(buffer.subarray(took, count));
          spillStart = 0;
          spillEnd = count - took;
          return false;
        },
      },
    });
    reading.once('error', reject);
  });
  // one connection only: the listening end closes whether ours came or failed
  const childEnd = await connected.finally(() => server.close());
  reading!.removeAllListeners('error');
  reading!.on('error', (error) => {
    failure = error;
    settle();
  });
  reading!.on('end', () => {
    ended = true;
    settle();
  });
  reading!.on('close', () => {
    ended = true;
    settle();
  });

  return {
    childEnd,
    releaseChildEnd: () => childEnd.destroy(),
    next() {
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        // the consumer is done with the frame it had
        held = NONE;
        if (filling === NONE) filling = freeBuffer();
        if (spillEnd > spillStart) spillStart += fill(spill.subarray(spillStart, spillEnd));
        settle();
        if (spillEnd <= spillStart && filling !== NONE && !ended) reading.resume();
      });
    },
    get pendingBytes() {
      return filled + (spillEnd - spillStart);
    },
    destroy() {
      reading.destroy();
      childEnd.destroy();
      server.close();
    },
  };
}
