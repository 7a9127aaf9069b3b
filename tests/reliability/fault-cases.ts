import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { collectOutcome, FACE, listFiles, ROOT, shortVoicePath, startCorpusCli, tryMount, unmount, VOICE, withConsent, type CaseWorkspace, type CliOutcome, type CorpusCase } from './corpus-support.js';

/** A render long enough (9.7 s of speech, square) to be stopped in the middle. */
const longRender = () => ['render', '--face', FACE, '--audio', VOICE, '--preset', 'square', '-o', 'out/v.mp4'];

/**
 * Waits until the render encodes (its JSON progress reached the render phase, and the hidden partial file is in
 * `out`), or `limitMs`. `readStderr` gives what the CLI printed so far.
 */
async function waitForEncoding(w: CaseWorkspace, readStderr: () => string, limitMs = 120_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if (readStderr().includes('"phase":"render"') && readdirSync(w.out).some((name) => name.includes('.partial-'))) return;
    await sleep(50);
  }
  throw new Error('the render never started encoding');
}

/** Resolves at the CLI's first JSON progress line: it is running (not still loading, which a busy machine makes slow). */
function firstProgress(child: ReturnType<typeof startCorpusCli>): Promise<void> {
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      if (chunk.toString().includes('"type":"progress"')) {
        child.stderr?.off('data', onData);
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.once('close', () => resolve());
  });
}

/**
 * Starts the CLI (with --json progress), sends `signals` (with the gaps between them) `when` ms after its first
 * progress line, or once it encodes, and returns its outcome.
 */
function stopWith(when: number | 'encoding', signals: NodeJS.Signals[], gapMs = 10) {
  return async (w: CaseWorkspace, args: string[], env: NodeJS.ProcessEnv): Promise<CliOutcome> => {
    const child = startCorpusCli(w, [...args, '--json'], env);
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    const outcome = collectOutcome(child, 150_000);
    if (when === 'encoding') await waitForEncoding(w, () => stderr);
    else {
      await firstProgress(child);
      await sleep(when);
    }
    const stoppedAt = Date.now();
    for (const [i, signal] of signals.entries()) {
      if (i > 0) await sleep(gapMs);
      child.kill(signal);
    }
    const result = await outcome;
    return { ...result, stdout: `${result.stdout}\n(ended ${Date.now() - stoppedAt} ms after the first signal)` };
  };
}

/** The processes working in `dir` (the CLI and its ffmpeg run in the case folder) or naming `text`. */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    if (Number(pid) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if (cmdline.includes(text) || cwd === text) found.push(`${pid}: ${cmdline}`);
    } catch {
      // ended meanwhile, or not ours to look at
    }
  }
  return found;
}

/**
 * Only the wrapper is killed (as when `npx mouthpiece` is killed): a Node wrapper starts the CLI, the test kills the
 * wrapper with SIGKILL once the render encodes, then waits for the CLI and its ffmpeg to be gone. The CLI's stderr
 * went to a file; its exit code cannot be seen (its parent is dead), so it is read from the line it printed.
 */
async function killOnlyTheWrapper(w: CaseWorkspace, args: string[], env: NodeJS.ProcessEnv): Promise<CliOutcome> {
  const errFile = path.join(w.dir, 'cli-stderr.log');
  const script = `const { spawn } = require('node:child_process'); const fs = require('node:fs');
const err = fs.openSync(${JSON.stringify(errFile)}, 'w');
spawn(process.execPath, ${JSON.stringify([path.join(ROOT, 'bin', 'mouthpiece.cjs'), ...withConsent(args), '--json'])}, { stdio: ['ignore', 'ignore', err] });
setInterval(() => {}, 1000);`;
  const wrapper = spawn(process.execPath, ['-e', script], { cwd: w.dir, env: { ...process.env, TMPDIR: w.tmp, ...env }, stdio: 'ignore' });
  try {
    await waitForEncoding(w, () => (existsSync(errFile) ? readFileSync(errFile, 'utf8') : ''));
  } finally {
    // Also when the render never reaches encoding: a wrapper left running would outlive the test.
    wrapper.kill('SIGKILL');
  }
  const started = Date.now();
  while (processesMentioning(w.dir).length > 0) {
    if (Date.now() - started > 20_000) throw new Error(`still running after the wrapper died: ${processesMentioning(w.dir).join(' | ')}`);
    await sleep(100);
  }
  const stderr = readFileSync(errFile, 'utf8');
  rmSync(errFile);
  return { code: /stopped \(the program that started it ended\)/.test(stderr) ? 129 : -1, signal: null, stdout: '', stderr };
}

