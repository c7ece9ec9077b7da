// A JSON Schema `pattern` tested in time linear in the text's length: the pattern is compiled to a program of a
// Thompson NFA and every path through it is followed at once, one code point of the text at a time (as a Pike VM
// does), so a pattern that backtracks catastrophically in a native RegExp answers promptly here. What each
// character atom (`a`, `.`, `\d`, `\p{Lu}`, `[^a-z]`) matches is left to a native RegExp of that atom alone.

/**
 * The most instructions a pattern's program may hold, counted with its counted repetitions written out
 * (`(?:a{1000}){1000}` holds a million); a larger one is tested by the native RegExp instead.
 */
const INSTRUCTION_BUDGET = 100_000;

/** How deeply groups and lookaheads may nest before the parser's and compiler's recursion could overflow the stack. */
const NESTING_LIMIT = 200;

/** Where an assertion holds: at the start or end of the text, at a word boundary or at none. */
type Anchor = "start" | "end" | "boundary" | "notBoundary";

/** A pattern parsed; groups are kept only as what they hold, since captures do not change whether a match exists. */
type Node =
  | { readonly kind: "char"; readonly source: string }
  | { readonly kind: "sequence"; readonly items: readonly Node[] }
  | { readonly kind: "choice"; readonly options: readonly Node[] }
  | { readonly kind: "assertion"; readonly anchor: Anchor }
  | { readonly kind: "lookahead"; readonly negated: boolean; readonly body: Node }
  | { readonly kind: "repeat"; readonly body: Node; readonly min: number; readonly max: number };

/** Thrown while parsing a pattern that only a backtracking matcher answers. */
class Unsupported extends Error {}

/**
 * A test of whether `text` holds a match of the regular expression `source` anywhere, as a JSON Schema `pattern` is
 * tested: the same answer as `new RegExp(source, "u").test(text)`, in time linear in the length of `text`, so that a
 * vendor's pattern that backtracks catastrophically (`^(a+)+$`) cannot hang a test. The pattern is compiled once,
 * here; a pattern with a backreference, a lookbehind or a modifier group, or one that is too large written out, is
 * tested by the native RegExp. Throws the RegExp constructor's SyntaxError when `source` is no regular expression
 * with the `u` flag.
 *
 * @example
 * ```ts
 * const isSite = patternTester("^(https?:\\/\\/)?([\\da-z\\.-]+)\\.([a-z\\.]{2,6})([\\/\\w \\.-]*)*\\/?$");
 * isSite("https://example.com/a/b"); // true
 * isSite("https://www.gravatar.com/avatar/205e460b479e2e5b48aec07710c08d50?d=mm"); // false, at once
 * ```
 */
export function patternTester(source: string): (text: string) => boolean {
  const native = new RegExp(source, "u");
  const program = programFor(source);
  if (!program) return (text) => native.test(text);
  return (text) => matchesFrom(program, 0, true, { text, lookaheads: new Map() });
}

/**
 * `source` compiled, or `undefined` when the native RegExp must test it. That is the one place the simulation gives
 * way: a backreference's match depends on the text a group captured, which a set of states does not remember; a
 * lookbehind would need the text simulated backwards; a modifier group (`(?i:…)`) changes what its atoms match,
 * which the atoms' own RegExps would have to be told; a program over the budget would cost more memory than
 * backtracking costs time on the short values a fake server checks; and groups nested deeper than the limit would
 * overflow the stack of this recursive parser, where the native one has no such limit.
 */
