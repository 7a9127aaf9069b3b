/**
 * The one place that starts ffmpeg and ffprobe processes. Everything else in the engine speaks in argument
 * lists (ffmpeg-args.ts) and calls these functions, so the process layer can be swapped in one file.
 *
 * fluent-ffmpeg (archived upstream) is confined to this file and used only where it fits: asking a
 * binary what it can encode (`listFfmpegEncoders`). Frame pipes, cancellation and probing are spawned
 * directly (see the note at `runFfprobe`): the engine needs raw stdin/stdout with backpressure, an
 * AbortSignal that kills the process, and JSON from ffprobe, which fluent-ffmpeg does not offer.
 */
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { CancelledError, EngineError, throwIfAborted } from '../errors.js';
import { buildProbeArgs, buildVersionArgs, protectFileArgs } from './ffmpeg-args.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { killProcessGroup, trackChildProcess } from './process-debris.js';

export type FfmpegToolName = 'ffmpeg' | 'ffprobe';

export interface StartFfmpegOptions {
  tools: FfmpegTools;
  args: readonly string[];
  /** Which binary of `tools` to run; ffmpeg unless told. */
  tool?: FfmpegToolName;
  signal?: AbortSignal;
  /** Open a stdin pipe for `writeStdin`; otherwise stdin is closed. */
  withStdin?: boolean;
  /** `stream`: read `process.stdout` yourself (and read it to the end). `lines`: get `onStdoutLine`. */
  stdout?: 'stream' | 'lines' | 'ignore';
  onStdoutLine?: (line: string) => void;
  /** The child writes its stdout into this socket's other end instead (see socket-frame-reader.ts); `stdout` is then ignored. */
  stdoutTo?: Socket;
  onStderrLine?: (line: string) => void;
  /** Kill and fail when the process runs longer than this. */
  timeoutMs?: number;
}

export interface FfmpegProcess {
  /** Raw stdout when started with `stdout: 'stream'`. */
  readonly stdout: Readable;
  /** Writes one chunk and resolves once the OS pipe took all of it, so the caller may reuse the buffer. */
  writeStdin(chunk: Uint8Array): Promise<void>;
  endStdin(): void;
  /** Kills the process; `completion` then rejects with `CancelledError`. */
  stop(): void;
  /** Resolves on exit code 0; rejects with EngineError (FFMPEG_FAILED, DISK_FULL, FFMPEG_MISSING) or CancelledError. */
  readonly completion: Promise<void>;
}

const KILL_GRACE_MS = 2000;
const STDERR_TAIL_LINES = 30;

export function startFfmpeg(options: StartFfmpegOptions): FfmpegProcess {
  throwIfAborted(options.signal);
  const tool = options.tool ?? 'ffmpeg';
  const binaryPath = tool === 'ffmpeg' ? options.tools.ffmpegPath : options.tools.ffprobePath;
  const stdoutMode = options.stdout ?? (options.onStdoutLine ? 'lines' : 'ignore');
  const child = spawn(binaryPath, protectFileArgs(options.args), {
    stdio: [options.withStdin ? 'pipe' : 'ignore', options.stdoutTo ?? (stdoutMode === 'ignore' ? 'ignore' : 'pipe'), 'pipe'],
    windowsHide: true,
    // Its own process group, so a stop reaches whatever it started too (a wrapper script's own ffmpeg or sleep),
    // and a Ctrl-C in the terminal reaches only us: we stop it ourselves, after which its output is removed.
    detached: process.platform !== 'win32',
  });
  trackChildProcess(child);

  // A throwing line callback must not crash the process from inside a stream event: it fails the run instead.
  let callbackError: unknown;
  const guard = (callback: ((line: string) => void) | undefined) => (line: string) => {
    if (!callback || callbackError !== undefined) return;
    try {
      callback(line);
    } catch (error) {
      callbackError = error;
      kill('cancel');
    }
  };
  const onStderrLine = guard(options.onStderrLine);
  const stderrTail: string[] = [];
  if (child.stderr) {
    forEachLine(child.stderr, (line) => {
      if (line.trim() === '') return;
      stderrTail.push(line);
      if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
      onStderrLine(line);
    });
  }
  if (stdoutMode === 'lines' && child.stdout) forEachLine(child.stdout, guard(options.onStdoutLine));
  // EPIPE when ffmpeg exits before reading all input: the exit status tells the real story.
  child.stdin?.on('error', () => {});

  let stopReason: 'cancel' | 'timeout' | null = null;
  let killTimer: NodeJS.Timeout | undefined;
  const kill = (reason: 'cancel' | 'timeout') => {
    if (stopReason === null && child.exitCode === null && child.signalCode === null) {
      stopReason = reason;
      killProcessGroup(child, 'SIGTERM');
      killTimer = setTimeout(() => killProcessGroup(child, 'SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    }
    // Nobody may be reading stdout any more, and a grandchild may hold the pipes open: without this,
    // 'close' would wait for them.
    child.stdout?.destroy();
    child.stderr?.destroy();
    // ffmpeg blocked reading stdin only notices SIGTERM once the pipe closes.
    child.stdin?.destroy();
  };
  const onAbort = () => kill('cancel');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const timeout = options.timeoutMs ? setTimeout(() => kill('timeout'), options.timeoutMs) : undefined;

  const completion = new Promise<void>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(new EngineError('FFMPEG_MISSING', `${tool} could not be started from ${binaryPath}: ${error.code ?? error.message}`, error));
    });
    child.once('close', (code, signal) => {
      clearTimeout(killTimer);
      clearTimeout(timeout);
      options.signal?.removeEventListener('abort', onAbort);
      if (callbackError !== undefined) return reject(callbackError);
      if (stopReason === 'cancel') return reject(new CancelledError());
      if (stopReason === 'timeout') {
        return reject(new EngineError('FFMPEG_FAILED', `${tool} took longer than ${options.timeoutMs} ms and was stopped.`));
      }
      if (code === 0) return resolve();
      reject(describeFailure({ tool, code, signal, stderrTail }));
    });
  });
  completion.catch(() => {}); // callers await it; a rejection nobody awaited yet is not "unhandled"
  // Writes waiting when the process ends are failed from one reaction on `completion`: racing each write against it
  // would leave a reaction behind per write (one per frame) until the process ends.
  const exit = createExitWatch(completion, tool);

  return {
    get stdout(): Readable {
      if (!child.stdout || stdoutMode !== 'stream') throw new Error('startFfmpeg: stdout is only readable with stdout: "stream"');
      return child.stdout;
    },
    writeStdin: (chunk) => writeChunk(child.stdin, chunk, exit, completion, tool),
    endStdin: () => child.stdin?.end(),
    stop: () => kill('cancel'),
    completion,
  };
}

