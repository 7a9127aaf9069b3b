/** Longer real footage for the tests: clips played one after the other (a shot cut at each join). */
import { runFfmpeg, type FfmpegTools } from '../../electron/engine/media/index.js';

/** Joins `clips` (video and sound, same size) into one MP4 at `outPath` (x264 CRF 18, AAC). */
export async function joinClips(tools: FfmpegTools, clips: string[], outPath: string): Promise<string> {
  const inputs = clips.flatMap((c) => ['-i', c]);
  const streams = clips.map((_, i) => `[${i}:v][${i}:a]`).join('');
  const filter = `${streams}concat=n=${clips.length}:v=1:a=1[v][a]`;
  await runFfmpeg({ tools, args: ['-v', 'error', '-y', ...inputs, '-filter_complex', filter, '-map', '[v]', '-map', '[a]', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-c:a', 'aac', outPath] });
  return outPath;
}
