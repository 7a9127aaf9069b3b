/** The value at share `q` (0..1) of the sorted values, the largest for q = 1; 0 when there are none. */
export function percentile(values: Float32Array, q: number): number {
  if (!values.length) return 0;
  return kthSmallest(Float32Array.from(values), Math.min(values.length - 1, Math.floor(q * values.length)));
}

/**
 * The k-th smallest value (0-based), as `values.sort()[k]` gives it, by quickselect: linear time instead of a full
 * sort (the features of a long clip ask for many percentiles of 100 values a second). Reorders `values`.
 */
export function kthSmallest(values: Float32Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    // Median of three as the pivot keeps sorted or constant stretches from going quadratic.
    const mid = (lo + hi) >> 1;
    const pivot = Math.max(Math.min(values[lo], values[mid]), Math.min(Math.max(values[lo], values[mid]), values[hi]));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i++] = values[j];
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}
