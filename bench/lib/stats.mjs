/** The middle value of a list of numbers (the mean of the two middle values for an even count). */
export function median(values) {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Median, minimum and maximum of repeated measurements.
 *
 * @example
 * summarize([3, 1, 2]); // { median: 2, min: 1, max: 3, runs: 3 }
 */
export function summarize(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/**
 * Per-round ratios of `values` to `baseline` (the same round of both), summarized. Pairing
 * rounds cancels the drift of a shared, noisy machine better than a ratio of medians.
 */
export function pairedRatio(values, baseline) {
  return summarize(values.map((value, round) => value / baseline[round]));
}
