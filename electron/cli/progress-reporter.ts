import type { Progress } from '../engine/progress.js';

/**
 * Progress on stderr: JSON lines with --json (for machines), a redrawn bar on a terminal, nothing
 * when stderr is a plain pipe and --json is off (so logs stay clean).
 */
export function createProgressReporter({ json, stream = process.stderr }: { json: boolean; stream?: NodeJS.WriteStream }) {
  let lastLine = '';
  return {
    report(progress: Progress): void {
      if (json) {
        stream.write(`${JSON.stringify({ type: 'progress', ...progress, ratio: Math.round(progress.ratio * 1000) / 1000 })}\n`);
        return;
      }
      if (!stream.isTTY) return;
      const width = 28;
      const filled = Math.round(Math.min(1, Math.max(0, progress.ratio)) * width);
      const eta = progress.etaMs !== undefined ? ` ETA ${Math.ceil(progress.etaMs / 1000)}s` : '';
      const line = `${progress.phase.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(progress.ratio * 100)}%${eta}`;
      if (line !== lastLine) stream.write(`\r${line}\x1b[K`);
      lastLine = line;
    },
    done(): void {
      if (!json && stream.isTTY && lastLine) stream.write('\r\x1b[K');
      lastLine = '';
    },
  };
}
