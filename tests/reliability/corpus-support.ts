/**
 * The bad-input and fault corpus of the CLI: each case runs the real `mouthpiece` (bin → dist bundle) in a folder of
 * its own, with its own TMPDIR, and checks the promise every failure keeps:
 *   - the exit code of the policy (0 / 1 / 2 / 129 / 130 / 143),
 *   - exactly one line on stderr that names the file and says the problem in a creator's words: no stack, no
 *     temporary path, no ffmpeg jargon,
 *   - no output, partial or temporary file left (the output folder and TMPDIR are checked),
 *   - every input byte-identical afterwards (SHA-256 before and after).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { media, ROOT } from '../helpers/run-cli.js';

export { media, ROOT };

/** Where a case runs: `dir` is its working folder (the CLI's cwd), `out` its output folder, `tmp` its TMPDIR. */
export interface CaseWorkspace {
  dir: string;
  out: string;
  tmp: string;
  /** A path inside `dir`. */
  at(name: string): string;
}

export interface CorpusCase {
  /** Short name, also the row of docs/reliability.md. */
  name: string;
  /** What the user is promised, in words (the docs table's "promise" column). */
  promise: string;
  setup?: (w: CaseWorkspace) => void | Promise<void>;
  args: (w: CaseWorkspace) => string[];
  env?: (w: CaseWorkspace) => NodeJS.ProcessEnv;
  code: number;
  /** The one stderr line must match (ignored when `code` is 0). */
  line?: RegExp;
  /** Output files that must exist afterwards (relative to `out`); anything else there fails the case. */
  outputs?: string[];
  /** Words the line may contain although they are on the jargon list (e.g. "ffprobe" in MOUTHPIECE_FFPROBE). */
  allowJargon?: RegExp;
  /** Runs the CLI itself (signals, wrappers); default `runCorpusCli`. */
  run?: (w: CaseWorkspace, args: string[], env: NodeJS.ProcessEnv) => Promise<CliOutcome>;
  /** Lines on stderr (default 1; a batch lists each failed row before its summary); the last is checked. */
  stderrLines?: number;
  /** Extra checks after the common ones. */
  after?: (w: CaseWorkspace, outcome: CliOutcome) => void | Promise<void>;
  timeoutMs?: number;
}

export interface CliOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const BIN = path.join(ROOT, 'bin', 'mouthpiece.cjs');
export const FFMPEG = path.join(ROOT, 'node_modules', '@ffmpeg-installer', 'linux-x64', 'ffmpeg');
/** Words a creator should never have to read. */
const JARGON = /image2|pipe:|demuxer|muxer|codec|stream #|invalid data found|moov atom|lavfi|avformat|swscaler|ffprobe|partial-\d|\bat .*\.(m?js|ts):\d+/i;

const root = mkdtempSync(path.join(tmpdir(), 'mouthpiece-corpus-'));

export function removeCorpusRoot(): void {
  rmSync(root, { recursive: true, force: true });
}

export function createWorkspace(name: string): CaseWorkspace {
  const dir = mkdtempSync(path.join(root, `${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}-`));
  const out = path.join(dir, 'out');
  const tmp = path.join(dir, 'tmp');
  mkdirSync(out);
  mkdirSync(tmp);
  return { dir, out, tmp, at: (file) => path.join(dir, file) };
}

/**
 * Renders in the corpus carry a consent attestation (issue 18), so that each case reaches the fault it is about;
 * the refusal of a face without one is tested in tests/cli/render.int.test.ts.
 */
export function withConsent(args: string[]): string[] {
  return args[0] === 'render' && !args.includes('--consent') ? ['render', '--consent', 'The person shown agreed (test fixture).', ...args.slice(1)] : args;
}

