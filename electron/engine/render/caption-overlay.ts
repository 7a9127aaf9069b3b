/**
 * Captions of a render: the spoken text of every clip (a script, or a recording's transcript) timed by the speech
 * stage's words, burned in through an ASS script after the framing filter, and kept to be written as SRT/WebVTT
 * beside the video once it exists. The optional visible "AI-generated" label rides on the same ASS script.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildAssFilter, buildCaptionTrack, captionFontsDir, type CaptionSegment, type CaptionTrack } from '../captions/index.js';
import { AI_DISCLOSURE_LABEL } from '../export/disclosure.js';
import { toDiskError } from '../media/atomic-file.js';
import type { PreparedClip } from './clip-speech.js';
import type { Framing, Rect } from './framing.js';
import type { TalkingVideoRequest } from './talking-video-request.js';

export interface CaptionOverlay {
  /** ffmpeg filter drawing the captions and/or label onto the output picture. */
  filter: string;
  /** The timed captions, when captions were asked for. */
  track?: CaptionTrack;
}

export async function prepareCaptionOverlay(input: {
  request: TalkingVideoRequest;
  clips: PreparedClip[][];
  output: { width: number; height: number };
  durationSec: number;
  tempDir: string;
  notice: (message: string) => void;
  /** The speaking faces (source pixels) and the framing that maps them into the output: reel captions go below their chins. */
  faces?: { boxes: readonly Rect[]; framing: Pick<Framing, 'crop' | 'scale'> };
}): Promise<CaptionOverlay | undefined> {
  const { request, clips, output, durationSec, tempDir, notice } = input;
  const style = request.export?.captions?.style;
  const label = request.export?.label === true;
  if (!style && !label) return undefined;

  const segments: CaptionSegment[] = [];
  if (style) {
    request.tracks.forEach((track, t) =>
      track.clips.forEach((clip, c) => {
        const prepared = clips[t][c];
        const text = spokenText(clip.source, prepared);
        if (text === undefined) {
          notice(`${clip.source.kind === 'audio' ? clip.source.path : 'a clip'}: no transcript, so it gets no captions; give its text (--text, or "text" in a manifest) to caption it.`);
          return;
        }
        segments.push({ text, words: prepared.speech.timeline.words, startSec: prepared.startSec });
      }),
    );
  }
  const fontsDir = captionFontsDir();
  const track = buildCaptionTrack({
    segments,
    style: style ?? 'clean',
    width: output.width,
    height: output.height,
    disclosureLabel: label ? AI_DISCLOSURE_LABEL : undefined,
    durationSec,
    fontsDir,
    faceBottomY: input.faces ? lowestChinY(input.faces.boxes, input.faces.framing) : undefined,
  });
  const assPath = path.join(tempDir, 'captions.ass');
  await writeFile(assPath, track.ass).catch((error: unknown) => {
    throw toDiskError(error, `cannot write the captions of ${request.outPath}`);
  });
  return { filter: buildAssFilter(assPath, fontsDir), track: style ? track : undefined };
}

/** How far below the landmark box's bottom (the chin at rest) the chin reaches with the jaw wide open, in face heights. */
const JAW_DROP_SHARE = 0.08;

/** The lowest a speaking chin reaches in the output, in its pixels from the top. */
function lowestChinY(boxes: readonly Rect[], framing: Pick<Framing, 'crop' | 'scale'>): number | undefined {
  if (boxes.length === 0) return undefined;
  return Math.max(...boxes.map((box) => (box.y + box.height * (1 + JAW_DROP_SHARE) - framing.crop.y) * framing.scale));
}

/** The words a clip says, when they are known: a script, or a recording's transcript (a recording played whole). */
function spokenText(source: TalkingVideoRequest['tracks'][number]['clips'][number]['source'], prepared: PreparedClip): string | undefined {
  if (source.kind === 'say') return source.text;
  const whole = prepared.audioPath === source.path;
  return whole ? source.transcript?.trim() || undefined : undefined;
}

/** Where the captions files of `outPath` go: beside it, same name. */
export function captionFilePaths(outPath: string): { srtPath: string; vttPath: string } {
  const base = outPath.replace(/\.[^./\\]+$/, '');
  return { srtPath: `${base}.srt`, vttPath: `${base}.vtt` };
}
