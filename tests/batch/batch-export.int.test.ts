import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPaths } from '../../electron/engine/install-layout.js';
import { createEngineContext, type EngineContext } from '../../electron/engine/engine-context.js';
import { runFfprobe } from '../../electron/engine/media/ffmpeg-adapter.js';
import { measureLoudness } from '../../electron/engine/media/measure-loudness.js';
import { analyzeSpeech, decodeAudio, synthesizeSpeech } from '../../electron/engine/speech/index.js';
import type { TimedWord } from '../../electron/engine/speech/speech-types.js';
import { hasMedia, media, runCli } from '../helpers/run-cli.js';

/*
 * Issue 6's batch: three rows (two photos, two built-in-voice scripts and one recording with its transcript, two
 * presets, captions on) → three MP4s checked with ffprobe, captions checked against the speech stage run here
 * independently, loudness measured on the MP4's AAC track.
 */
const dir = mkdtempSync(join(tmpdir(), 'mouthpiece-batch-export-'));
const outDir = join(dir, 'out');
const env = { MOUTHPIECE_LIBRARY: join(dir, 'library') };
const FPS = 30;
const SCRIPT_REEL = "Hi creators! It's Monday, so here are three quick tips for your next reel.";
const SCRIPT_SQUARE = 'Keep it short, look at the lens, and say one thing well.';
const RECORDING = 'audio/en_ljspeech_LJ001-0001.wav';
const TRANSCRIPT = hasMedia ? readFileSync(media('audio/en_ljspeech_LJ001-0001.txt'), 'utf8').trim() : '';

const rel = (file: string) => relative(dir, media(file));
const csvField = (value: string) => `"${value.replace(/"/g, '""')}"`;
const manifestPath = join(dir, 'weekly.csv');
const CONSENT = csvField('Each person shown agreed (test fixture).');
if (hasMedia) {
  writeFileSync(
    manifestPath,
    [
      'face,subject,audio,script,voice,text,preset,captions,name,consent',
      `${rel('images/portrait_eileen_collins_nasa.png')},0,,${csvField(SCRIPT_REEL)},en-us,,reel,reel,,${CONSENT}`,
      `${rel('images/portrait_woman_smiling_cc0.png')},,,${csvField(SCRIPT_SQUARE)},en-us+f3,,square,clean,,${CONSENT}`,
      `${rel('images/portrait_eileen_collins_nasa.png')},0,${rel(RECORDING)},,,${csvField(TRANSCRIPT)},reel,clean,lj-speech,${CONSENT}`,
    ].join('\n'),
  );
}