function programFor(source: string): Program | undefined {
  try {
    const tree = parsed(source);
    return sizeOf(tree) <= INSTRUCTION_BUDGET ? programOf(tree, new Map()) : undefined;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

// Parsing. The source has already been compiled by the RegExp constructor, so it is known to be well formed.

/** A source being parsed, the index of its next code unit and how many groups are open there. */
interface Cursor {
  readonly source: string;
  at: number;
  depth: number;
}

/** The tree of `source`, a regular expression with the `u` flag. */
function parsed(source: string): Node {
  return disjunction({ source, at: 0, depth: 0 });
}

/** The alternatives from the cursor up to a closing `)` or the end (which it leaves unread). */
function disjunction(cursor: Cursor): Node {
  const options = [alternative(cursor)];
  while (cursor.source[cursor.at] === "|") {
    cursor.at++;
    options.push(alternative(cursor));
  }
  return options.length === 1 ? options[0]! : { kind: "choice", options };
}

/** The terms from the cursor up to a `|`, a closing `)` or the end. */
function alternative(cursor: Cursor): Node {
  const items: Node[] = [];
  for (let next = cursor.source[cursor.at]; next !== undefined && next !== "|" && next !== ")"; ) {
    items.push(term(cursor));
    next = cursor.source[cursor.at];
  }
  return items.length === 1 ? items[0]! : { kind: "sequence", items };
}

/** One assertion, or one atom with its quantifier if it has one (with the `u` flag, assertions take none). */
function term(cursor: Cursor): Node {
  return assertion(cursor) ?? quantified(cursor, atom(cursor));
}

/** The assertion at the cursor (`^`, `$`, `\b`, `\B`, a lookahead), or `undefined` when there is none. */
function assertion(cursor: Cursor): Node | undefined {
  const { source, at } = cursor;
  const anchor = ANCHORS.get(source[at] === "\\" ? source.slice(at, at + 2) : (source[at] ?? ""));
  if (anchor) {
    cursor.at += anchor === "start" || anchor === "end" ? 1 : 2;
    return { kind: "assertion", anchor };
  }
  if (source.startsWith("(?<=", at) || source.startsWith("(?<!", at)) throw new Unsupported();
  if (!source.startsWith("(?=", at) && !source.startsWith("(?!", at)) return undefined;
  cursor.at += 3;
  return { kind: "lookahead", negated: source[at + 2] === "!", body: groupBody(cursor) };
}

const ANCHORS: ReadonlyMap<string, Anchor> = new Map([
  ["^", "start"],
  ["$", "end"],
  ["\\b", "boundary"],
  ["\\B", "notBoundary"],
]);

/** The atom at the cursor: a group, or a character atom kept as its source text. */
function atom(cursor: Cursor): Node {
  const { source, at } = cursor;
  if (source[at] === "(") return group(cursor);
  const end =
    source[at] === "[" ? classEnd(source, at) : source[at] === "\\" ? escapeEnd(source, at) : codePointEnd(source, at);
  cursor.at = end;
  return { kind: "char", source: source.slice(at, end) };
}

/** What the group at the cursor holds: a capturing, named or non-capturing group alike. */
function group(cursor: Cursor): Node {
  const { source } = cursor;
  cursor.at++;
  if (source.startsWith("?:", cursor.at)) cursor.at += 2;
  else if (source.startsWith("?<", cursor.at)) cursor.at = source.indexOf(">", cursor.at) + 1;
  else if (source[cursor.at] === "?") throw new Unsupported(); // a modifier group, `(?i:…)`, `(?-s:…)`
  return groupBody(cursor);
}

/** What a group or lookahead holds, from the cursor (past its opening) to its `)`, which it reads. */
function groupBody(cursor: Cursor): Node {
  if (++cursor.depth > NESTING_LIMIT) throw new Unsupported();
  const body = disjunction(cursor);
  cursor.depth--;
  cursor.at++;
  return body;
}

/**
 * The end of the class whose `[` is at `start`. With the `u` flag a `[` inside it is literal, a `]` right after the
 * `[` or `[^` closes it (`[]`, `[^]`) and an escaped `\]` does not.
 */
function classEnd(source: string, start: number): number {
  let at = source[start + 1] === "^" ? start + 2 : start + 1;
  while (at < source.length && source[at] !== "]") at += source[at] === "\\" ? 2 : 1;
  return at + 1;
}

/** `\uD83D\uDE00`: one code point written as two escapes, which the `u` flag reads as one character. */
const ESCAPED_PAIR = /\\u[dD][89abAB][\da-fA-F]{2}\\u[dD][c-fC-F][\da-fA-F]{2}/y;

/** The end of the escape whose `\` is at `start`; a backreference is unsupported. */
function escapeEnd(source: string, start: number): number {
  const letter = source[start + 1] ?? "";
  if (letter === "k" || /[1-9]/.test(letter)) throw new Unsupported();
  if (letter === "p" || letter === "P" || source.startsWith("u{", start + 1)) return source.indexOf("}", start) + 1;
  if (letter === "u") {
    ESCAPED_PAIR.lastIndex = start;
    return start + (ESCAPED_PAIR.test(source) ? 12 : 6);
  }
  if (letter === "x") return start + 4;
  if (letter === "c") return start + 3;
  return codePointEnd(source, start + 1);
}

/** The end of the code point at `start` (a surrogate pair is one, a lone surrogate is one too). */
function codePointEnd(text: string, start: number): number {
  return start + ((text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
}

/** How often a quantifier lets an atom repeat: `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`. */
const COUNTED = /\{(\d+)(,(\d*))?\}/y;

/** `atom` with the quantifier at the cursor, lazy or not (which does not change whether a match exists). */
function quantified(cursor: Cursor, atom: Node): Node {
  const { source, at } = cursor;
  let min: number;
  let max: number;
  const next = source[at];
  if (next === "*" || next === "+" || next === "?") {
    [min, max] = [next === "+" ? 1 : 0, next === "?" ? 1 : Number.POSITIVE_INFINITY];
    cursor.at++;
  } else {
    COUNTED.lastIndex = at;
    const counted = COUNTED.exec(source);
    if (!counted) return atom;
    min = Number(counted[1]);
    max = counted[2] === undefined ? min : counted[3] ? Number(counted[3]) : Number.POSITIVE_INFINITY;
    cursor.at = COUNTED.lastIndex;
  }
  if (source[cursor.at] === "?") cursor.at++;
  return { kind: "repeat", body: atom, min, max };
}

// Compiling. A program is a list of instructions ending in "match"; a lookahead's body is a program of its own.

/** Whether one code point is matched by a character atom. */
type CharTest = (point: number) => boolean;

interface Split {
  readonly op: "split";
  readonly to: number;
  other: number;
}

interface Jump {
  readonly op: "jump";
  to: number;
}

interface Lookahead {
  readonly op: "lookahead";
  readonly program: Program;
  readonly negated: boolean;
}

type Instruction =
  | { readonly op: "char"; readonly test: CharTest }
  | { readonly op: "assert"; readonly anchor: Anchor }
  | { readonly op: "match" }
  | Split
  | Jump
  | Lookahead;

/** The threads of one step: the indexes of the "char" instructions waiting for the next code point. */
interface Threads {
  readonly at: Int32Array;
  length: number;
}

/**
 * A compiled program, with the buffers each run of it reuses. A program never runs inside a run of itself (a
 * lookahead runs only the programs of lookaheads nested in it), so one set of buffers is enough.
 */
interface Program {
  readonly code: readonly Instruction[];
  readonly threads: readonly [Threads, Threads];
  /** `seen[pc] === stamp` when the instruction was already reached in the current step. */
  readonly seen: Int32Array;
  readonly stack: Int32Array;
  stamp: number;
}

/** How many instructions the program of `node` holds. */
function sizeOf(node: Node): number {
  switch (node.kind) {
    case "char":
    case "assertion":
      return 1;
    case "lookahead":
      return 2 + sizeOf(node.body);
    case "sequence":
      return node.items.reduce((total, item) => total + sizeOf(item), 0);
    case "choice":
      return node.options.reduce((total, option) => total + sizeOf(option), 2 * (node.options.length - 1));
    case "repeat": {
      // At least 1 a copy, so that `(?:){99999999}` is not written out a hundred million times for nothing.
      const body = Math.max(sizeOf(node.body), 1);
      const optional = node.max === Number.POSITIVE_INFINITY ? body + 2 : (node.max - node.min) * (body + 1);
      return node.min * body + optional;
    }
  }
}

/** The program of `node`; `tests` holds the test of each character atom's source, shared by its copies. */
function programOf(node: Node, tests: Map<string, CharTest>): Program {
  const code: Instruction[] = [];
  emit(node, code, tests);
  code.push({ op: "match" });
  const threads = (): Threads => ({ at: new Int32Array(code.length), length: 0 });
  // Each instruction is reached once a step and pushes at most two others.
  return {
    code,
    threads: [threads(), threads()],
    seen: new Int32Array(code.length),
    stack: new Int32Array(2 * code.length + 1),
    stamp: 0,
  };
}

/** Appends the instructions of `node` to `code`. */
function emit(node: Node, code: Instruction[], tests: Map<string, CharTest>): void {
  switch (node.kind) {
    case "char":
      code.push({ op: "char", test: charTest(node.source, tests) });
      return;
    case "assertion":
      code.push({ op: "assert", anchor: node.anchor });
      return;
    case "lookahead":
      code.push({ op: "lookahead", program: programOf(node.body, tests), negated: node.negated });
      return;
    case "sequence":
      for (const item of node.items) emit(item, code, tests);
      return;
    case "choice":
      emitChoice(node.options, code, tests);
      return;
    case "repeat":
      emitRepeat(node, code, tests);
      return;
  }
}

/** Appends a choice: each option but the last is tried by a split, and jumps past the others when it matches. */
function emitChoice(options: readonly Node[], code: Instruction[], tests: Map<string, CharTest>): void {
  const jumps: Jump[] = [];
  for (const option of options.slice(0, -1)) {
    const split: Split = { op: "split", to: code.length + 1, other: -1 };
    code.push(split);
    emit(option, code, tests);
    const jump: Jump = { op: "jump", to: -1 };
    code.push(jump);
    jumps.push(jump);
    split.other = code.length;
  }
  emit(options.at(-1)!, code, tests);
  for (const jump of jumps) jump.to = code.length;
}

/**
 * Appends a repetition written out: `min` copies, then a loop when it is unbounded, else `max - min` optional copies
 * nested so that skipping one skips those after it (`X{2,4}` as `X X (X (X)?)?`).
 */
function emitRepeat(
  { body, min, max }: { body: Node; min: number; max: number },
  code: Instruction[],
  tests: Map<string, CharTest>,
): void {
  for (let copy = 0; copy < min; copy++) emit(body, code, tests);
  if (max === Number.POSITIVE_INFINITY) {
    const loop: Split = { op: "split", to: code.length + 1, other: -1 };
    const start = code.push(loop) - 1;
    emit(body, code, tests);
    code.push({ op: "jump", to: start });
    loop.other = code.length;
    return;
  }
  const skips: Split[] = [];
  for (let copy = min; copy < max; copy++) {
    const skip: Split = { op: "split", to: code.length + 1, other: -1 };
    code.push(skip);
    skips.push(skip);
    emit(body, code, tests);
  }
  for (const skip of skips) skip.other = code.length;
}

/**
 * The test of one code point against the character atom `source`, by a native RegExp of that atom alone, so that
 * classes, escapes and Unicode properties mean exactly what they mean to the RegExp. ASCII answers are kept.
 */
function charTest(source: string, tests: Map<string, CharTest>): CharTest {
  const known = tests.get(source);
  if (known) return known;
  const single = new RegExp(`^(?:${source})$`, "u");
  // 0 when not yet tested, 1 when not matched, 2 when matched.
  const ascii = new Uint8Array(128);
  const test: CharTest = (point) => {
    if (point >= 128) return single.test(String.fromCodePoint(point));
    ascii[point] ||= single.test(String.fromCharCode(point)) ? 2 : 1;
    return ascii[point] === 2;
  };
  tests.set(source, test);
  return test;
}

// Running.

/** One text being tested, with the answers of its lookaheads found so far. */
interface Run {
  readonly text: string;
  /** By lookahead, by position: 0 when not yet evaluated, 1 when it does not match there, 2 when it does. */
  readonly lookaheads: Map<Lookahead, Uint8Array>;
}

/**
 * Whether `program` matches the run's text from `start`, following all its threads one code point at a time. When
 * `searching`, a match may also begin at any later position (an unanchored search); otherwise it must begin at
 * `start`, as a lookahead's does. Either way it may end anywhere.
 */
function matchesFrom(program: Program, start: number, searching: boolean, run: Run): boolean {
  const { text } = run;
  let [current, next] = program.threads;
  current.length = 0;
  newStep(program);
  if (follow(program, 0, start, current, run)) return true;
  for (let at = start; at < text.length && (searching || current.length > 0); ) {
    const point = text.codePointAt(at)!;
    const after = codePointEnd(text, at);
    newStep(program);
    next.length = 0;
    for (let index = 0; index < current.length; index++) {
      const instruction = program.code[current.at[index]!];
      if (
        instruction?.op === "char" &&
        instruction.test(point) &&
        follow(program, current.at[index]! + 1, after, next, run)
      ) {
        return true;
      }
    }
    if (searching && follow(program, 0, after, next, run)) return true;
    [current, next] = [next, current];
    at = after;
  }
  return false;
}

/** Starts a step of `program`: no instruction has been reached in it yet. */
function newStep(program: Program): void {
  if (program.stamp === 0x7fffffff) {
    program.seen.fill(0);
    program.stamp = 0;
  }
  program.stamp++;
}

/**
 * Adds to `threads` the "char" instructions reached from `from` at position `at` without reading the text (across
 * splits, jumps and the assertions that hold there), each once a step, so an empty loop such as `(a*)*` ends.
 * Returns whether "match" is reached.
 */
function follow(program: Program, from: number, at: number, threads: Threads, run: Run): boolean {
  const { code, seen, stack, stamp } = program;
  let top = 0;
  stack[top++] = from;
  while (top > 0) {
    const pc = stack[--top]!;
    if (seen[pc] === stamp) continue;
    seen[pc] = stamp;
    const instruction = code[pc]!;
    switch (instruction.op) {
      case "match":
        return true;
      case "char":
        threads.at[threads.length++] = pc;
        break;
      case "jump":
        stack[top++] = instruction.to;
        break;
      case "split":
        stack[top++] = instruction.other;
        stack[top++] = instruction.to;
        break;
      case "assert":
        if (holds(instruction.anchor, run.text, at)) stack[top++] = pc + 1;
        break;
      case "lookahead":
        if (lookaheadMatches(instruction, at, run) !== instruction.negated) stack[top++] = pc + 1;
        break;
    }
  }
  return false;
}

/** Whether the anchor holds at position `at` of `text`; with no `m` flag `^` and `$` are the text's ends only. */
function holds(anchor: Anchor, text: string, at: number): boolean {
  switch (anchor) {
    case "start":
      return at === 0;
    case "end":
      return at === text.length;
    case "boundary":
      return isWordAt(text, at - 1) !== isWordAt(text, at);
    case "notBoundary":
      return isWordAt(text, at - 1) === isWordAt(text, at);
  }
}

/** A word character as `\b` sees it with the `u` flag and no `i` flag. */
const WORD = /[A-Za-z0-9_]/;

/** Whether the code unit at `index` is a word character (none is, outside the text). */
function isWordAt(text: string, index: number): boolean {
  return WORD.test(text.charAt(index));
}

/**
 * Whether the lookahead's body matches from `at`, evaluated once per position a run asks about, so nested and
 * repeated lookaheads keep the whole test polynomial.
 */
function lookaheadMatches(lookahead: Lookahead, at: number, run: Run): boolean {
  let answers = run.lookaheads.get(lookahead);
  if (!answers) run.lookaheads.set(lookahead, (answers = new Uint8Array(run.text.length + 1)));
  answers[at] ||= matchesFrom(lookahead.program, at, false, run) ? 2 : 1;
  return answers[at] === 2;
}
