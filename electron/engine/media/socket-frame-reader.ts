/**
 * Whole raw frames from a child's stdout without a fresh buffer per read. A pipe read through `child.stdout` hands
 * over a new 64 KiB buffer every read: 8 MiB of short-lived memory outside the JS heap per 1080p frame, which made
 * V8 run a full collection every few frames of a footage dub (1.2 s of 10 s of its CPU on an 8 s 1080p dub). Here the
 * child writes into one end of a local socket, and the other end reads into one reused buffer (`onread`), copied
 * straight into the one frame buffer. Unix domain sockets only: elsewhere `child.stdout` is read as before.
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
  /** The next whole frame, in the same buffer every time (valid until the next call), or null at the end of the stream. */
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
  const frame = new Uint8Array(frameBytes);
  const readBuffer = new Uint8Array(READ_BYTES);
  /** Bytes read past the end of a finished frame, waiting for the next call. */
  const spill = new Uint8Array(READ_BYTES);
  let spillStart = 0;
  let spillEnd = 0;
  let filled = 0;
  let ended = false;
  let failure: Error | undefined;
  let waiting: { resolve: (frame: Uint8Array | null) => void; reject: (error: Error) => void } | undefined;

  const settle = () => {
    if (!waiting) return;
    const w = waiting;
    if (filled === frameBytes) {
      waiting = undefined;
      filled = 0;
      w.resolve(frame);
    } else if (failure) {
      waiting = undefined;
      w.reject(failure);
    } else if (ended) {
      waiting = undefined;
      w.resolve(null);
    }
  };
  /** Copies what fits of `bytes` into the frame; returns how many it took. */
  const fill = (bytes: Uint8Array): number => {
    const take = Math.min(frameBytes - filled, bytes.length);
    frame.set(bytes.subarray(0, take), filled);
    filled += take;
    return take;
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
          if (took < count) {
            spill.set(buffer.subarray(took, count));
            spillStart = 0;
            spillEnd = count - took;
          }
          if (filled < frameBytes) return true;
          settle();
          // hold further reads until the frame is taken (and the spill used up)
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
        if (spillEnd > spillStart) spillStart += fill(spill.subarray(spillStart, spillEnd));
        if (filled === frameBytes || failure || (ended && spillEnd <= spillStart)) return settle();
        if (spillEnd <= spillStart) reading.resume();
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
