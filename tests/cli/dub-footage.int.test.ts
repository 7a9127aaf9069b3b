/**
 * `mouthpiece render --face clip` on real and deliberately awkward footage: the dub's output file, its length rule,
 * its sound and its tags; and one clear line (exit 2, nothing left) for footage that cannot be dubbed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegTools } from '../../electron/engine/media/index.js';
import { hasSharedMedia, media, ROOT, runCli } from '../helpers/run-cli.js';

const GRID = media('video/grid_brbk7n.mpg');
const LINE = 'Place blue at F two now.';
let dir: string;
let ffmpeg: string;
let ffprobe: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mouthpiece-dub-cli-'));
  ({ ffmpegPath: ffmpeg, ffprobePath: ffprobe } = await resolveFfmpegTools());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const make = (name: string, args: string[]) => {
  const out = join(dir, name);
  execFileSync(ffmpeg, ['-v', 'error', '-y', ...args, out]);
  return out;
};

function probe(file: string) {
  return JSON.parse(execFileSync(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', file]).toString()) as {
    streams: { codec_type: string; width?: number; height?: number; r_frame_rate?: string }[];
    format: { duration: string; tags?: Record<string, string> };
  };
}

async function dub(face: string, name: string, extra: string[] = ['--say', LINE], json = true) {
  const out = join(dir, `${name}.mp4`);
  const result = await runCli(['render', '--face', face, '--consent', 'The person shown agreed (test fixture).', ...extra, '--preset', 'source', '-o', out, ...(json ? ['--json'] : [])], { timeoutMs: 600_000 });
  return { out, result };
}

/**
 * Marks an MP4's (first) track as displayed turned 90° (the tkhd display matrix), as a phone stores a portrait clip
 * filmed sideways. The bundled ffmpeg writes no rotation from `-metadata rotate=`, so the matrix is set here.
 */
function markRotated(file: string): void {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(Buffer.from('tkhd'));
  const matrixAt = at + 8 + (bytes[at + 4] === 1 ? 32 : 20) + 16;
  [0, 0x10000, 0, -0x10000, 0, 0, 0, 0, 0x40000000].forEach((v, i) => bytes.writeInt32BE(v, matrixAt + 4 * i));
  writeFileSync(file, bytes);
}