const noProcessLeft = (w: CaseWorkspace) => expect(processesMentioning(w.dir)).toEqual([]);

export const SIGNAL_CASES: CorpusCase[] = [
  { name: 'Ctrl-C (SIGINT) as the work begins', promise: 'exit 130, nothing left', args: longRender, run: stopWith(0, ['SIGINT']), code: 130, line: /stopped \(Ctrl-C\); unfinished files removed/, after: noProcessLeft },
  { name: 'SIGTERM 0.3 s into the work', promise: 'exit 143, nothing left', args: longRender, run: stopWith(300, ['SIGTERM']), code: 143, line: /stopped \(SIGTERM\)/, after: noProcessLeft },
  { name: 'SIGHUP (terminal closed) 1.5 s into the work', promise: 'exit 129, nothing left', args: longRender, run: stopWith(1500, ['SIGHUP']), code: 129, line: /stopped \(SIGHUP\)/, after: noProcessLeft },
  { name: 'SIGTERM while encoding', promise: 'exit 143; partial file and ffmpeg gone', args: longRender, run: stopWith('encoding', ['SIGTERM']), code: 143, line: /stopped \(SIGTERM\)/, after: noProcessLeft },
  { name: 'double Ctrl-C 10 ms apart while encoding', promise: 'exit 130; the second Ctrl-C does not skip the clean-up', args: longRender, run: stopWith('encoding', ['SIGINT', 'SIGINT']), code: 130, line: /stopped \(Ctrl-C\)/, after: noProcessLeft },
  { name: 'SIGINT then SIGTERM while encoding', promise: 'exit 130 (the first stop counts); nothing left', args: longRender, run: stopWith('encoding', ['SIGINT', 'SIGTERM'], 5), code: 130, line: /stopped \(Ctrl-C\)/, after: noProcessLeft },
  { name: 'only the npx-style wrapper killed (kill -9) while encoding', promise: 'the CLI notices its parent is gone, stops ffmpeg and removes its files', args: longRender, run: killOnlyTheWrapper, code: 129, line: /stopped \(the program that started it ended\)/, after: noProcessLeft },
];

/** A fake tool in the case folder: a shell script with this body. */
const fakeTool = (name: string, body: string, mode = 0o755) => (w: CaseWorkspace) => {
  writeFileSync(w.at(name), `#!/bin/sh\n${body}\n`);
  chmodSync(w.at(name), mode);
};
const ffmpegCase = (name: string, setup: ((w: CaseWorkspace) => void) | undefined, value: (w: CaseWorkspace) => string, line: RegExp, variable = 'MOUTHPIECE_FFMPEG'): CorpusCase => ({
  name,
  promise: `refused in one line naming ${variable}`,
  setup,
  args: () => ['analyze', FACE],
  env: (w) => ({ [variable]: value(w) }),
  code: 2,
  line: new RegExp(`${variable}=.*${line.source}`),
  allowJargon: /MOUTHPIECE_FFPROBE=\S*|working ffprobe/g,
  after: noProcessLeft,
  timeoutMs: 60_000,
});

