import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegTools } from '../../electron/engine/media/index.js';
import { ROOT } from '../helpers/shared-media.js';

/*
 * What a newcomer does: clone the repository (the commit checked out here, HEAD) into a folder with no ../shared
 * beside it, `npm ci`, run the README's first command, then `npm run check`. Takes minutes and a lot of CPU.
 * Inside that clone this test does not run again (MOUTHPIECE_IN_CLONE_TEST), or it would recurse.
 */
const IN_CLONE = process.env.MOUTHPIECE_IN_CLONE_TEST === '1';
const SKIP_LINE_START = 'Tests that need the shared media corpus were skipped';
const MINUTES = 60_000;

let work: string;
let clone: string;

/** The environment a newcomer has: none of our overrides, none of the outer test runner's variables. */
function newcomerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(MOUTHPIECE_|VITEST|__VITEST|TINYPOOL|NODE_ENV$|NODE_OPTIONS$|npm_)/.test(key)) continue;
    env[key] = value;
  }
  // `npm run` put this checkout's node_modules/.bin on PATH; the clone must use its own.
  const path = (env.PATH ?? '').split(delimiter).filter((dir) => !dir.startsWith(ROOT));
  return {
    ...env,
    PATH: path.join(delimiter),
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    ONNXRUNTIME_NODE_INSTALL: 'skip',
    MOUTHPIECE_IN_CLONE_TEST: '1',
    // The app's default library would be the user's own; the clone's runs keep theirs inside the temp folder.
    MOUTHPIECE_LIBRARY: join(work, 'library'),
    TMPDIR: join(work, 'tmp'),
  };
}

/** Process groups still running (npm's scripts, compilers, the nested test run), ended on timeout and at the end. */
const running = new Set<number>();
const killGroup = (pid: number) => {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
};

/** Runs a command in the clone in its own process group, so a timeout ends everything it started. */
function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: clone, env: newcomerEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const pid = child.pid!;
    running.add(pid);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => killGroup(pid), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      killGroup(pid);
      running.delete(pid);
      resolve({ code, output });
    });
  });
}

describe.skipIf(IN_CLONE)('a fresh clone with no ../shared beside it', () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'mouthpiece-fresh-clone-'));
    clone = join(work, 'mouthpiece');
    mkdirSync(join(work, 'tmp'));
    const head = execFileSync('git', ['-C', ROOT, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone]);
    execFileSync('git', ['-C', clone, 'checkout', '--quiet', '--detach', head]);
  });
  afterAll(() => {
    for (const pid of running) killGroup(pid);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it(
    'installs with npm ci, makes the README’s first video, and passes npm run check saying once what it skipped',
    async () => {
      expect(existsSync(join(work, 'shared'))).toBe(false);
      const readme = readFileSync(join(clone, 'README.md'), 'utf8');
      const firstCommand = /```sh\n(.+)\n/.exec(readme)?.[1] ?? '';
      const [install, ...rest] = firstCommand.split(' && ');
      expect(install).toBe('npm ci');
      const renderCommand = rest.join(' && ');
      expect(renderCommand).toMatch(/^npx mouthpiece render /);
      expect(renderCommand).not.toMatch(/\.\.\/|\/work\//);

      const installed = await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], 40 * MINUTES);
      expect(installed.code, installed.output.slice(-4000)).toBe(0);

      const rendered = await run('sh', ['-c', renderCommand], 15 * MINUTES);
      expect(rendered.code, rendered.output.slice(-4000)).toBe(0);
      expect(rendered.output).toMatch(/rendering the bundled sample face/);
      const said = /--say "([^"]+)"/.exec(renderCommand)?.[1] ?? '';
      const voice = await run('npx', ['mouthpiece', 'say', said, '-o', join(work, 'voice.wav'), '--json'], 5 * MINUTES);
      expect(voice.code, voice.output.slice(-2000)).toBe(0);

      const { ffprobePath } = await resolveFfmpegTools();
      const probe = (file: string) =>
        JSON.parse(execFileSync(ffprobePath, ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', file], { encoding: 'utf8' })) as {
          streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
          format: { duration: string };
        };
      const out = /-o (\S+)/.exec(renderCommand)?.[1] ?? '';
      const video = probe(join(clone, out));
      expect(video.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 1080, height: 1920 });
      expect(video.streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
      const voiceSec = Number(probe(join(work, 'voice.wav')).format.duration);
      expect(voiceSec).toBeGreaterThan(1);
      expect(Math.abs(Number(video.format.duration) - voiceSec)).toBeLessThan(0.5);

      const check = await run('npm', ['run', 'check'], 90 * MINUTES);
      expect(check.code, check.output.slice(-6000)).toBe(0);
      const skipLines = check.output.split('\n').filter((line) => line.startsWith(SKIP_LINE_START));
      expect(skipLines).toEqual([expect.stringContaining(join(work, 'shared', 'media'))]);
      console.log(`fresh clone: ${skipLines[0]}`);
    },
    160 * MINUTES,
  );
});
