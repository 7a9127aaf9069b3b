import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegTools, type FfmpegTools } from '../../electron/engine/media/index.js';
import { decodeAudio } from '../../electron/engine/speech/decode-audio.js';
import { detectSpeech } from '../../electron/engine/speech/vad.js';
import { runCli } from '../helpers/run-cli.js';

interface SayJson {
  out: string;
  durationSec: number;
  voice: string;
  words: Array<{ start: number; end: number; text: string }>;
  phonemes: Array<{ start: number; end: number; phoneme: string; word?: number; stressed?: boolean }>;
}

let dir: string;
let tools: FfmpegTools;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mouthpiece-say-'));
  tools = await resolveFfmpegTools();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mouthpiece say', () => {
  it('writes a WAV of real speech with monotonic word and phoneme times inside its duration', async () => {
    const out = join(dir, 'voice.wav');
    const text = 'Peter Piper picked a peck of pickled peppers. Where is the peck of pickled peppers?';
    const started = performance.now();
    const result = await runCli(['say', text, '-o', out, '--json']);
    const wallSec = (performance.now() - started) / 1000;
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as SayJson;
    console.log(`say: ${json.durationSec} s of speech in ${wallSec.toFixed(2)} s wall time including Node start (${(json.durationSec / wallSec).toFixed(1)}× real time)`);
    expect(json.out).toBe(out);
    expect(json.voice).toBe('en-us');
    // ~15 words at eSpeak's 175 wpm: 4–8 s.
    expect(json.durationSec).toBeGreaterThan(4);
    expect(json.durationSec).toBeLessThan(8);
    expect(json.words.map((w) => w.text.toLowerCase())).toEqual(text.toLowerCase().replace(/[.?]/g, '').split(' '));
    let previous = 0;
    for (const p of json.phonemes) {
      expect(p.start).toBeGreaterThanOrEqual(previous);
      expect(p.end).toBeGreaterThan(p.start);
      expect(p.end).toBeLessThanOrEqual(json.durationSec + 0.001);
      previous = p.start;
    }
    expect(json.phonemes.filter((p) => p.phoneme === 'p').length).toBeGreaterThanOrEqual(10);

    // The file is real speech: ffmpeg decodes it to the reported length and the VAD hears speech where the words are.
    const audio = await decodeAudio(tools, out);
    expect(audio.durationSec).toBeCloseTo(json.durationSec, 2);
    const segments = await detectSpeech(audio);
    const speechSec = segments.reduce((sum, s) => sum + s.end - s.start, 0);
    expect(speechSec / audio.durationSec).toBeGreaterThan(0.6);
    expect(segments[0].start).toBeLessThan(json.words[0].start + 0.2);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('reads the text from a file and uses the voice, rate and pitch asked for', async () => {
    const textFile = join(dir, 'script.txt');
    writeFileSync(textFile, 'Hola, me llamo Pablo y vivo en Barcelona.');
    const slow = JSON.parse((await runCli(['say', '--text-file', textFile, '-o', join(dir, 'slow.wav'), '--voice', 'es', '--rate', '110', '--json'])).stdout) as SayJson;
    const fast = JSON.parse((await runCli(['say', '--text-file', textFile, '-o', join(dir, 'fast.wav'), '--voice', 'es', '--rate', '260', '--pitch', '80', '--json'])).stdout) as SayJson;
    expect(slow.voice).toBe('es');
    expect(fast.durationSec).toBeLessThan(slow.durationSec * 0.7);
    expect(fast.words.map((w) => w.text)).toEqual(['Hola', 'me', 'llamo', 'Pablo', 'y', 'vivo', 'en', 'Barcelona']);
  });

  it('lists the voices', async () => {
    const result = await runCli(['say', '--list-voices', '--json']);
    expect(result.code).toBe(0);
    const { voices } = JSON.parse(result.stdout) as { voices: Array<{ voice: string }> };
    expect(voices.length).toBeGreaterThan(100);
    expect(voices.map((v) => v.voice)).toContain('en-us');
  });

  it.each([
    [['say', 'hello'], /needs an output file/],
    [['say', '-o', 'x.wav'], /needs the text/],
    [['say', 'hello', '-o', 'x.mp3'], /x\.mp3: say writes WAV/],
    [['say', 'hello', '-o', 'x.wav', '--voice', 'xx-nowhere'], /Unknown voice "xx-nowhere".*--list-voices/],
    [['say', 'hello', '-o', 'x.wav', '--rate', 'fast'], /--rate must be a number/],
    [['say', 'hello', '-o', 'x.wav', '--pitch', '150'], /pitch must be between 0 and 99/],
    [['say', '--text-file', 'no-such-script.txt', '-o', 'x.wav'], /no-such-script\.txt: no such file/],
    [['say', 'hello', '-o', 'x.wav', '--loud'], /unknown option --loud/],
  ])('exits 2 with a one-line reason for %j', async (args, reason) => {
    const result = await runCli(args.map((a) => (a === 'x.wav' || a === 'x.mp3' ? join(dir, a) : a)));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(reason);
    expect(existsSync(join(dir, 'x.wav'))).toBe(false);
  });
});
