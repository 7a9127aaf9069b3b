import { writeFileAtomic } from '../media/atomic-file.js';
import { joinCaptionText } from './caption-script.js';
import type { CaptionCue } from './caption-types.js';

/** `hh:mm:ss<sep>mmm`, rounded to the millisecond. */
function formatTimestamp(sec: number, separator: ',' | '.'): string {
  const totalMs = Math.max(0, Math.round(sec * 1000));
  const ms = totalMs % 1000;
  const totalSec = Math.floor(totalMs / 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(Math.floor(totalSec / 3600))}:${pad(Math.floor(totalSec / 60) % 60)}:${pad(totalSec % 60)}${separator}${pad(ms, 3)}`;
}

function cueText(cue: CaptionCue): string {
  // A blank line would end the cue early in both formats; "-->" would read as a timing line in WebVTT.
  return cue.lines.map((line) => joinCaptionText(line).replace(/\s+/gu, ' ').replace(/-->/gu, '->')).join('\n');
}

/** Cues with nothing to show or no duration after rounding are left out: players reject or flash them. */
function printableCues(cues: readonly CaptionCue[]): CaptionCue[] {
  return cues.filter((cue) => Math.round(cue.end * 1000) > Math.round(cue.start * 1000) && cueText(cue).trim() !== '');
}

/** SubRip: numbered cues, `00:00:01,234 --> 00:00:02,345`, lines joined by newlines, a blank line after each. */
export function formatSrt(cues: readonly CaptionCue[]): string {
  return printableCues(cues)
    .map((cue, index) => `${index + 1}\n${formatTimestamp(cue.start, ',')} --> ${formatTimestamp(cue.end, ',')}\n${cueText(cue)}\n`)
    .join('\n');
}

/** WebVTT: the `WEBVTT` header, then `00:00:01.234 --> 00:00:02.345` cues (right-to-left text needs no markup). */
export function formatWebVtt(cues: readonly CaptionCue[]): string {
  const body = printableCues(cues)
    .map((cue) => `${formatTimestamp(cue.start, '.')} --> ${formatTimestamp(cue.end, '.')}\n${cueText(cue)}\n`)
    .join('\n');
  return `WEBVTT\n\n${body}`;
}

/** Writes the SRT and WebVTT files, each atomically (a temporary file renamed when complete). */
export async function writeCaptionFiles(input: { cues: readonly CaptionCue[]; srtPath: string; vttPath: string }): Promise<void> {
  await writeFileAtomic(input.srtPath, Buffer.from(formatSrt(input.cues), 'utf8'));
  await writeFileAtomic(input.vttPath, Buffer.from(formatWebVtt(input.cues), 'utf8'));
}
