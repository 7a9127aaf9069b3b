/** The value at share `q` (0..1) of the sorted values, the largest for q = 1; 0 when there are none. */
export function percentile(values: Float32Array, q: number): number {
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
