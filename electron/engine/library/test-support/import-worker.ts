/*
 * Child process for the crash-safety test: opens a library and imports files one after another, printing one JSON
 * line per step so the parent can SIGKILL it at a chosen moment. Never used by the app.
 *
 *   node --import tsx import-worker.ts '{"libraryDir":"…","files":["…"],"analyzeDelayMs":60000,"pauseAtCopyOf":"…"}'
 */
import path from 'node:path';
import { openLibrary } from '../library.js';
import { createFakeAnalyzer } from './fake-analyzer.js';

interface WorkerInput {
  libraryDir: string;
  files: string[];
  analyzeDelayMs: number;
  /** While copying this file (after its first chunk), block so the parent can kill the process mid-copy. */
  pauseAtCopyOf?: string;
}

function say(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function blockThreadMs(durationMs: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, durationMs);
}

const input = JSON.parse(process.argv[2] ?? '{}') as WorkerInput;
let current = '';
const library = openLibrary({
  libraryDir: input.libraryDir,
  analyzeImage: createFakeAnalyzer({ delayMs: input.analyzeDelayMs, onStart: () => say({ event: 'analysing', file: current }) }),
});
say({ event: 'opened', pid: process.pid });
for (const filePath of input.files) {
  current = path.basename(filePath);
  say({ event: 'importing', file: current });
  const result = await library.importFile(
    { filePath },
    {
      // The first copying tick comes after the first chunk is written, so a file over one chunk is then half copied.
      onProgress: ({ phase }) => {
        if (phase === 'copying' && filePath === input.pauseAtCopyOf) {
          say({ event: 'copying', file: current });
          blockThreadMs(60_000);
        }
      },
    },
  );
  say({ event: 'imported', file: current, kind: result.kind, created: result.created });
}
say({ event: 'done' });
library.close();
