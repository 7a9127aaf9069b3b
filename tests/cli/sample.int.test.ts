import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegTools } from '../../electron/engine/media/index.js';
import { runCli } from '../helpers/run-cli.js';
import { SAMPLE_FACE, SAMPLE_VOICE, SAMPLE_VOICE_TRANSCRIPT } from '../helpers/shared-media.js';

/** The bundled samples through the CLI: no --face renders the sample face; "sample" names it (and the voice) anywhere. */
let dir: string;
let ffprobe: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mouthpiece-sample-test-'));
  ({ ffprobePath: ffprobe } = await resolveFfmpegTools());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function probe(file: string): { streams: { codec_type: string; codec_name: string; width?: number; height?: number }[]; format: { duration: string } } {
  return JSON.parse(execFileSync(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', file]).toString());
}

describe('mouthpiece with the bundled samples', () => {
  it('renders the sample face when --face is left out, and says so in one line on stderr', async () => {
    const out = join(dir, 'hello.mp4');
    const result = await runCli(['render', '--say', 'Hello there.', '--preset', 'square', '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    const notes = result.stderr.split(/[\r\n]+/).filter((line) => /sample face/.test(line));
    expect(notes).toEqual(['mouthpiece: note: no --face given: rendering the bundled sample face (Eileen Collins, NASA portrait, public domain); add --face photo.jpg to use your own.']);
    const { streams } = probe(out);
    expect(streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 1080, height: 1080 });
    expect(streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
  });

  it('--face sample --audio sample: the sample voice, aligned to its transcript, as long as the recording', async () => {
    const out = join(dir, 'voice.mp4');
    const result = await runCli(['render', '--face', 'sample', '--audio', 'Sample', '--captions', '--preset', 'square', '-o', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/no --face given/);
    const summary = JSON.parse(result.stdout);
    expect(summary.durationSec).toBeCloseTo(4.25, 0);
    // The captions come from the transcript that ships beside the recording.
    const srt = readFileSync(summary.captions.srt, 'utf8');
    expect(srt).toMatch(/Printing/);
    expect(srt).toMatch(/concerned/);
  });

  it('analyze sample and visemes sample name the bundled files', async () => {
    const analysis = await runCli(['analyze', 'sample', '--json']);
    expect(analysis.code, analysis.stderr).toBe(0);
    expect(JSON.parse(analysis.stdout)).toMatchObject({ file: SAMPLE_FACE, width: 512, height: 512, subjects: [{ index: 0 }] });
    const visemes = await runCli(['visemes', 'sample', '--json']);
    expect(visemes.code, visemes.stderr).toBe(0);
    const speech = JSON.parse(visemes.stdout);
    expect(speech).toMatchObject({ file: SAMPLE_VOICE, source: 'alignment' });
    expect(speech.words.map((w: { text: string }) => w.text).join(' ')).toContain('Printing');
  });

  it('a scene file and a batch manifest may say "sample" for the face and the recording', async () => {
    const scene = join(dir, 'scene.json');
    writeFileSync(scene, JSON.stringify({ face: 'sample', preset: 'square', fps: 15, tracks: [{ subject: 0, clips: [{ start: 0, audio: 'sample', trimEnd: 1.5 }] }] }));
    const fromScene = await runCli(['render', '--scene', scene, '-o', join(dir, 'scene.mp4'), '--json']);
    expect(fromScene.code, fromScene.stderr).toBe(0);
    expect(JSON.parse(fromScene.stdout).durationSec).toBeCloseTo(1.5, 0);

    const manifest = join(dir, 'batch.csv');
    writeFileSync(manifest, 'face,audio,script,preset,fps,name\nsample,,Hi!,square,15,from-script\n');
    const batch = await runCli(['batch', manifest, '-o', join(dir, 'batch-out'), '--json'], { env: { MOUTHPIECE_LIBRARY: join(dir, 'library') } });
    expect(batch.code, batch.stderr).toBe(0);
    expect(JSON.parse(batch.stdout).items).toEqual([expect.objectContaining({ status: 'done', out: join(dir, 'batch-out', 'from-script.mp4') })]);
  });

  it('every --help that takes a face or a recording says "sample"', async () => {
    for (const command of [['--help'], ['render', '--help'], ['analyze', '--help'], ['visemes', '--help'], ['batch', '--help']]) {
      const help = await runCli(command);
      expect(help.stdout, command.join(' ')).toMatch(/"sample"/);
    }
  });

  it('the sample transcript is what the recording says', () => {
    expect(readFileSync(SAMPLE_VOICE_TRANSCRIPT, 'utf8').trim()).toBe('Printing, in the only sense with which we are at present concerned.');
  });
});
