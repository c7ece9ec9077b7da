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
    for (const name of rotation(names, round)) {
      values.get(name)?.push(await measure(name, round));
      onProgress(`${name}: round ${round + 1}/${rounds}`);
    }
  }
  return values;
}

/**
 * `names` in the order round `round` takes them: each round starts one further along, so that no
 * task always runs first or last.
 * @template T
 * @param {readonly T[]} names
 * @param {number} round
 * @returns {T[]}
 * @example
 * rotation(["a", "b", "c"], 1); // ["b", "c", "a"]
 */
export function rotation(names, round) {
  const shift = round % names.length;
  return [...names.slice(shift), ...names.slice(0, shift)];
}
