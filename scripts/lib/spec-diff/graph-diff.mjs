// A structural diff of two object graphs, in microdiff's shape (`{ type, path, value, oldValue }`),
// for dereferenced specs: their schemas are shared by every place that uses them, and recursive
// ones (Node.children: Node[], Folder → File → Folder) are cycles. microdiff cuts a cycle only
// on the old side and then compares the two cycle points as values, which are different objects:
// an unchanged recursive schema came out as a change, and a shared schema was compared again
// along every path that reaches it (hundreds of thousands of them in a big spec).
//
// Here each pair of objects (old, new) is compared once per scope (a scope is the whole
// document, or the subtree that `startsScope` marks, such as one operation's response schema):
// coming back to a pair already compared in the scope, the cycle or shared branch is cut, and a
// change in it is reported once, at the first path that reached it. A pair found equal is
// equal everywhere, so an unchanged spec is compared in time linear in its size; a pair that
// differs is compared again in each scope that reaches it, so that each use reports its change.

/**
 * @typedef {{ type: "CREATE", path: Array<string|number>, value: unknown }
 *   | { type: "REMOVE", path: Array<string|number>, oldValue: unknown }
 *   | { type: "CHANGE", path: Array<string|number>, value: unknown, oldValue: unknown }} Difference
 */

/**
 * What comparing a pair tells the pair that reached it: whether a difference is reachable from
 * it, and the number (in the order pairs were first compared) of the earliest unsettled pair it
 * came back to, whose outcome its own waits for (Infinity for none). Tarjan's strongly connected
 * components: the pairs of a cycle are settled together, when its first pair is.
 * @typedef {{ differs: boolean, low: number }} Outcome
 */

/** A map keyed on a pair of objects. */
class PairMap {
  /** @type {Map<object, Map<object, any>>} */
  #map = new Map();

  get(a, b) {
    return this.#map.get(a)?.get(b);
  }

  has(a, b) {
    return this.#map.get(a)?.has(b) ?? false;
  }

  set(a, b, value) {
    let inner = this.#map.get(a);
    if (!inner) this.#map.set(a, (inner = new Map()));
    inner.set(b, value);
  }

  delete(a, b) {
    this.#map.get(a)?.delete(b);
  }
}

/** The outcome of a pair with nothing to wait for. */
const settled = (differs) => ({ differs, low: Number.POSITIVE_INFINITY });

/**
 * The differences from `before` to `after`, in microdiff's shape and order (for each key of the
 * old object: its removal, its change or the differences inside it; then the keys created).
 * `startsScope(path)` says whether the value at `path` starts a scope of its own (see above).
 * @param {unknown} before
 * @param {unknown} after
 * @param {{ startsScope?: (path: Array<string|number>) => boolean }} [options]
 * @returns {Difference[]}
 */
export function diffGraphs(before, after, { startsScope = () => false } = {}) {
  const walk = new GraphWalk(startsScope);
  walk.compare(before, after);
  return walk.changes;
}

/** One comparison: the differences found, and what is known of the pairs of objects met. */
class GraphWalk {
  /** @type {Difference[]} */
  changes = [];
  /** @type {Array<string|number>} the path of the pair being compared */
  path = [];
  /** Whether a pair differs, once that is settled: true wherever it is met, false anywhere. */
  known = new PairMap();
  /** How many pairs have been compared: the next one's number. */
  count = 0;
  /** The unsettled pairs (being compared, or waiting for a pair that is), by number. */
  unsettled = new PairMap();
  /** The pairs compared in the current scope. */
  scope = new PairMap();
  /** @type {Array<[object, object]>} the pairs found equal so far that wait for another, in order */
  pending = [];

  /** @param {(path: Array<string|number>) => boolean} startsScope */
  constructor(startsScope) {
    this.startsScope = startsScope;
  }

  /**
   * Compares two values at the current path, recording their differences.
   * @returns {Outcome}
   */
  compare(a, b) {
    if (Object.is(a, b)) return settled(false);
    if (!comparable(a, b)) {
      this.changes.push({ type: "CHANGE", path: [...this.path], value: b, oldValue: a });
      return settled(true);
    }
    // Back to a pair being compared (a cycle), or to one waiting for such a pair: cut here.
    const number = this.unsettled.get(a, b);
    if (number !== undefined) return { differs: this.known.get(a, b) === true, low: number };
    // Compared already in this scope (a shared schema met again): its changes are reported once.
    if (this.scope.has(a, b)) return settled(this.known.get(a, b));
    if (this.known.get(a, b) === false) return settled(false);
    return this.compareObjects(a, b);
  }

  /**
   * Compares two objects (or two arrays) key by key, then settles the pair: at once when it
   * came back to no pair compared before it, else with the first pair of its cycle.
   * @returns {Outcome}
   */
  compareObjects(a, b) {
    const number = this.count++;
    const firstPending = this.pending.length;
    this.unsettled.set(a, b, number);
    this.scope.set(a, b, true);
    const outcome = this.compareKeys(a, b);
    // A difference is known at once, wherever the pair's cycle leads.
    if (outcome.differs) this.known.set(a, b, true);
    if (outcome.low < number) {
      this.pending.push([a, b]);
      return outcome;
    }
    this.unsettled.delete(a, b);
    this.known.set(a, b, outcome.differs);
    this.settle(firstPending, outcome.differs);
    return settled(outcome.differs);
  }

  /**
   * Settles the pairs of the cycle whose first pair was just settled (those compared since
   * `firstPending` and still waiting): each leads back to it, so each differs if it does.
   */
  settle(firstPending, differs) {
    for (const [a, b] of this.pending.splice(firstPending)) {
      this.unsettled.delete(a, b);
      this.known.set(a, b, differs);
    }
  }

  /** @returns {Outcome} the outcome of every key of `a` and `b` together */
  compareKeys(a, b) {
    let differs = false;
    let low = Number.POSITIVE_INFINITY;
    const list = Array.isArray(a);
    for (const key in a) {
      const path = list ? +key : key;
      if (!(key in b)) {
        this.changes.push({ type: "REMOVE", path: [...this.path, path], oldValue: a[key] });
        differs = true;
        continue;
      }
      const outcome = this.compareAt(path, a[key], b[key]);
      differs ||= outcome.differs;
      low = Math.min(low, outcome.low);
    }
    for (const key in b) {
      if (key in a) continue;
      this.changes.push({ type: "CREATE", path: [...this.path, Array.isArray(b) ? +key : key], value: b[key] });
      differs = true;
    }
    return { differs, low };
  }

  /** Compares the values at `key`, in a scope of their own when `startsScope` says so. */
  compareAt(key, a, b) {
    this.path.push(key);
    const outer = this.scope;
    if (comparable(a, b) && this.startsScope(this.path)) this.scope = new PairMap();
    try {
      return this.compare(a, b);
    } finally {
      this.scope = outer;
      this.path.pop();
    }
  }
}

/** Two objects, or two arrays: compared key by key. Anything else is compared as a value. */
function comparable(a, b) {
  return (
    a !== null && b !== null && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b)
  );
}