/** Starts the CLI in the case's folder with its own TMPDIR. */
export function startCorpusCli(w: CaseWorkspace, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...withConsent(args)], { cwd: w.dir, env: { ...process.env, TMPDIR: w.tmp, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function collectOutcome(child: ChildProcess, timeoutMs = 110_000): Promise<CliOutcome> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export function runCorpusCli(w: CaseWorkspace, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliOutcome> {
  return collectOutcome(startCorpusCli(w, args, env));
}

/** Runs one case and asserts the promise. */
export async function checkCase(c: CorpusCase): Promise<void> {
  const w = createWorkspace(c.name);
  try {
    await c.setup?.(w);
    const args = c.args(w);
    const before = hashInputs(w, args);
    const env = c.env?.(w) ?? {};
    const outcome = await (c.run ?? runCorpusCli)(w, args, env);
    const context = `${c.name}\nstderr: ${outcome.stderr}\nstdout: ${outcome.stdout.slice(0, 400)}`;
    expect(outcome.code, context).toBe(c.code);
    if (c.code !== 0) {
      // JSON lines are progress a case asked for with --json (to know when the work began); the rest is for people.
      const lines = outcome.stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('{'));
      expect(lines, context).toHaveLength(c.stderrLines ?? 1);
      const line = lines.at(-1) ?? '';
      expect(line, context).toMatch(/^mouthpiece: /);
      if (c.line) expect(line, context).toMatch(c.line);
      expect(line.includes(w.tmp) || /mouthpiece-(render|preview|bridge)-/.test(line), `${context}\n(a temporary path)`).toBe(false);
      const jargon = JARGON.exec(c.allowJargon ? line.replace(c.allowJargon, '') : line);
      expect(jargon?.[0] ?? null, `${context}\n(jargon)`).toBeNull();
    }
    expect(listFiles(w.out).sort(), `${context}\n(output folder)`).toEqual([...(c.outputs ?? [])].sort());
    expect(listFiles(w.tmp), `${context}\n(TMPDIR)`).toEqual([]);
    expect(listFiles(w.dir).filter((f) => /\.partial-\d+-\d+/.test(f)), `${context}\n(partial files)`).toEqual([]);
    expect(rehash(Object.keys(before)), `${context}\n(inputs changed)`).toEqual(before);
    await c.after?.(w, outcome);
  } finally {
    rmSync(w.dir, { recursive: true, force: true });
  }
}

/** Every file of the case folder (outside out/ and tmp/) and every file named on the command line, with its hash. */
function hashInputs(w: CaseWorkspace, args: string[]): Record<string, string> {
  const files = new Set(
    listFiles(w.dir)
      .filter((f) => !f.startsWith('out/') && !f.startsWith('tmp/'))
      .map((f) => path.join(w.dir, f)),
  );
  for (const arg of args) {
    const value = arg.includes('=') && arg.startsWith('--') ? arg.slice(arg.indexOf('=') + 1) : arg;
    const file = path.resolve(w.dir, value);
    if (!file.startsWith(`${w.out}${path.sep}`) && existsSync(file) && lstatSync(file).isFile()) files.add(file);
  }
  return rehash([...files].sort());
}

function rehash(files: string[]): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const file of files) {
    const info = lstatSync(file, { throwIfNoEntry: false });
    hashes[file] = !info ? 'missing' : info.isFile() ? createHash('sha256').update(readFileSync(file)).digest('hex') : info.isSymbolicLink() ? 'link' : 'other';
  }
  return hashes;
}

/** Files (and empty folders, with a trailing /) under `dir`, relative to it. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (folder: string, prefix: string) => {
    const entries = readdirSync(folder, { withFileTypes: true });
    if (entries.length === 0 && prefix) found.push(prefix);
    for (const entry of entries) {
      const rel = `${prefix}${entry.name}`;
      if (entry.isDirectory()) walk(path.join(folder, entry.name), `${rel}/`);
      else found.push(rel);
    }
  };
  walk(dir, '');
  return found;
}

/** Runs the bundled ffmpeg to make a test input (quietly, overwriting). */
export function makeWithFfmpeg(args: string[]): void {
  execFileSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: 'ignore' });
}

/** Shared, read-only fixtures made once per test file: a short voice and a small portrait. */
export const FACE = media('images/portrait_chris_pratt_ccby2.jpg');
export const VOICE = media('audio/en_ljspeech_LJ001-0001.wav');
let shortVoice: string | undefined;
/** 1.2 s of real speech (a cut of VOICE), for the few cases that render to the end. */
export function shortVoicePath(): string {
  if (!shortVoice) {
    const dir = path.join(root, 'fixtures');
    mkdirSync(dir, { recursive: true });
    shortVoice = path.join(dir, 'short-voice.wav');
    makeWithFfmpeg(['-i', VOICE, '-t', '1.2', shortVoice]);
  }
  return shortVoice;
}

/** Whether this process may mount file systems (root in a container); the disk cases are skipped otherwise. */
export function tryMount(target: string, options: string): boolean {
  try {
    mkdirSync(target, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', target], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function unmount(target: string): void {
  try {
    execFileSync('umount', [target], { stdio: 'ignore' });
  } catch {
    // not mounted
  }
}

/** The corpus as rows for docs/reliability.md (category, case, promise, expected exit). */
export function describeRows(category: string, cases: CorpusCase[]): string[] {
  return cases.map((c) => `| ${category} | ${c.name} | ${c.promise} | ${c.code} |`);
}
