import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegTools, type FfmpegTools } from '../media/ffmpeg-tools.js';
import type { RgbaImage } from '../media/rgba-image.js';
import { writePng } from '../media/write-png.js';
import { synthesizeSpeech } from '../speech/espeak-synth.js';
import { buildAssCaptions } from './ass-captions.js';
import { captionFontsDir } from './caption-fonts-dir.js';
import { captionSafeArea } from './caption-geometry.js';
import { countColor, diffPixels, PORTRAIT, renderCaptionFrame } from './test-support/caption-frames.js';
import { buildCaptionTrack, type CaptionTrack } from './caption-track.js';
import type { CaptionStyle } from './caption-types.js';

const WIDTH = 1080;
const HEIGHT = 1920;
const SCREENSHOTS = path.resolve('test-output/screenshots');
const YELLOW: [number, number, number] = [255, 225, 0];

let tools: FfmpegTools;
let fontsDir: string;
let dir: string;
let plain: RgbaImage;

beforeAll(async () => {
  tools = await resolveFfmpegTools();
  fontsDir = captionFontsDir();
  // Characters a filter graph treats specially, so the ass filter's escaping is exercised for real.
  dir = await mkdtemp(path.join(os.tmpdir(), "mouthpiece captions, it's [1]:x;y "));
  await mkdir(SCREENSHOTS, { recursive: true });
  plain = await renderCaptionFrame(tools, { imagePath: PORTRAIT, width: WIDTH, height: HEIGHT, atSec: 0 });
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function speak(text: string, voice: string, style: CaptionStyle): Promise<CaptionTrack> {
  const { timeline } = await synthesizeSpeech(text, { voice });
  return buildCaptionTrack({ segments: [{ text, words: timeline.words, startSec: 0 }], style, width: WIDTH, height: HEIGHT, disclosureLabel: 'AI-generated', durationSec: timeline.durationSec });
}

async function burn(ass: string, name: string, atSec: number, log: string[] = []): Promise<RgbaImage> {
  const assPath = path.join(dir, `${name}.ass`);
  await writeFile(assPath, ass);
  return renderCaptionFrame(tools, { imagePath: PORTRAIT, width: WIDTH, height: HEIGHT, atSec, assPath, fontsDir }, log);
}

function expectInsideSafeArea(frame: RgbaImage) {
  const safe = captionSafeArea(WIDTH, HEIGHT);
  const changed = diffPixels(plain, frame);
  const box = changed.box!;
  expect(box.left).toBeGreaterThanOrEqual(safe.left - 4);
  expect(box.right).toBeLessThanOrEqual(WIDTH - safe.right + 4);
  expect(box.top).toBeGreaterThanOrEqual(safe.top - 4);
  expect(box.bottom).toBeLessThanOrEqual(HEIGHT - safe.bottom + 4);
  return changed;
}

describe('burned-in captions on a 1080×1920 reel (real ffmpeg + libass)', () => {
  const script = 'Hello everyone, and welcome back to the channel! Today I am going to show you something amazing.';

  it('reel: big outlined words below the centre, the spoken word in yellow, inside the safe area', async () => {
    const track = await speak(script, 'en-us', 'reel');
    const cue = track.cues[0];
    const second = cue.lines.flat()[1];
    const at = (second.start + Math.min(second.end, cue.end)) / 2;
    const frame = await burn(track.ass, 'reel', at);
    await writePng(tools, frame, path.join(SCREENSHOTS, 'captions-reel.png'));
    const changed = expectInsideSafeArea(frame);
    expect(changed.count).toBeGreaterThan(20_000);
    // The text block sits below the middle of the frame.
    expect((changed.box!.top + changed.box!.bottom) / 2).toBeGreaterThan(HEIGHT * 0.4);
    expect(countColor(frame, YELLOW)).toBeGreaterThan(2_000 + 10 * countColor(plain, YELLOW));
    // After the end nothing is drawn, not even the label.
    const after = await burn(track.ass, 'reel-after', track.cues.at(-1)!.end + 0.5);
    expect(diffPixels(plain, after).count).toBe(0);
  });

  it('clean: a translucent dark box with white text in the lower third, inside the safe area', async () => {
    const track = await speak(script, 'en-us', 'clean');
    const cue = track.cues[0];
    const frame = await burn(track.ass, 'clean', (cue.start + cue.end) / 2);
    await writePng(tools, frame, path.join(SCREENSHOTS, 'captions-clean.png'));
    expectInsideSafeArea(frame);
    const changed = diffPixels(plain, frame, 60, HEIGHT / 2); // below the label
    expect(changed.box!.top).toBeGreaterThan(HEIGHT * 0.6);
    expect(countColor(frame, [255, 255, 255], 20)).toBeGreaterThan(countColor(plain, [255, 255, 255], 20) + 3_000);
    expect(countColor(frame, YELLOW)).toBeLessThanOrEqual(countColor(plain, YELLOW));
    expect(changed.count).toBeGreaterThan(50_000); // the box darkens its whole area
  });

  it.each([
    ['arabic', 'ar', 'مرحبا بالعالم. كيف حالك اليوم؟', 'NotoSansArabic-Bold'],
    ['chinese', 'cmn', '你好，世界。今天天气很好！', 'NotoSansSC-Bold'],
    ['korean', 'ko', '안녕하세요, 세계. 오늘 날씨가 좋네요!', 'NotoSansKR-Bold'],
  ])('%s: drawn with the bundled font, not as missing-glyph boxes', async (name, voice, text, fontName) => {
    const track = await speak(text, voice, 'reel');
    const cue = track.cues[0];
    const at = (cue.start + cue.end) / 2;
    const log: string[] = [];
    const frame = await burn(track.ass, `reel-${name}`, at, log);
    await writePng(tools, frame, path.join(SCREENSHOTS, `captions-reel-${name}.png`));
    expect(log.some((line) => line.includes('fontselect') && line.includes(`-> ${fontName}`))).toBe(true);
    const drawn = expectInsideSafeArea(frame).count;
    // The same cues forced onto Noto Sans (no such glyphs): whatever the fallback draws differs from ours.
    const latinOnly = buildAssCaptions({ cues: track.cues.map((c) => ({ ...c, script: 'latin' })), style: 'reel', width: WIDTH, height: HEIGHT, fontsDir });
    const fallback = await burn(latinOnly, `reel-${name}-fallback`, at);
    expect(drawn).toBeGreaterThan(8_000);
    expect(diffPixels(fallback, frame).count).toBeGreaterThan(drawn * 0.3);
  });
});
