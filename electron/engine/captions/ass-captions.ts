import { captionFontFor, type CaptionScript } from './caption-font-files.js';
import { captionFontsDir } from './caption-fonts-dir.js';
import { captionGeometry, reelBlockCenterY, type CaptionGeometry } from './caption-geometry.js';
import { detectCaptionScript, joinCaptionText, spaceBefore } from './caption-script.js';
import type { CaptionCue, CaptionStyle, CaptionWord } from './caption-types.js';
import { loadCaptionFont, type CaptionFontMetrics } from './font-metrics.js';

export interface AssCaptionsInput {
  cues: readonly CaptionCue[];
  style: CaptionStyle;
  width: number;
  height: number;
  /** A small label (e.g. "AI-generated") shown in a top corner for the whole video. */
  disclosureLabel?: string;
  /** How long the label stays; the last cue's end unless told. */
  durationSec?: number;
  fontsDir?: string;
  /** The lowest point of the speaking faces in the frame (chin, jaw open), so reel captions stay off the mouth. */
  faceBottomY?: number;
}

/** Emoji joiners, skin tones, flags' letters and the emoji-style selector: meaningless once the emoji is gone. */
const EMOJI_GLUE = /[\u200d\ufe0f\u20e3\p{Emoji_Modifier}\p{Regional_Indicator}]/gu;
const PICTOGRAPH = /\p{Extended_Pictographic}/gu;

/**
 * The cue as burned in: pictographs the caption font has no glyph for (emoji) are left out, since libass would draw
 * them from whatever system font it finds, in colour, in black or as empty boxes (the SRT/WebVTT keep them: players
 * draw emoji). Words left empty are dropped; null when nothing is left to show.
 */
function burnedInCue(cue: CaptionCue, font: CaptionFontMetrics): CaptionCue | null {
  const lines = cue.lines
    .map((line) =>
      line
        .map((word) => {
          const text = word.text.replace(PICTOGRAPH, (ch) => (font.hasGlyphsFor(ch) ? ch : '')).replace(EMOJI_GLUE, '').trim();
          return text === word.text ? word : { ...word, text };
        })
        .filter((word) => /\S/u.test(word.text)),
    )
    .filter((line) => line.length > 0);
  return lines.length > 0 ? { ...cue, lines } : null;
}

/** ASS colours are &HAABBGGRR, alpha 00 = opaque. */
const WHITE = '&H00FFFFFF';
const BLACK = '&H00000000';
const HIGHLIGHT = '&H0000E1FF'; // #FFE100, the yellow of auto-captions
const BOX = '&H5A000000'; // black at 65 % opacity
const SOFT_SHADOW = '&H78000000';

/**
 * The burned-in captions as an ASS script for libass (ffmpeg's `ass` filter), drawn at the output's own
 * pixel size. Lines are already broken: each is its own event (WrapStyle 2, no wrapping by libass). `clean`: medium white text on a translucent
 * box in the lower third. `reel`: big bold white text with a thick black outline a little below the centre,
 * one event per word so the spoken word turns yellow exactly while it is said.
 */
export function buildAssCaptions(input: AssCaptionsInput): string {
  const geometry = captionGeometry(input.style, input.width, input.height, { faceBottomY: input.faceBottomY });
  const fontsDir = input.fontsDir ?? captionFontsDir();
  const scripts = new Set<CaptionScript>(input.cues.map((cue) => cue.script));
  const styles = [...scripts].map((script) => styleLine(`${input.style}-${script}`, script, geometry, fontsDir));
  if (input.style === 'clean' && input.cues.length > 0) styles.push(boxStyleLine());
  const events = input.cues.flatMap((cue) => {
    const shown = burnedInCue(cue, loadCaptionFont(fontsDir, captionFontFor(cue.script, geometry.weight)));
    if (!shown) return [];
    return input.style === 'reel' ? reelEvents(shown, geometry) : cleanEvents(shown, geometry, fontsDir);
  });
  if (input.disclosureLabel?.trim()) {
    const labelScript = detectCaptionScript(input.disclosureLabel);
    styles.push(labelStyleLine(labelScript, geometry, fontsDir));
    const end = input.durationSec ?? Math.max(0, ...input.cues.map((cue) => cue.end));
    if (end > 0) events.push(dialogue({ layer: 1, start: 0, end, style: `label-${labelScript}`, text: escapeAssText(input.disclosureLabel.trim()) }));
  }
  return [
    '[Script Info]',
    '; Made by Mouthpiece',
    'ScriptType: v4.00+',
    `PlayResX: ${input.width}`,
    `PlayResY: ${input.height}`,
    'WrapStyle: 2',
    'ScaledBorderAndShadow: yes',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    ...styles,
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
    ...events,
    '',
  ].join('\n');
}

