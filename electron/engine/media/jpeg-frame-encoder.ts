/**
 * Pictures as JPEG through one long-lived ffmpeg (MJPEG over a pipe): for preview playback, where each frame must
 * be small for the page to decode at 25 frames a second, and starting a process per frame would cost more than the
 * frame. The encoder runs on the other core while the engine draws the next frame. One process per picture size, the
 * two used most recently kept (playback alternates whole frames and the face's patch). `close` stops them.
 */
import { EngineError } from '../errors.js';
import { startFfmpeg, type FfmpegProcess } from './ffmpeg-adapter.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { createJpegSplitter } from './jpeg-splitter.js';
import type { RgbaImage } from './rgba-image.js';

export interface JpegFrameEncoder {
  /** The picture as a baseline JPEG (4:2:0). Frames may be queued; they come back in order. */
  encode(image: RgbaImage): Promise<Buffer>;
  /** Stops the process; frames still waiting fail. */
  close(): Promise<void>;
}

/** Sizes kept running at once: a whole frame and a patch. */
const KEEP_SIZES = 2;

/** ffmpeg's MJPEG scale: 2 is near-lossless, 31 the worst. 3 keeps skin texture at about a tenth of PNG's bytes. */
const QUALITY_SCALE = 3;

interface RunningEncoder {
  size: string;
  process: FfmpegProcess;
  waiting: { resolve(jpeg: Buffer): void; reject(error: unknown): void }[];
  /** The newest picture's JPEG: an evicted process is stopped once it is out. */
  last: Promise<Buffer>;
}

export function createJpegFrameEncoder(deps: { tools: FfmpegTools }): JpegFrameEncoder {
  const running = new Map<string, RunningEncoder>();
  const stopping = new Set<Promise<void>>();

  const start = (width: number, height: number): RunningEncoder => {
    const process = startFfmpeg({
      tools: deps.tools,
      withStdin: true,
      stdout: 'stream',
      // -threads 1: no frame threading, so each picture comes out as soon as it went in.
      args: ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-i', 'pipe:0', '-an', '-f', 'image2pipe', '-c:v', 'mjpeg', '-pix_fmt', 'yuvj420p', '-q:v', String(QUALITY_SCALE), '-threads', '1', '-flush_packets', '1', 'pipe:1'],
    });
    const encoder: RunningEncoder = { size: `${width}x${height}`, process, waiting: [], last: Promise.resolve(Buffer.alloc(0)) };
    const splitter = createJpegSplitter((jpeg) => encoder.waiting.shift()?.resolve(jpeg));
    process.stdout.on('data', (chunk: Buffer) => {
      try {
        splitter.push(chunk);
      } catch (error) {
        for (const frame of encoder.waiting.splice(0)) frame.reject(new EngineError('FFMPEG_FAILED', `The preview encoder's output could not be read: ${(error as Error).message}`));
        process.stop();
      }
    });
    process.completion
      .then(() => new EngineError('FFMPEG_FAILED', 'The preview encoder stopped.'))
      .catch((error: unknown) => error)
      .then((error) => {
        if (running.get(encoder.size) === encoder) running.delete(encoder.size);
        for (const frame of encoder.waiting.splice(0)) frame.reject(error);
      });
    return encoder;
  };

  const stop = async (encoder: RunningEncoder) => {
    encoder.process.stop();
    await encoder.process.completion.catch(() => undefined);
  };

  // Pictures go in one at a time and in order; their JPEGs are awaited apart, so the next picture may go in while
  // the last is being encoded.
  let writes: Promise<unknown> = Promise.resolve();

  const submit = async (image: RgbaImage): Promise<{ jpeg: Promise<Buffer> }> => {
    const size = `${image.width}x${image.height}`;
    const encoder = running.get(size) ?? start(image.width, image.height);
    running.delete(size);
    running.set(size, encoder);
    for (const [oldSize, old] of running) {
      if (running.size <= KEEP_SIZES) break;
      running.delete(oldSize);
      const stopped = old.last.catch(() => undefined).then(() => stop(old));
      stopping.add(stopped);
      void stopped.then(() => stopping.delete(stopped));
    }
    const jpeg = new Promise<Buffer>((resolve, reject) => encoder.waiting.push({ resolve, reject }));
    jpeg.catch(() => undefined); // when the write fails, its error is the one reported
    encoder.last = jpeg;
    await encoder.process.writeStdin(image.data.subarray(0, image.width * image.height * 4));
    return { jpeg };
  };

  return {
    encode(image) {
      const turn = writes.then(() => submit(image));
      writes = turn.catch(() => undefined);
      return turn.then(({ jpeg }) => jpeg);
    },
    async close() {
      await writes;
      const encoders = [...running.values()];
      running.clear();
      await Promise.all([...encoders.map(stop), ...stopping]);
    },
  };
}
