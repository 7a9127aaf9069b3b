import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegTools } from '../../electron/engine/media/index.js';
import { hasSharedMedia, media, ROOT, runCli } from '../helpers/run-cli.js';
import { SAMPLE_FACE, SAMPLE_VOICE } from '../helpers/shared-media.js';

/** Every render needs an attestation that the person shown agreed (issue 18). */
const CONSENT = ['--consent', 'The person shown agreed (test fixture).'];

let dir: string;
let ffmpeg: string;
let ffprobe: string;
/** The first 2.5 s of a real read sentence. */
let shortVoice: string;
const EILEEN = SAMPLE_FACE;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mouthpiece-render-test-'));
  ({ ffmpegPath: ffmpeg, ffprobePath: ffprobe } = await resolveFfmpegTools());
  shortVoice = join(dir, 'voice-2.5s.wav');
  execFileSync(ffmpeg, ['-v', 'error', '-y', '-i', SAMPLE_VOICE, '-t', '2.5', shortVoice]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface StreamInfo {
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  r_frame_rate?: string;
  duration?: string;
}

function probe(file: string): { streams: StreamInfo[]; format: { duration: string; tags?: Record<string, string> } } {
  return JSON.parse(execFileSync(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', file]).toString());
}

function audioDurationSec(file: string): number {
  return Number(probe(file).format.duration);
}

async function render(args: string[]) {
  const result = await runCli(['render', ...args, ...CONSENT, '--json'], { timeoutMs: 150_000 });
  expect(result.code, result.stderr).toBe(0);
  return { ...result, summary: JSON.parse(result.stdout) };
}

function expectPlayableMp4(file: string, size: { width: number; height: number }, fps: number, durationSec: number) {
  const info = probe(file);
  const video = info.streams.find((s) => s.codec_type === 'video');
  const audio = info.streams.find((s) => s.codec_type === 'audio');
  expect(video).toMatchObject({ codec_name: 'h264', pix_fmt: 'yuv420p', width: size.width, height: size.height, r_frame_rate: `${fps}/1` });
  expect(audio?.codec_name).toBe('aac');
  expect(Math.abs(Number(info.format.duration) - durationSec)).toBeLessThan(0.15);
  expect(info.format.tags?.comment).toMatch(/AI-generated/);
}

describe('mouthpiece render', () => {
  it.skipIf(!hasSharedMedia)('lip-syncs a recording aligned to its transcript: square H.264/AAC as long as the voice, with progress and a JSON result', async () => {
    const out = join(dir, 'square.mp4');
    const voice = media('video/grid_brbk7n.mpg'); // the sound of a video works as the voice
    const transcript = readFileSync(media('video/grid_brbk7n.txt'), 'utf8').trim();
    const { summary, stderr } = await render(['--face', EILEEN, '--audio', voice, '--text', transcript, '--preset', 'square', '-o', out]);
    const voiceSec = audioDurationSec(voice);
    expectPlayableMp4(out, { width: 1080, height: 1080 }, 30, voiceSec);
    expect(summary).toMatchObject({ width: 1080, height: 1080, fps: 30, subjects: [{ index: 0, speaking: true }] });
    expect(Math.abs(summary.frames - voiceSec * 30)).toBeLessThanOrEqual(1);
    expect(summary.out).toBe(out);
    const events = stderr.trim().split('\n').map((line) => JSON.parse(line));
    const phases = new Set(events.filter((e) => e.type === 'progress').map((e) => e.phase));
    expect([...phases]).toEqual(['analyse', 'speech', 'loudness', 'render']);
    expect(events.some((e) => e.phase === 'render' && typeof e.etaMs === 'number')).toBe(true);
  });

  it.skipIf(!hasSharedMedia)('speaks a script with --say at another frame rate, and says when it upscales a tiny photo', async () => {
    const out = join(dir, 'say.mp4');
    const { summary, stderr } = await render(['--face', media('images/portrait_tiny_glasses_beard_cc0.png'), '--say', 'Hello there, how are you?', '--preset', 'square', '--fps', '25', '-o', out]);
    expect(summary.durationSec).toBeGreaterThan(0.8);
    expectPlayableMp4(out, { width: 1080, height: 1080 }, 25, summary.durationSec);
    expect(stderr).toMatch(/"type":"notice".*upscaled/);
  });

  it.skipIf(!hasSharedMedia)('renders a scene with two Apollo 11 astronauts speaking in turn while the third listens', async () => {
    const scene = join(dir, 'scene.json');
    writeFileSync(
      scene,
      JSON.stringify({
        face: media('images/group3_apollo11_crew_nasa.png'),
        preset: 'source',
        tracks: [
          { subject: 0, clips: [{ start: 0, audio: 'voice-2.5s.wav' }] },
          { subject: 2, clips: [{ start: 2.6, say: 'We came in peace.' }] },
        ],
      }),
    );
    const out = join(dir, 'scene.mp4');
    const { summary } = await render(['--scene', scene, '-o', out]);
    expect(summary.durationSec).toBeGreaterThan(3.2);
    expectPlayableMp4(out, { width: 600, height: 470 }, 30, summary.durationSec);
    expect(summary.subjects).toEqual([
      { index: 0, speaking: true },
      { index: 1, speaking: false },
      { index: 2, speaking: true },
    ]);
  });

  it.skipIf(!hasSharedMedia)('follows the speaker in a reel of the Apollo 11 crew: a shot per astronaut, switching in the pause', async () => {
    const scene = join(dir, 'reel-scene.json');
    writeFileSync(
      scene,
      JSON.stringify({
        face: media('images/group3_apollo11_crew_nasa.png'),
        preset: 'reel',
        fps: 10,
        tracks: [
          { subject: 0, clips: [{ start: 0, audio: 'voice-2.5s.wav' }] },
          { subject: 1, clips: [{ start: 3.4, audio: 'voice-2.5s.wav' }] },
        ],
      }),
    );
    const out = join(dir, 'reel-scene.mp4');
    const { summary } = await render(['--scene', scene, '-o', out]);
    expectPlayableMp4(out, { width: 1080, height: 1920 }, 10, summary.durationSec);
    const shots = summary.shots as { subject: number; startSec: number; endSec: number; crop: { x: number; width: number } }[];
    expect(shots.map((shot) => shot.subject)).toEqual([0, 1]);
    expect(shots[1].startSec).toBeGreaterThan(2.5);
    expect(shots[1].startSec).toBeLessThan(3.4);
    // Subject 0 sits left of subject 1 in the photo: the second shot is further right, and both inside the photo.
    expect(shots[1].crop.x).toBeGreaterThan(shots[0].crop.x);
    for (const shot of shots) expect(shot.crop.x + shot.crop.width).toBeLessThanOrEqual(600);
  });
});

describe.concurrent('mouthpiece render: bad input exits 2 with one line naming the file', () => {
  let outputs = 0;
  async function expectBadInput(args: string[], file: string, reason: RegExp) {
    const out = join(dir, `bad-${++outputs}.mp4`);
    const result = await runCli(['render', ...args, ...CONSENT, '-o', out]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  }

  it('a face without an attestation of consent (the library has no record either): nothing is rendered', async () => {
    // A copy of the sample portrait outside the bundled samples folder is somebody's photo like any other.
    const face = join(dir, 'astronaut.jpg');
    copyFileSync(EILEEN, face);
    const out = join(dir, 'no-consent.mp4');
    const result = await runCli(['render', '--face', face, '--audio', shortVoice, '--library', join(dir, 'no-library'), '-o', out]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(face);
    expect(result.stderr).toMatch(/no consent is recorded.*--consent/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'no-library'))).toBe(false);
  });

  it('a picture without a face', async () => {
    const blank = join(dir, 'blank.png');
    execFileSync(ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=gray:size=400x400', '-frames:v', '1', blank]);
    await expectBadInput(['--face', blank, '--audio', shortVoice], blank, /no face/i);
  });

  it('a subject the photo does not have', async () => {
    await expectBadInput(['--face', EILEEN, '--audio', shortVoice, '--subject', '7'], EILEEN, /no subject 7.*1 face/);
  });

  it('a picture given as the voice', async () => {
    await expectBadInput(['--face', EILEEN, '--audio', EILEEN], EILEEN, /not audio/);
  });

  it('a corrupt audio file', async () => {
    const corrupt = join(dir, 'corrupt.wav');
    writeFileSync(corrupt, Buffer.concat([Buffer.from('RIFF'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256))]));
    await expectBadInput(['--face', EILEEN, '--audio', corrupt], corrupt, /./);
  });

  it('a scene whose clips overlap on one track', async () => {
    const scene = join(dir, 'overlap.json');
    writeFileSync(scene, JSON.stringify({ face: EILEEN, preset: 'square', tracks: [{ subject: 0, clips: [{ start: 0, audio: 'voice-2.5s.wav' }, { start: 1, say: 'Too soon.' }] }] }));
    await expectBadInput(['--scene', scene], scene, /subject 0, clip 1 starts at 1\.00 s while clip 0 plays until 2\.50 s/);
  });

  it('an unknown preset and missing options', async () => {
    const result = await runCli(['render', '--face', EILEEN, '--audio', shortVoice, '--preset', 'tiktok', ...CONSENT, '-o', join(dir, 'x.mp4')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown preset "tiktok"; use one of reel, square, landscape, source/);
    expect((await runCli(['render', '--face', EILEEN, '-o', join(dir, 'x.mp4')])).code).toBe(2);
    expect((await runCli(['render', '--face', EILEEN, '--say', 'hi'])).code).toBe(2);
  });
});

describe('mouthpiece render: Ctrl-C', () => {
  it('stops mid-render leaving no output and no temporary files', async () => {
    const tmp = join(dir, 'tmp-for-sigint');
    const outDir = join(dir, 'sigint-out');
    mkdirSync(tmp);
    mkdirSync(outDir);
    const out = join(outDir, 'long.mp4');
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'mouthpiece.cjs'), 'render', '--face', EILEEN, '--audio', SAMPLE_VOICE, '--preset', 'reel', ...CONSENT, '-o', out, '--json'], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let interrupted = false;
    let tempWhileRendering: string[] = [];
    const ours = (names: string[]) => names.filter((name) => name.startsWith('mouthpiece-'));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (!interrupted && /"phase":"render","ratio":0\.[3-9]/.test(stderr)) {
        interrupted = true;
        tempWhileRendering = ours(readdirSync(tmp));
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(interrupted, stderr).toBe(true);
    expect(code).not.toBe(0);
    expect(readdirSync(outDir)).toEqual([]);
    // The render's temporary folder existed while it ran, and is gone (other libraries' logs in TMPDIR are not ours).
    expect(tempWhileRendering).toHaveLength(1);
    expect(ours(readdirSync(tmp))).toEqual([]);
  }, 120_000);
});