export const FFMPEG_CASES: CorpusCase[] = [
  ffmpegCase('MOUTHPIECE_FFMPEG names a missing file', undefined, (w) => w.at('no-ffmpeg'), /no such file/),
  ffmpegCase('MOUTHPIECE_FFMPEG names a folder', (w) => mkdirSync(w.at('bin')), (w) => w.at('bin'), /is not a file/),
  ffmpegCase('MOUTHPIECE_FFMPEG not executable', fakeTool('ffmpeg', 'exit 0', 0o644), (w) => w.at('ffmpeg'), /is not executable/),
  ffmpegCase('MOUTHPIECE_FFMPEG is another program', fakeTool('ffmpeg', 'echo "hello from a shell script"'), (w) => w.at('ffmpeg'), /is not ffmpeg/),
  {
    ...ffmpegCase('MOUTHPIECE_FFMPEG hangs', fakeTool('ffmpeg', 'exec sleep 61.4242'), (w) => w.at('ffmpeg'), /did not answer within \d+ s \(it hangs\)/),
    after: () => expect(processesMentioning('61.4242')).toEqual([]),
  },
  ffmpegCase('MOUTHPIECE_FFMPEG crashes', fakeTool('ffmpeg', 'kill -SEGV $$'), (w) => w.at('ffmpeg'), /cannot be run/),
  ffmpegCase('MOUTHPIECE_FFPROBE is ffmpeg\'s sibling script that fails', fakeTool('ffprobe', 'echo broken >&2; exit 3'), (w) => w.at('ffprobe'), /cannot be run/, 'MOUTHPIECE_FFPROBE'),
];

/** A copy of the generated models the case may damage (the real ones are never touched). */
const copyModels = (damage: (dir: string) => void) => (w: CaseWorkspace) => {
  const dir = w.at('models');
  cpSync(path.join(ROOT, 'native-models', 'generated'), dir, { recursive: true });
  damage(dir);
};
const modelCase = (name: string, damage: (dir: string) => void, line: RegExp): CorpusCase => ({
  name,
  promise: 'stops in one line (exit 1: the installation, not the input) and loads nothing unverified',
  setup: copyModels(damage),
  args: () => ['analyze', FACE],
  env: (w) => ({ MOUTHPIECE_MODELS_DIR: w.at('models') }),
  code: 1,
  line,
});

export const MODEL_CASES: CorpusCase[] = [
  modelCase(
    'face detector model with one byte changed',
    (dir) => {
      const file = path.join(dir, 'blazeface.onnx');
      const bytes = readFileSync(file);
      bytes[bytes.length >> 1] ^= 0xff;
      writeFileSync(file, bytes);
    },
    /blazeface\.onnx does not match its recorded SHA-256/,
  ),
  modelCase('landmark model cut in half', (dir) => truncateSync(path.join(dir, 'facemesh.onnx'), 1_500_000), /facemesh\.onnx does not match/),
  modelCase('landmark model missing', (dir) => rmSync(path.join(dir, 'facemesh.onnx')), /facemesh\.onnx is missing/),
  modelCase('face detector model empty', (dir) => writeFileSync(path.join(dir, 'blazeface.onnx'), ''), /blazeface\.onnx (does not match|is missing|is empty)/),
  {
    name: 'models folder that does not exist',
    promise: 'stops in one line (exit 1)',
    args: () => ['analyze', FACE],
    env: (w) => ({ MOUTHPIECE_MODELS_DIR: w.at('no-models') }),
    code: 1,
    line: /is missing/,
  },
];

