/**
 * Measures every task `rounds` times, one round after another, each round in a rotated
 * order so that no task always runs first or last on a machine whose speed drifts.
 * Returns each task's values in round order.
 */
export async function interleaved(names, rounds, measure, { onProgress = () => {} } = {}) {
  const values = new Map(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      values.get(name).push(await measure(name, round));
      onProgress(`${name}: round ${round + 1}/${rounds}`);
    }
  }
  return values;
}