function styleLine(name: string, script: CaptionScript, geometry: CaptionGeometry, fontsDir: string): string {
  const font = loadCaptionFont(fontsDir, captionFontFor(script, geometry.weight));
  const size = round1(font.assFontSizeFor(geometry.emPx));
  const { safe } = geometry;
  if (geometry.style === 'reel') {
    // Alignment 5 with \pos per event: the block is centred on (width/2, centerY).
    return style({ name, font: font.file.family, bold: font.file.bold, size, primary: WHITE, outline: BLACK, back: SOFT_SHADOW, borderStyle: 1, border: geometry.borderPx, shadow: geometry.shadowPx, alignment: 5, marginL: safe.left, marginR: safe.right, marginV: 0 });
  }
  // The box behind the lines is drawn by its own event (one rounded box per cue, not one per line).
  return style({ name, font: font.file.family, bold: font.file.bold, size, primary: WHITE, outline: BOX, back: BOX, borderStyle: 1, border: 0, shadow: 0, alignment: 2, marginL: safe.left, marginR: safe.right, marginV: safe.bottom });
}

function labelStyleLine(script: CaptionScript, geometry: CaptionGeometry, fontsDir: string): string {
  const font = loadCaptionFont(fontsDir, captionFontFor(script, 'medium'));
  const emPx = Math.max(12, Math.min(geometry.width, geometry.height) * 0.024);
  const { safe } = geometry;
  return style({
    name: `label-${script}`, font: font.file.family, bold: font.file.bold, size: round1(font.assFontSizeFor(emPx)),
    primary: '&H33FFFFFF', outline: '&H80000000', back: '&H00000000', borderStyle: 1, border: Math.max(1, emPx * 0.08), shadow: 0,
    alignment: 9, marginL: safe.left, marginR: safe.right, marginV: safe.top,
  });
}

interface StyleFields {
  name: string;
  font: string;
  bold: boolean;
  size: number;
  primary: string;
  outline: string;
  back: string;
  borderStyle: 1 | 3;
  border: number;
  shadow: number;
  alignment: number;
  marginL: number;
  marginR: number;
  marginV: number;
}

function style(f: StyleFields): string {
  const fields = [f.name, f.font, f.size, f.primary, f.primary, f.outline, f.back, f.bold ? -1 : 0, 0, 0, 0, 100, 100, 0, 0, f.borderStyle, round1(f.border), round1(f.shadow), f.alignment, Math.round(f.marginL), Math.round(f.marginR), Math.round(f.marginV), 1];
  return `Style: ${fields.join(',')}`;
}

function boxStyleLine(): string {
  return style({ name: 'clean-box', font: 'Noto Sans', bold: false, size: 20, primary: BOX, outline: BOX, back: BOX, borderStyle: 1, border: 0, shadow: 0, alignment: 7, marginL: 0, marginR: 0, marginV: 0 });
}

/**
 * Line pitch in ems. Each line is its own event placed at its own centre, so every script gets the same
 * spacing (libass would advance lines by the font's Windows line height: 1.5 em for Noto Sans, 2.2 em for
 * Noto Sans Arabic).
 */
const LINE_PITCH_EM = 1.3;

/** The vertical centres of a cue's lines, from the centre of the whole block. */
function lineCenters(lineCount: number, blockCenterY: number, pitchPx: number): number[] {
  return Array.from({ length: lineCount }, (_, i) => blockCenterY + (i - (lineCount - 1) / 2) * pitchPx);
}

/** The lines bottom-aligned on the safe area's lower edge, over a rounded translucent box sized from the measured widths. */
function cleanEvents(cue: CaptionCue, geometry: CaptionGeometry, fontsDir: string): string[] {
  const font = loadCaptionFont(fontsDir, captionFontFor(cue.script, geometry.weight));
  const emPx = geometry.emPx * cue.fontScale;
  const pitch = emPx * LINE_PITCH_EM;
  const textWidth = Math.max(...cue.lines.map((line) => font.measureText(joinCaptionText(line), emPx)));
  const padX = geometry.borderPx * 1.5;
  const padY = geometry.borderPx * 0.5;
  const boxWidth = textWidth + 2 * padX;
  const boxHeight = pitch * cue.lines.length + 2 * padY;
  const centerX = geometry.width / 2;
  const boxBottom = geometry.height - geometry.safe.bottom;
  const box = roundedRect(boxWidth, boxHeight, Math.min(geometry.borderPx * 1.2, boxHeight / 4));
  const boxPos = `{\\an7\\pos(${round1(centerX - boxWidth / 2)},${round1(boxBottom - boxHeight)})\\p1}${box}{\\p0}`;
  const centers = lineCenters(cue.lines.length, boxBottom - boxHeight / 2, pitch);
  return [
    dialogue({ layer: 0, start: cue.start, end: cue.end, style: 'clean-box', text: boxPos }),
    ...cue.lines.map((line, i) =>
      dialogue({ layer: 1, start: cue.start, end: cue.end, style: `clean-${cue.script}`, text: linePosition(centerX, centers[i]) + sizeTag(cue) + lineText(line) }),
    ),
  ];
}