/** Disk faults need a small or read-only file system: tmpfs mounts, where this process may mount (root). */
export function diskCases(mountRoot: string, options: { mount?: boolean } = {}): { cases: CorpusCase[]; cleanup: () => void; mounted: boolean } {
  const full = path.join(mountRoot, 'full');
  const tinyTmp = path.join(mountRoot, 'tiny-tmp');
  const readOnly = path.join(mountRoot, 'read-only');
  const mounted = (options.mount ?? true) && tryMount(full, 'size=64k') && tryMount(tinyTmp, 'size=64k') && tryMount(readOnly, 'ro,size=64k');
  const fill = (dir: string) => {
    // Leave almost no room: the cases then fail when writing, not when creating a folder.
    try {
      writeFileSync(path.join(dir, 'filler'), Buffer.alloc(60 * 1024));
    } catch {
      // full already
    }
  };
  const cases: CorpusCase[] = [
    {
      name: 'say onto a full disk',
      promise: 'exit 1 "the disk is full", no partial file left on that disk',
      setup: () => fill(full),
      args: () => ['say', 'A sentence long enough to need more room than is left on this little disk. '.repeat(4), '-o', path.join(full, 'voice.wav')],
      code: 1,
      line: /disk is full/i,
      after: () => expect(readdirSync(full).sort()).toEqual(['filler']),
    },
    {
      name: 'render with TMPDIR on a full disk',
      promise: 'exit 1 "the disk is full", no temporary path named, temporary folder removed',
      setup: () => fill(tinyTmp),
      args: () => ['render', '--face', FACE, '--say', 'Room for this sentence is what the temporary folder lacks. '.repeat(6), '-o', 'out/v.mp4'],
      env: () => ({ TMPDIR: tinyTmp }),
      code: 1,
      line: /disk is full/i,
      after: () => expect(readdirSync(tinyTmp).sort()).toEqual(['filler']),
    },
    {
      name: 'render into a read-only disk',
      promise: 'refused before rendering: the folder is read-only',
      args: () => ['render', '--face', FACE, '--audio', shortVoicePath(), '-o', path.join(readOnly, 'v.mp4')],
      code: 2,
      line: /read-only disk/,
      after: () => expect(listFiles(readOnly)).toEqual([]),
    },
    {
      name: 'say into a read-only disk',
      promise: 'refused in one line: read-only',
      args: () => ['say', 'hello', '-o', path.join(readOnly, 'v.wav')],
      code: 2,
      line: /read-only/,
    },
  ];
  return {
    cases,
    mounted,
    cleanup: () => {
      for (const dir of [full, tinyTmp, readOnly]) unmount(dir);
      rmSync(mountRoot, { recursive: true, force: true });
    },
  };
}

/** Two batches with different manifests naming the same output in one folder, started together. */
export function batchRaceCase(): CorpusCase {
  return {
    name: 'two batches, one output name, at the same time',
    promise: 'one video made; the other batch reports that row failed (exit 1) and replaces nothing',
    setup: (w) => {
      copyFileSync(shortVoicePath(), w.at('voice.wav'));
      for (const which of ['a', 'b']) {
        mkdirSync(w.at(which));
        writeFileSync(w.at(`${which}/rows.csv`), `face,audio,preset,name,consent\n${FACE},${w.at('voice.wav')},square,same,She agreed on 1 May.\n`);
      }
    },
    args: () => ['batch', 'a/rows.csv', '-o', 'out', '--parallel', '1'],
    run: async (w, _args, env) => {
      // One library, as one user running two manifests has.
      const runs = ['a', 'b'].map((which) => collectOutcome(startCorpusCli(w, ['batch', `${which}/rows.csv`, '-o', 'out', '--parallel', '1'], { MOUTHPIECE_LIBRARY: w.at('library'), ...env }), 170_000));
      const outcomes = await Promise.all(runs);
      expect(outcomes.filter((o) => o.code === 0), JSON.stringify(outcomes)).toHaveLength(1);
      rmSync(w.at('library'), { recursive: true, force: true });
      return outcomes.find((o) => o.code !== 0)!;
    },
    code: 1,
    stderrLines: 2,
    line: /1 of 1 videos failed: .*already exists/,
    outputs: ['same.mp4'],
    after: (w) => expect(existsSync(path.join(w.out, 'same.mp4'))).toBe(true),
    timeoutMs: 200_000,
  };
}
