/**
 * Measures every task `rounds` times, one round after another, each round in a rotated
 * order so that no task always runs first or last on a machine whose speed drifts.
 * Returns each task's values in round order.
 * @template T
 * @param {string[]} names
 * @param {number} rounds
 * @param {(name: string, round: number) => Promise<T>} measure
 * @param {{ onProgress?: (message: string) => void }} [options]
 * @returns {Promise<Map<string, T[]>>}
 */
export async function interleaved(names, rounds, measure, { onProgress = () => {} } = {}) {
  /** @type {Map<string, T[]>} */
  const values = new Map(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    const shift = round % names.length;
    for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
      values.get(name)?.push(await measure(name, round));
      onProgress(`${name}: round ${round + 1}/${rounds}`);
    }
  }
  return values;
}
