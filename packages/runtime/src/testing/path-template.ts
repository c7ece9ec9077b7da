// A path template as the fake matches requests against it, and how a matched path is split into the segments of its
// parameters as sent, including segments that hold several (`{name}-{version}.zip`, `{id}.{format}`, `{id}{.format}`).
import { defineValue } from "../internal/own-properties.js";

/** A `{name}` of a template, found as the client's path serializer finds it: whatever is between the braces. */
const PLACEHOLDER = /\{([^{}]+)\}/;

/**
 * Whether `raw` (still percent-encoded) is what a client writes for a value of the parameter named `name` that its
 * schema allows: decides between the ways a segment holding several parameters can be split.
 */
export type FitsParameter = (name: string, raw: string) => boolean;

/** The part of a path segment that its parameters fill: their names, and the literal text between each two. */
interface Filled {
  readonly names: readonly string[];
  /** `between[i]` is the text (as sent) between `names[i]` and `names[i + 1]`, `""` for adjacent ones. */
  readonly between: readonly string[];
}

/** A path template compiled once, for matching every request against it. */
export interface PathTemplate {
  /** Matches a path whose literal text is the template's, capturing the part of each segment its parameters fill. */
  readonly pattern: RegExp;
  /** Every parameter of the template, in order. */
  readonly names: readonly string[];
  readonly filled: readonly Filled[];
}

/**
 * `path` (without its query and fragment) compiled: its literal text as fetch sends it, and in each segment that holds
 * parameters a capture of the part they fill.
 */
export function pathTemplateOf(path: string): PathTemplate {
  const parts = path.split(PLACEHOLDER);
  const names: string[] = [];
  const filled: Filled[] = [];
  let source = "";
  // The segment's parameters read so far, with the literal text after each: open until a `/` ends the segment.
  let open: { names: string[]; between: string[] } | undefined;
  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      names.push(part);
      open ??= { names: [], between: [] };
      open.names.push(part);
      return;
    }
    if (!open) {
      source += escaped(asSent(part));
      return;
    }
    const slash = part.indexOf("/");
    open.between.push(asSent(slash === -1 ? part : part.slice(0, slash)));
    if (slash === -1 && index < parts.length - 1) return;
    const after = open.between.pop()!;
    filled.push(open);
    source += `(${structureOf(open)})${escaped(after)}${slash === -1 ? "" : escaped(asSent(part.slice(slash)))}`;
    open = undefined;
  });
  return { pattern: new RegExp(`^${source}$`), names, filled };
}

/**
 * A template's literal text as fetch sends it, percent-encoded where a URL's path must be (`/café` as `/caf%C3%A9`, a
 * `"` as `%22`), since requests are matched as they arrive. Text within a segment (the `.` of `{id}.{format}`) is
 * encoded as part of a segment, where a `.` is no dot segment.
 */
function asSent(literal: string): string {
  return literal && new URL(`http://fake.invalid/_${literal}`).pathname.slice(2);
}

/**
 * The segments of `template`'s parameters in `found` (a match of its pattern), by name, still percent-encoded. A
 * segment's part that several parameters fill is split where each part `fits` its parameter; where several splits
 * do, or none, earlier parameters take the longest parts that leave the rest a split (as a regular expression's
 * greedy groups do).
 */
export function parameterSegments(
  template: PathTemplate,
  found: RegExpExecArray,
  fits: FitsParameter,
): Record<string, string> {
  const segments: Record<string, string> = {};
  template.filled.forEach((part, index) => {
    const text = found[index + 1]!;
    const values = part.names.length === 1 ? [text] : (splitOf(text, part, fits) ?? splitOf(text, part)!);
    part.names.forEach((name, at) => {
      defineValue(segments, name, values[at]!);
    });
  });
  return segments;
}

/**
 * The first split of `text` among its parameters, longest first from the left, each part non-empty and fitting
 * (when `fits` is given); `undefined` when there is none.
 */
function splitOf(text: string, { names, between }: Filled, fits?: FitsParameter): string[] | undefined {
  // Where the parameter at an index cannot start a split of the rest, found once each.
  const dead = new Set<number>();
  const from = (at: number, start: number): string[] | undefined => {
    const name = names[at]!;
    if (at === names.length - 1) {
      const value = text.slice(start);
      return value && (!fits || fits(name, value)) ? [value] : undefined;
    }
    const key = at * (text.length + 1) + start;
    if (dead.has(key)) return undefined;
    const literal = between[at]!;
    for (let end = text.length - 1; end > start; end--) {
      if (!text.startsWith(literal, end)) continue;
      const value = text.slice(start, end);
      if (fits && !fits(name, value)) continue;
      const rest = from(at + 1, end + literal.length);
      if (rest) return [value, ...rest];
    }
    dead.add(key);
    return undefined;
  };
  return from(0, 0);
}

/** What fills a segment's parameters: at least one character each, the literal text between them as it is. */
function structureOf({ names, between }: Filled): string {
  let source = "";
  let run = 0;
  names.forEach((_, index) => {
    run++;
    const literal = between[index];
    if (index < names.length - 1 && literal === "") return;
    // Adjacent parameters as one run of at least as many characters: no backtracking between them.
    source += `[^/]{${run},}${literal ? escaped(literal) : ""}`;
    run = 0;
  });
  return source;
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