let engine: EngineContext;
let names: string[] = [];
let batch: { code: number | null; stdout: string; stderr: string };
beforeAll(async () => {
  if (!hasMedia) return;
  engine = await createEngineContext(defaultModelPaths());
  batch = await runCli(['batch', manifestPath, '-o', outDir, '--parallel', '2', '--json'], { env, timeoutMs: 240_000 });
}, 300_000);
afterAll(async () => {
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Cue {
  start: number;
  end: number;
  text: string;
}

function parseSubtitles(text: string, separator: ',' | '.'): Cue[] {
  const time = (t: string) => {
    const [h, m, s] = t.replace(separator, '.').split(':');
    return Number(h) * 3600 + Number(m) * 60 + Number(s);
  };
  const cues: Cue[] = [];
  for (const block of text.replace(/^WEBVTT[^\n]*\n/, '').trim().split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((line) => line.trim() !== '');
    const timing = lines.findIndex((line) => line.includes('-->'));
    const [from, to] = lines[timing].split('-->').map((part) => part.trim().split(' ')[0]);
    cues.push({ start: time(from), end: time(to), text: lines.slice(timing + 1).join(' ') });
  }
  return cues;
}

const bare = (word: string) => word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Cue text is the script's words in order, and each cue starts when the speech stage says its first word starts. */
function expectCaptionsMatch(cues: Cue[], script: string, words: TimedWord[]): void {
  expect(cues.flatMap((cue) => cue.text.split(/\s+/))).toEqual(script.split(/\s+/));
  let previousEnd = 0;
  for (const cue of cues) {
    const first = bare(cue.text.split(/\s+/)[0]);
    const spoken = words.filter((w) => bare(w.text) !== '' && first.startsWith(bare(w.text)));
    expect(spoken.some((w) => Math.abs(w.start - cue.start) <= 0.04), `cue "${cue.text}" at ${cue.start}`).toBe(true);
    expect(cue.end).toBeGreaterThan(cue.start);
    expect(cue.start).toBeGreaterThanOrEqual(previousEnd - 0.001);
    previousEnd = cue.end;
  }
  expect(cues.at(-1)!.end).toBeGreaterThanOrEqual(words.at(-1)!.end - 0.001);
}

interface Probe {
  format: { duration: string; tags?: Record<string, string> };
  streams: { codec_type: string; codec_name: string; profile?: string; pix_fmt?: string; width?: number; height?: number; sample_rate?: string }[];
}

async function checkVideo(name: string, size: { width: number; height: number }, speechSec: number) {
  const probe = (await runFfprobe({ tools: engine.tools, inputPath: join(outDir, `${name}.mp4`) })) as Probe;
  const video = probe.streams.find((s) => s.codec_type === 'video')!;
  const audio = probe.streams.find((s) => s.codec_type === 'audio')!;
  expect({ codec: video.codec_name, profile: video.profile, pix: video.pix_fmt, width: video.width, height: video.height }).toEqual({ codec: 'h264', profile: 'High', pix: 'yuv420p', ...size });
  expect({ codec: audio.codec_name, rate: audio.sample_rate }).toEqual({ codec: 'aac', rate: '48000' });
  expect(Math.abs(Number(probe.format.duration) - speechSec)).toBeLessThan(2 / FPS + 0.03);
  expect(probe.format.tags?.comment).toMatch(/AI-generated.*Mouthpiece \d+\.\d+/);
  const loudness = await measureLoudness(engine.tools, join(outDir, `${name}.mp4`));
  expect(Math.abs(loudness.integratedLufs + 14)).toBeLessThanOrEqual(1);
  expect(loudness.truePeakDbtp).toBeLessThanOrEqual(-1);
  return loudness;
}

// Without the media corpus every test here is skipped and no hook runs: the temp folder goes now.
if (!hasMedia) rmSync(dir, { recursive: true, force: true });

describe.skipIf(!hasMedia)('mouthpiece batch: a 3-row manifest with captions', () => {
  it('exits 0 with three finished items and only finished files in the folder', () => {
    expect(batch.code, batch.stderr.split("\n").filter((line) => !line.startsWith("{\"type\":\"item\"") && !line.startsWith("{\"type\":\"batch\"")).join("\n")).toBe(0);
    const result = JSON.parse(batch.stdout) as { items: { status: string; out: string }[] };
    expect(result.items.map((item) => item.status)).toEqual(['done', 'done', 'done']);
    names = result.items.map((item) => basename(item.out, '.mp4'));
    // {project}-{script}-{preset}: the manifest's name, the script's first words, the preset; or the row's own name.
    expect(names[0]).toMatch(/^weekly-hi-creators-it-s-monday-[a-z-]+-reel$/);
    expect(names[1]).toMatch(/^weekly-keep-it-short-look-at-[a-z-]+-square$/);
    expect(names[2]).toBe('lj-speech');
    expect(readdirSync(outDir).sort()).toEqual(names.flatMap((name) => ['mp4', 'srt', 'vtt'].map((ext) => `${name}.${ext}`)).sort());
  });

  it('makes each script video at its preset size, as long as the voice, at -14 LUFS, tagged AI-generated, captioned word for word', async () => {
    for (const [name, script, voice, size] of [
      [names[0], SCRIPT_REEL, 'en-us', { width: 1080, height: 1920 }],
      [names[1], SCRIPT_SQUARE, 'en-us+f3', { width: 1080, height: 1080 }],
    ] as const) {
      const speech = await synthesizeSpeech(script, { voice });
      const loudness = await checkVideo(name, size, speech.audio.durationSec);
      const srt = parseSubtitles(readFileSync(join(outDir, `${name}.srt`), 'utf8'), ',');
      const vtt = parseSubtitles(readFileSync(join(outDir, `${name}.vtt`), 'utf8'), '.');
      expect(vtt).toEqual(srt);
      expectCaptionsMatch(srt, script, speech.timeline.words);
      console.log(`${name}: ${speech.audio.durationSec.toFixed(2)} s, ${srt.length} cues, ${loudness.integratedLufs.toFixed(2)} LUFS, TP ${loudness.truePeakDbtp.toFixed(2)} dBTP`);
    }
  }, 60_000);

  it('lip-syncs the recording at the reel size, captioned from its transcript as the aligner timed it', async () => {
    const audio = await decodeAudio(engine.tools, media(RECORDING));
    const loudness = await checkVideo('lj-speech', { width: 1080, height: 1920 }, audio.durationSec);
    const speech = await analyzeSpeech({ audio, transcript: TRANSCRIPT, fps: FPS });
    const srt = parseSubtitles(readFileSync(join(outDir, 'lj-speech.srt'), 'utf8'), ',');
    expectCaptionsMatch(srt, TRANSCRIPT, speech.timeline.words);
    console.log(`lj-speech: ${audio.durationSec.toFixed(2)} s, ${srt.length} cues, ${loudness.integratedLufs.toFixed(2)} LUFS, TP ${loudness.truePeakDbtp.toFixed(2)} dBTP`);
  }, 60_000);
});
