import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodeImage, decodeVideoFrame, encodeVideo, runFfmpeg, type FfmpegTools, type RgbaImage } from '../media/index.js';
import { createRgbaImage } from '../media/rgba-image.js';
import type { Progress } from '../progress.js';
import { presetFrameSize, type RenderRunner } from './render-job.js';
import { buildSoundtrackArgs, collectSoundtrackClips } from './soundtrack-args.js';

/** Written into every output, as DESIGN.md §1 asks. */
export const AI_DISCLOSURE = 'AI-generated: the likeness in this video was animated by Mouthpiece.';

const BACKGROUND = [21, 23, 28, 255] as const;

/**
 * A real but motionless runner: the stage picture fitted into the preset's frame, with the timeline's recordings
 * mixed at their places, encoded to H.264/AAC. It stands in for the talking-head renderer (`renderTalkingVideo`)
 * behind the same `RenderRunner` seam, so the queue, the studio and the tests handle real files of the real size and
 * length. Phases: soundtrack (0–10 %), encode (10–100 %).
 */
export function createStageStillRunner({ tools, tempDir = os.tmpdir() }: { tools: FfmpegTools; tempDir?: string }): RenderRunner {
  return async ({ spec }, { signal, onProgress }) => {
    const report = (phase: string, ratio: number, etaMs?: number) => onProgress(etaMs === undefined ? { phase, ratio } : { phase, ratio, etaMs });
    const size = presetFrameSize(spec.preset, spec.face);
    const workDir = await mkdtemp(path.join(tempDir, 'mouthpiece-render-'));
    try {
      report('soundtrack', 0);
      const soundtrack = path.join(workDir, 'soundtrack.wav');
      await runFfmpeg({ tools, args: buildSoundtrackArgs({ clips: collectSoundtrackClips(spec), durationSec: spec.durationSec, outPath: soundtrack }), signal });
      report('soundtrack', 0.1);

      const decoded =
        spec.face.kind === 'image'
          ? await decodeImage(tools, spec.face.path, { maxSide: Math.max(size.width, size.height), signal })
          : await decodeVideoFrame(tools, spec.face.path, { maxSide: Math.max(size.width, size.height), signal });
      const frame = containInFrame(decoded.image, size.width, size.height);
      const frameCount = Math.max(1, Math.round(spec.durationSec * spec.fps));
      await encodeVideo(
        {
          tools,
          outPath: spec.outputPath,
          width: size.width,
          height: size.height,
          fps: spec.fps,
          frames: repeat(frame, frameCount),
          frameCount,
          audioPath: soundtrack,
          preset: 'veryfast',
          metadata: { comment: AI_DISCLOSURE },
        },
        { signal, onProgress: (progress: Progress) => report('encode', 0.1 + 0.9 * progress.ratio, progress.etaMs) },
      );
      return { outPath: spec.outputPath };
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  };
}

function* repeat(frame: RgbaImage, count: number): Generator<RgbaImage> {
  for (let index = 0; index < count; index += 1) yield frame;
}

/** The picture scaled to fit inside width×height (nearest neighbour is enough for a still), centred on a dark background. */
export function containInFrame(image: RgbaImage, width: number, height: number): RgbaImage {
  const out = createRgbaImage(width, height);
  for (let i = 0; i < out.data.length; i += 4) out.data.set(BACKGROUND, i);
  const scale = Math.min(width / image.width, height / image.height);
  const drawnWidth = Math.max(1, Math.round(image.width * scale));
  const drawnHeight = Math.max(1, Math.round(image.height * scale));
  const left = Math.floor((width - drawnWidth) / 2);
  const top = Math.floor((height - drawnHeight) / 2);
  for (let y = 0; y < drawnHeight; y += 1) {
    const sourceY = Math.min(image.height - 1, Math.floor(y / scale));
    for (let x = 0; x < drawnWidth; x += 1) {
      const sourceX = Math.min(image.width - 1, Math.floor(x / scale));
      const from = (sourceY * image.width + sourceX) * 4;
      const to = ((top + y) * width + left + x) * 4;
      out.data[to] = image.data[from];
      out.data[to + 1] = image.data[from + 1];
      out.data[to + 2] = image.data[from + 2];
      out.data[to + 3] = 255;
    }
  }
  return out;
}