interface ExitWatch {
  /** Calls `onEnd` with why the process ended (now, if it has); returns the call that stops watching. */
  watch(onEnd: (reason: unknown) => void): () => void;
}

function createExitWatch(completion: Promise<void>, tool: string): ExitWatch {
  const watchers = new Set<(reason: unknown) => void>();
  let ended: { reason: unknown } | undefined;
  const end = (reason: unknown) => {
    ended = { reason };
    for (const onEnd of watchers) onEnd(reason);
    watchers.clear();
  };
  completion.then(
    () => end(new EngineError('FFMPEG_FAILED', `${tool} exited before it had read all its input.`)),
    (error: unknown) => end(error),
  );
  return {
    watch(onEnd) {
      if (ended) {
        onEnd(ended.reason);
        return () => {};
      }
      watchers.add(onEnd);
      return () => watchers.delete(onEnd);
    },
  };
}

async function writeChunk(stdin: NodeJS.WritableStream | null, chunk: Uint8Array, exit: ExitWatch, completion: Promise<void>, tool: string): Promise<void> {
  if (!stdin) throw new Error('startFfmpeg: started without stdin');
  let unwatch = () => {};
  try {
    // Whichever comes first: the pipe took the data, or the process ended (failed, cancelled, or quit early).
    await new Promise<void>((resolve, reject) => {
      unwatch = exit.watch(reject);
      stdin.write(chunk, (error) => (error ? reject(error) : resolve()));
    });
  } catch (error) {
    if (error instanceof EngineError || error instanceof CancelledError) throw error;
    await completion; // a write error (EPIPE) means the process ended; its exit status says why
    throw new EngineError('FFMPEG_FAILED', `${tool} stopped reading its input: ${String(error)}`, error);
  } finally {
    unwatch();
  }
}

function describeFailure(input: { tool: string; code: number | null; signal: NodeJS.Signals | null; stderrTail: string[] }): EngineError {
  const how = input.code !== null ? `exit code ${input.code}` : `signal ${input.signal}`;
  const detail = input.stderrTail.slice(-8).join('\n') || '(no error output)';
  const cause: ProcessFailure = { exitCode: input.code, signal: input.signal, stderrTail: [...input.stderrTail] };
  if (input.stderrTail.some((line) => /No space left on device/i.test(line))) {
    return new EngineError('DISK_FULL', `The disk is full: ${input.tool} could not write its output (${how}).\n${detail}`, cause);
  }
  return new EngineError('FFMPEG_FAILED', `${input.tool} failed (${how}):\n${detail}`, cause);
}

/** What a failed process left behind; the `cause` of the EngineError it produced. */
export interface ProcessFailure {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stderrTail: string[];
}

/** The last stderr lines of a failed ffmpeg/ffprobe run, or [] when the error did not come from one. */
export function readStderrTail(error: unknown): string[] {
  if (!(error instanceof EngineError)) return [];
  const cause = error.cause as Partial<ProcessFailure> | undefined;
  return Array.isArray(cause?.stderrTail) ? cause.stderrTail : [];
}