function linePosition(x: number, y: number): string {
  return `{\\an5\\pos(${round1(x)},${round1(y)})}`;
}

/** An ASS drawing (\p1) of a w×h rectangle with corners rounded by r, from its top-left corner. */
function roundedRect(w: number, h: number, r: number): string {
  const [W, H, R] = [round1(w), round1(h), round1(r)];
  const k = round1(r * 0.45); // control-point inset of a quarter circle drawn as one cubic Bézier
  return [
    `m ${R} 0`, `l ${round1(W - R)} 0`, `b ${round1(W - k)} 0 ${W} ${k} ${W} ${R}`,
    `l ${W} ${round1(H - R)}`, `b ${W} ${round1(H - k)} ${round1(W - k)} ${H} ${round1(W - R)} ${H}`,
    `l ${R} ${H}`, `b ${k} ${H} 0 ${round1(H - k)} 0 ${round1(H - R)}`,
    `l 0 ${R}`, `b 0 ${k} ${k} 0 ${R} 0`,
  ].join(' ');
}

/**
 * One event per word (and line): the whole cue, with word k coloured, from word k's start to word k+1's
 * start (the first from the cue's start, the last to its end), so the highlight never flickers between words.
 */
function reelEvents(cue: CaptionCue, geometry: CaptionGeometry): string[] {
  const words = cue.lines.flat();
  const pitch = geometry.emPx * cue.fontScale * LINE_PITCH_EM;
  const centers = lineCenters(cue.lines.length, reelBlockCenterY(geometry, cue.lines.length, pitch), pitch);
  const events: string[] = [];
  words.forEach((word, index) => {
    const start = index === 0 ? cue.start : word.start;
    const end = index === words.length - 1 ? cue.end : words[index + 1].start;
    if (assTime(end) <= assTime(start)) return;
    cue.lines.forEach((line, i) => {
      const text = linePosition(geometry.width / 2, centers[i]) + sizeTag(cue) + lineText(line, word);
      events.push(dialogue({ layer: 0, start, end, style: `reel-${cue.script}`, text }));
    });
  });
  return events;
}

function sizeTag(cue: CaptionCue): string {
  return cue.fontScale < 0.999 ? `{\\fscx${round1(cue.fontScale * 100)}\\fscy${round1(cue.fontScale * 100)}}` : '';
}

function lineText(line: readonly CaptionWord[], highlighted?: CaptionWord): string {
  return line
    .map((word, index) => {
      const text = escapeAssText(word.text);
      const shown = word === highlighted ? `{\\1c${HIGHLIGHT}&}${text}{\\1c${WHITE}&}` : text;
      return (spaceBefore(line, index) ? ' ' : '') + shown;
    })
    .join('');
}

function dialogue(e: { layer: number; start: number; end: number; style: string; text: string }): string {
  return `Dialogue: ${e.layer},${assTime(e.start)},${assTime(e.end)},${e.style},,0,0,0,,${e.text}`;
}

/** `h:mm:ss.cc`: ASS counts centiseconds. */
export function assTime(sec: number): string {
  const totalCs = Math.max(0, Math.round(sec * 100));
  const cs = totalCs % 100;
  const totalSec = Math.floor(totalCs / 100);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${Math.floor(totalSec / 3600)}:${pad(Math.floor(totalSec / 60) % 60)}:${pad(totalSec % 60)}.${pad(cs)}`;
}

/**
 * Text as ASS shows it literally: braces would open an override block (libass reads `\{` `\}` as the
 * characters), a backslash before n, N or h would be a line break or hard space (a word joiner after it
 * keeps it a backslash), and a newline would end the event.
 */
export function escapeAssText(text: string): string {
  return text
    .replace(/\r\n|\r|\n/gu, ' ')
    .replace(/\\/gu, '\\\u2060')
    .replace(/[{}]/gu, (brace) => `\\${brace}`);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
