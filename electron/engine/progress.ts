/** Progress of a long operation, as every engine `run()` reports it. */
export interface Progress {
  phase: string;
  /** 0..1 within the whole operation. */
  ratio: number;
  etaMs?: number;
}

/** The second argument of every long engine operation. */
export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

/** Estimates time left from the elapsed time and the ratio done; undefined until there is something to go on. */
export function estimateEtaMs(startedAtMs: number, ratio: number, nowMs = Date.now()): number | undefined {
  if (!(ratio > 0.01) || ratio >= 1) return ratio >= 1 ? 0 : undefined;
  const elapsed = nowMs - startedAtMs;
  return Math.max(0, Math.round((elapsed / ratio) * (1 - ratio)));
}