describe.skipIf(!hasSharedMedia)('mouthpiece render --face clip (dubbing)', () => {
  it('dubs GRID with a typed line at the clip’s own rate, ending with the voice, tagged as re-voiced footage', async () => {
    const { out, result } = await dub(GRID, 'grid-say');
    expect(result.code, result.stderr).toBe(0);
    const info = probe(out);
    const video = info.streams.find((s) => s.codec_type === 'video');
    expect(video?.r_frame_rate).toBe('25/1');
    expect(Number(info.format.duration)).toBeLessThan(2.9);
    expect(info.format.tags?.comment).toMatch(/AI-generated.*re-voiced.*mouth re-synthesised/);
    expect(result.stderr).toMatch(/ends with the voice/);
  }, 600_000);

  it('keeps the whole clip with --keep-clip-length, and plays it forward and back under a longer voice', async () => {
    const kept = await dub(GRID, 'grid-kept', ['--say', LINE, '--keep-clip-length']);
    expect(kept.result.code, kept.result.stderr).toBe(0);
    expect(Number(probe(kept.out).format.duration)).toBeCloseTo(3, 0);
    const longer = await dub(GRID, 'grid-longer', ['--audio', media('audio/en_jfk_inaugural.wav')]);
    expect(longer.result.code, longer.result.stderr).toBe(0);
    expect(Number(probe(longer.out).format.duration)).toBeGreaterThan(10.5);
    expect(longer.result.stderr).toMatch(/forward and back/);
  }, 600_000);

  it('dubs a clip without sound, a variable-frame-rate clip and a rotated phone clip', async () => {
    const silent = make('silent.mp4', ['-i', GRID, '-an', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']);
    const silentDub = await dub(silent, 'silent-dub', ['--say', LINE, '--keep-original-audio']);
    expect(silentDub.result.code, silentDub.result.stderr).toBe(0);
    expect(silentDub.result.stderr).toMatch(/no sound of its own/);
    // frame durations alternating 1 and 3 ticks: a variable frame rate
    const vfr = make('vfr.mp4', ['-i', GRID, '-vf', "setpts='N/25/TB+if(mod(N,2),0.02/TB,0)'", '-vsync', 'vfr', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-an']);
    const vfrDub = await dub(vfr, 'vfr-dub');
    expect(vfrDub.result.code, vfrDub.result.stderr).toBe(0);
    // stored sideways with rotation metadata, as phones do: the output is upright (portrait size)
    const sideways = make('sideways.mp4', ['-i', GRID, '-vf', 'transpose=cclock', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-an']);
    markRotated(sideways);
    const rotated = await dub(sideways, 'rotated-dub');
    expect(rotated.result.code, rotated.result.stderr).toBe(0);
    const video = probe(rotated.out).streams.find((s) => s.codec_type === 'video');
    expect((video?.width ?? 0) > (video?.height ?? 0)).toBe(true);
  }, 900_000);

  it('dubs a 4K clip', async () => {
    const uhd = make('uhd.mp4', ['-i', GRID, '-t', '1.6', '-vf', 'scale=3840:-2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']);
    const { out, result } = await dub(uhd, 'uhd-dub', ['--say', 'Bin blue.']);
    expect(result.code, result.stderr).toBe(0);
    expect(probe(out).streams.find((s) => s.codec_type === 'video')?.width).toBe(3840);
  }, 900_000);

  it('stops on Ctrl-C while tracking or while drawing, leaving no output and no temporary files', async () => {
    for (const phase of ['track', 'render']) {
      const tmp = join(dir, `tmp-sigint-${phase}`);
      const outDir = join(dir, `out-sigint-${phase}`);
      mkdirSync(tmp);
      mkdirSync(outDir);
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'mouthpiece.cjs'), 'render', '--face', GRID, '--consent', 'The person shown agreed (test fixture).', '--audio', media('audio/en_jfk_inaugural.wav'), '--preset', 'source', '-o', join(outDir, 'dub.mp4'), '--json'], {
        cwd: ROOT,
        env: { ...process.env, TMPDIR: tmp },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let interrupted = false;
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        const reached = phase === 'track' ? /"phase":"track","ratio":0\.[2-3]/ : /"phase":"render","ratio":0\.[6-9]/;
        if (!interrupted && reached.test(stderr)) {
          interrupted = true;
          child.kill('SIGINT');
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(interrupted, stderr).toBe(true);
      expect(code).toBe(130);
      expect(readdirSync(outDir)).toEqual([]);
      expect(readdirSync(tmp).filter((name) => name.startsWith('mouthpiece-'))).toEqual([]);
    }
  }, 600_000);

  describe('footage that cannot be dubbed: one clear line, exit 2, nothing left', () => {
    async function expectBadFootage(face: string, reason: RegExp) {
      const before = readdirSync(dir).length;
      const { out, result } = await dub(face, `bad-${before}`, ['--say', LINE], false);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(face);
      expect(result.stderr).toMatch(reason);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }

    it('a clip with no face', async () => {
      await expectBadFootage(make('noface.mp4', ['-f', 'lavfi', '-i', 'color=c=0x203080:s=360x288:r=25:d=2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p']), /no face/i);
    }, 300_000);

    it('a clip where the face shows for only a second', async () => {
      const filter = '[0:v]trim=0:1,setpts=PTS-STARTPTS[a];color=c=0x203080:s=360x288:r=25:d=3[b];[a][b]concat=n=2:v=1:a=0[v]';
      await expectBadFootage(make('brief.mp4', ['-i', GRID, '-filter_complex', filter, '-map', '[v]', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']), /visible.*only 1\.\d s/);
    }, 300_000);
  });
});