/** Runs a process to the end; returns stdout when asked to collect it. */
export async function runFfmpeg(
  options: Omit<StartFfmpegOptions, 'stdout' | 'withStdin'> & { stdinData?: Uint8Array; collectStdout?: boolean },
): Promise<{ stdout: Buffer }> {
  const proc = startFfmpeg({
    ...options,
    withStdin: options.stdinData !== undefined,
    stdout: options.collectStdout ? 'stream' : options.onStdoutLine ? 'lines' : 'ignore',
  });
  const chunks: Buffer[] = [];
  const reading = options.collectStdout
    ? (async () => {
        for await (const chunk of proc.stdout) chunks.push(chunk as Buffer);
      })()
    : Promise.resolve();
  reading.catch(() => {});
  try {
    if (options.stdinData !== undefined) {
      await proc.writeStdin(options.stdinData);
      proc.endStdin();
    }
    await proc.completion;
    await reading;
  } catch (error) {
    proc.stop();
    // Prefer the process's own verdict (ffmpeg's error text, the caller's cancel) over a stream error it
    // caused — but not the CancelledError our own stop() just produced.
    const verdict = await proc.completion.then(
      () => null,
      (e: unknown) => e,
    );
    if (verdict && !(verdict instanceof CancelledError && !options.signal?.aborted)) throw verdict;
    throw error;
  }
  return { stdout: Buffer.concat(chunks) };
}

/**
 * Runs ffprobe and returns its parsed JSON. fluent-ffmpeg's `ffprobe()` was considered: it parses the
 * default text format itself (which merges side-data keys into the stream object and coerces numbers),
 * and its process cannot be killed or timed out; plain JSON from ffprobe is simpler and complete.
 */
export async function runFfprobe(options: { tools: FfmpegTools; inputPath: string; signal?: AbortSignal; timeoutMs?: number }): Promise<unknown> {
  const { stdout } = await runFfmpeg({
    tools: options.tools,
    tool: 'ffprobe',
    args: buildProbeArgs({ inputPath: options.inputPath }),
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? 30_000,
    collectStdout: true,
  });
  return JSON.parse(stdout.toString('utf8'));
}

/**
 * Runs `<binary> -version` and returns its first line, e.g. "ffmpeg version N-47683-… Copyright (c) 2000-2018 …".
 * Throws a plain Error whose message is a short reason ("not found", "timed out", …) for the resolver's report.
 */
export async function readToolVersion(options: { binaryPath: string; timeoutMs: number }): Promise<string> {
  const tools = { ffmpegPath: options.binaryPath, ffprobePath: options.binaryPath };
  let stdout: Buffer;
  try {
    ({ stdout } = await runFfmpeg({ tools, args: buildVersionArgs(), timeoutMs: options.timeoutMs, collectStdout: true }));
  } catch (error) {
    const cause = error instanceof EngineError ? error.cause : undefined;
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') throw new Error('not found');
    if (code === 'EACCES') throw new Error('not executable (permission denied)');
    if (code) throw new Error(`cannot be started (${code})`);
    throw new Error(error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error));
  }
  const firstLine = stdout.toString('utf8').split('\n')[0]?.trim() ?? '';
  if (!/^ff(mpeg|probe) version /.test(firstLine)) throw new Error(`does not look like ffmpeg/ffprobe (printed "${firstLine.slice(0, 80)}")`);
  return firstLine;
}

function forEachLine(stream: Readable, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (text: string) => {
    const parts = (pending + text).split(/\r\n|\r|\n/);
    pending = parts.pop() ?? '';
    for (const part of parts) onLine(part);
  });
  stream.on('end', () => {
    if (pending !== '') onLine(pending);
    pending = '';
  });
}

/**
 * Proves a binary can make what every export is made of: a fraction of a second of H.264 (yuv420p) and
 * AAC, encoded from generated test sources and thrown away. A real encode rather than a look at
 * `-encoders`, because fluent-ffmpeg caches that list per process, not per binary.
 */
export async function runEncodeSmokeTest(options: { ffmpegPath: string; timeoutMs: number }): Promise<void> {
  // Loaded here, not at the top: commands that only decode (speech) never load fluent-ffmpeg.
  const { default: fluentFfmpeg } = await import('fluent-ffmpeg');
  return new Promise((resolve, reject) => {
    const command = fluentFfmpeg({ timeout: Math.max(1, Math.ceil(options.timeoutMs / 1000)) })
      .setFfmpegPath(options.ffmpegPath)
      .input('color=c=black:s=64x64:r=25:d=0.2')
      .inputOptions(['-f', 'lavfi'])
      .input('anullsrc=r=48000:cl=mono')
      .inputOptions(['-f', 'lavfi', '-t', '0.2'])
      .outputOptions(['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-f', 'null'])
      .output('-');
    command.on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
      const reason = (stderr ?? '').trim().split('\n').filter(Boolean).at(-1) ?? error.message;
      reject(new Error(`cannot encode H.264/AAC (${reason})`));
    });
    command.on('end', () => resolve());
    command.run();
  });
}
