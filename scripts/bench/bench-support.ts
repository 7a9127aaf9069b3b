import { join, resolve } from 'node:path';

export const MEDIA = resolve(process.env.MOUTHPIECE_MEDIA ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'media'));

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** One section of `npm run bench`; prints its own figures. */
export interface BenchSection {
  name: string;
  run: () => Promise<void>;
  /** Runs only when named (`npm run bench dub-long`): too long for the default run. */
  optIn?: boolean;
}
