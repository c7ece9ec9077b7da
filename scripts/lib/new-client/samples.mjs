// Sample values that satisfy a schema's type, for the generated test's mock response, call
// parameters and request body, and TypeScript literals of them.
import { objectKey } from "../source-text.mjs";
import { valueAt } from "../spec/json-pointer.mjs";

/** How deep a sample goes into nested schemas: a recursive one ends there. */
const MAX_SAMPLE_DEPTH = 10;

/** The schema's (first non-null) type, inferred from its keywords when it declares none. */
export function firstType(schema) {
  if (!schema) return undefined;
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type) return type;
  if (schema.properties) return "object";
  if (schema.items) return "array";
  if (schema.enum?.length) return typeof schema.enum[0];
  if (schema.const !== undefined) return typeof schema.const;
  return undefined;
}

export const isScalarSchema = (schema) => ["string", "integer", "number", "boolean"].includes(firstType(schema));

/** A value of each string format a validator checks (the fake's checks these, as JSON Schema 2020-12 defines them). */
const FORMAT_SAMPLES = {
  uuid: "3f2a6c1e-8b7d-4e2a-9c4f-1d2e3f4a5b6c",
  "date-time": "2026-01-02T03:04:05Z",
  date: "2026-01-02",
  time: "03:04:05Z",
  duration: "P1D",
  email: "someone@example.com",
  "idn-email": "someone@example.com",
  hostname: "example.com",
  "idn-hostname": "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  uri: "https://example.com/",
  url: "https://example.com/",
  iri: "https://example.com/",
  "uri-reference": "https://example.com/",
  "iri-reference": "https://example.com/",
  "uri-template": "https://example.com/{id}",
  "json-pointer": "/a",
  "relative-json-pointer": "0",
  regex: "^a$",
};

/**
 * Whether a value a spec gives (example, default) has the JavaScript type its schema declares, and a string or number
 * its constraints (vendor examples often break either).
 */
function fitsType(value, schema) {
  const type = firstType(schema);
  if (type === undefined) return true;
  if (value === null) return Array.isArray(schema.type) ? schema.type.includes("null") : schema.nullable === true;
  if (type === "integer" || type === "number") return numberFits(value, schema, type === "integer");
  if (type === "string") return typeof value === "string" && stringFits(value, schema);
  if (type === "array") return Array.isArray(value);
  if (type === "object") return typeof value === "object" && !Array.isArray(value);
  return typeof value === type;
}

/**
 * A value that satisfies `schema`'s type: its const or first enum value, else its example or
 * default when that has the declared type (vendor examples often do not), else one built from its
 * type within its constraints (format, length, pattern, bounds, multiple, item and property counts, unique items). A
 * request's objects (`forResponse` false) get the required properties the client sends, leaving out
 * `readOnly` ones; a mock response's (`forResponse`) get every property the server sends, leaving out `writeOnly`
 * ones. A composed schema is first merged
 * with the parts it composes ({@link composedOf}). `components`, the dereferenced spec's `components.schemas`, names
 * the alternative a discriminated union's sample takes and the subtype a discriminated base's sample is
 * ({@link discriminatorValue}).
 */
export function sampleValue(schema, name = "value", depth = 0, forResponse = false, components = undefined) {
  if (!schema || depth > MAX_SAMPLE_DEPTH) return null;
  // Before the const, enum and example: a part may declare them, and an example must fit the merged type.
  schema = composedOf(schema, components);
  if (!schema) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum.find((value) => value !== null) ?? schema.enum[0];
  // Empty text samples nothing, and no path segment or header may be empty (Ticketmaster's required
  // `TMPS-Correlation-Id` header defaults to ""): the type's own sample stands in for it. So does a format's sample
  // for text of a format the fake checks: vendors' examples often break it (a uuid without its dashes, a date-time
  // for a date).
  const checkedFormat = Object.hasOwn(FORMAT_SAMPLES, schema.format ?? "");
  for (const known of [schema.example, schema.examples?.[0], schema.default]) {
    if (known === undefined || known === "" || (checkedFormat && typeof known === "string")) continue;
    if (fitsType(known, schema) && (typeof known !== "object" || known === null)) return known;
  }
  switch (firstType(schema)) {
    case "string":
      return stringSample(schema, name);
    case "integer":
      return numberSample(schema, true);
    case "number":
      return numberSample(schema, false);
    case "boolean":
      return true;
    case "array":
      return arraySample(schema, name, depth, forResponse, components);
    case "object":
      return objectSample(schema, depth, forResponse, components);
    default:
      // A schema that names no type takes any value: text, which a query, a path, a header and a body all carry (a
      // list of such items, Sinao's `data`, sends nothing of `[null]`).
      return schema.type === undefined ? `${name}-1` : null;
  }
}

/**
 * A string that meets a patterned string schema (its pattern, format and lengths), or `undefined` when none is found
 * or the pattern is not one the validator compiles. The spec data gives it as the schema's example, so that the
 * fake's default answers meet patterns too.
 *
 * @example
 * ```js
 * patternExample({ type: "string", pattern: "^/v1/accounts" }); // "/v1/accounts"
 * ```
 */
export function patternExample(schema) {
  if (typeof schema.pattern !== "string" || !compiledPattern(schema.pattern)) return undefined;
  const text = stringSample(schema, "value");
  return stringFits(text, schema) ? text : undefined;
}

/** Strings tried, after the format's and the name's, for a `pattern` that neither matches. */
const PATTERN_CANDIDATES = ["abc", "ABC", "123", "abc123", "ABC123", "a", "A", "1", "a-b", "a_b", "a.b", "a b"];

/**
 * A string of the schema's format (or `<name>-1`) fitted to its length limits, else one its `pattern` matches: a
 * string {@link patternSample} builds from the pattern, or a common one it happens to match.
 */
function stringSample(schema, name) {
  const formatted = FORMAT_SAMPLES[schema.format];
  const candidates = [formatted ?? `${name}-1`];
  // A pattern may ask for a format's capitals (Loket's uuids: `[0-9A-F]{8}[-]?…`); its own sample could break the format.
  if (formatted) candidates.push(formatted.toUpperCase());
  if (typeof schema.pattern === "string") candidates.push(patternSample(schema.pattern), ...PATTERN_CANDIDATES);
  const fitted = candidates.map((text) => withLength(text, schema));
  return fitted.find((text) => stringFits(text, schema)) ?? fitted[0];
}

/** Whether `text` is within the schema's length limits and matches its pattern (when it is a valid one). */
function stringFits(text, { minLength = 0, maxLength = Number.POSITIVE_INFINITY, pattern }) {
  const length = [...text].length;
  const compiled = typeof pattern === "string" ? compiledPattern(pattern) : undefined;
  return length >= minLength && length <= maxLength && (!compiled || compiled.test(text));
}

/** `text` padded or cut to the schema's `minLength`/`maxLength` (counted in code points, as JSON Schema does). */
function withLength(text, { minLength = 0, maxLength = Number.POSITIVE_INFINITY }) {
  const points = [...text];
  while (points.length < minLength) points.push(points.at(-1) ?? "x");
  return points.slice(0, Math.max(maxLength, 0)).join("");
}

/**
 * A spec's pattern as the validator reads it (ECMA-262, Unicode), or as JavaScript reads it without the flag when only
 * that compiles (`^[a-z0-9\-\_]+$`, which the fake's validator rewrites to mean the same), or `undefined` when it is
 * not a valid one.
 */
function compiledPattern(source) {
  if (!compiledPatterns.has(source)) {
    let compiled;
    for (const flags of ["u", ""]) {
      try {
        compiled ??= new RegExp(source, flags);
      } catch {}
    }
    compiledPatterns.set(source, compiled);
  }
  return compiledPatterns.get(source);
}

/** Each pattern compiled once: a string's candidates and its example are each checked against it. */
const compiledPatterns = new Map();

/** What one piece of a pattern stands for: the characters it takes, for a string that matches it. */
const CLASS_SAMPLES = { d: "1", w: "a", s: " ", D: "a", W: "-", S: "a" };

/**
 * A string the pattern most likely matches, built from its first alternative: literal characters as they are,
 * each class (`[A-Z]`, `\d`, `.`) as a character it takes, each quantifier as its least count (one for `*` and
 * `+`, so an anchored pattern's string is not empty). Lookarounds and backreferences are left out; the caller
 * checks the result.
 */
function patternSample(source) {
  let out = "";
  let last = "";
  const groups = []; // where each open group's output starts
  for (let at = 0; at < source.length; ) {
    const char = source[at];
    if (char === "^" || char === "$") {
      at++;
      continue;
    }
    if (char === "|") {
      if (!groups.length) break; // the first alternative only
      at = groupEnd(source, at) - 1; // the group's first alternative only
      continue;
    }
    if (char === "(") {
      if (source.startsWith("(?", at) && !source.startsWith("(?:", at)) {
        at = groupEnd(source, at + 1); // a lookaround or named group's internals are left out
        last = "";
        continue;
      }
      groups.push(out.length);
      at += source.startsWith("(?:", at) ? 3 : 1;
      continue;
    }
    if (char === ")") {
      last = out.slice(groups.pop() ?? out.length);
      at++;
      continue;
    }
    let piece;
    if (char === "[") {
      const end = classEnd(source, at);
      piece = classSample(source.slice(at + 1, end));
      at = end + 1;
    } else if (char === "\\") {
      const escaped = escapeAt(source, at);
      piece = escaped.char;
      at = escaped.end;
    } else if (char === ".") {
      piece = "a";
      at++;
    } else if ("*+?{".includes(char)) {
      const { least, end } = quantifier(source, at);
      out = out.slice(0, out.length - last.length) + last.repeat(least);
      last = "";
      at = end;
      continue;
    } else {
      piece = char;
      at++;
    }
    out += piece;
    last = piece;
  }
  return out;
}

/** Where the group that `at` is inside (or opens, at its `(`) closes, plus one. */
function groupEnd(source, at) {
  let depth = source[at] === "(" ? 0 : 1;
  for (let index = at; index < source.length; index++) {
    if (source[index] === "\\") index++;
    else if (source[index] === "[") index = classEnd(source, index);
    else if (source[index] === "(") depth++;
    else if (source[index] === ")" && --depth === 0) return index + 1;
  }
  return source.length;
}

/** Where the character class opening at `at` closes. */
function classEnd(source, at) {
  for (let index = at + 1; index < source.length; index++) {
    if (source[index] === "\\") index++;
    else if (source[index] === "]" && index > at + 1) return index;
  }
  return source.length;
}

/** A character a class's body (`A-Z0-9_`) takes: its first range's or character's, or one a negated class allows. */
function classSample(body) {
  if (body.startsWith("^")) return /[a]/.test(body) ? "b" : "a";
  if (body.startsWith("\\")) return escapeAt(body, 0).char || "a";
  return body[0] ?? "a";
}

/** Characters a control escape (`\t`, `\0`) stands for. */
const CONTROL_ESCAPES = { t: "\t", n: "\n", r: "\r", f: "\f", v: "\v", 0: "\0" };

/**
 * The character the escape at `at` (a backslash) stands for, and where it ends: a class (`\d`) as a character it
 * takes, a code point written as `\u002F`, `\u{1F600}` or `\x2F` (AWS's patterns write `/` and ranges so) as that
 * character, a control escape as its character, any other as the character escaped.
 *
 * @returns {{ char: string, end: number }}
 */
function escapeAt(source, at) {
  const escaped = source[at + 1] ?? "";
  const code = /^(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))/.exec(source.slice(at + 1));
  if (code) {
    const point = Number.parseInt(code[1] ?? code[2] ?? code[3] ?? "", 16);
    return { char: point <= 0x10ffff ? String.fromCodePoint(point) : "", end: at + 1 + code[0].length };
  }
  return { char: CLASS_SAMPLES[escaped] ?? CONTROL_ESCAPES[escaped] ?? escaped, end: at + 2 };
}

/** The least count of the quantifier at `at` (at least one for `+`; one for `*`), and where it ends. */
function quantifier(source, at) {
  const char = source[at];
  let end = at + 1;
  let least = char === "?" ? 0 : 1;
  if (char === "{") {
    const close = source.indexOf("}", at);
    const counts = close > at ? source.slice(at + 1, close).split(",") : [];
    if (!/^\d+$/.test(counts[0] ?? "")) return { least: 1, end: at + 1 }; // a literal "{"
    least = Math.max(Number(counts[0]), 0);
    end = close + 1;
  }
  if (source[end] === "?" || source[end] === "+") end++; // lazy or possessive
  return { least, end };
}

/** The schema's lower and upper bounds, each with whether it is exclusive (OpenAPI 3.0's booleans, 3.1's numbers). */
function boundsOf(schema) {
  const bound = (inclusive, exclusive) =>
    typeof exclusive === "number"
      ? { value: exclusive, open: true }
      : inclusive === undefined
        ? undefined
        : { value: inclusive, open: exclusive === true };
  return { low: bound(schema.minimum, schema.exclusiveMinimum), high: bound(schema.maximum, schema.exclusiveMaximum) };
}

/**
 * A number within the schema's bounds and a multiple of its `multipleOf`: 1 (1.5 for a number) when that fits, else
 * the first that fits of the multiples next to each bound, the bounds' midpoint, and the bounds themselves.
 */
function numberSample(schema, integer) {
  const { low, high } = boundsOf(schema);
  const step = schema.multipleOf > 0 ? schema.multipleOf : integer ? 1 : undefined;
  const nearest = (value) => Number(value.toPrecision(12));
  const candidates = [integer ? 1 : 1.5];
  for (const bound of [low, high]) {
    if (!bound) continue;
    const toward = bound === low ? 1 : -1;
    if (step) {
      const first = (bound === low ? Math.ceil : Math.floor)(bound.value / step);
      candidates.push(nearest(first * step), nearest((first + toward) * step));
    } else candidates.push(bound.value, bound.value + toward);
  }
  if (low && high)
    candidates.push(
      step ? nearest(Math.round((low.value + high.value) / 2 / step) * step) : (low.value + high.value) / 2,
    );
  if (step) candidates.push(0, nearest(step));
  return candidates.find((value) => numberFits(value, schema, integer)) ?? candidates[0];
}

/** Whether `value` is within the schema's bounds and a multiple of its `multipleOf` (an integer when `integer`). */
function numberFits(value, schema, integer) {
  const { low, high } = boundsOf(schema);
  const multiple = schema.multipleOf > 0 ? schema.multipleOf : undefined;
  return (
    Number.isFinite(value) &&
    (!low || value > low.value || (!low.open && value === low.value)) &&
    (!high || value < high.value || (!high.open && value === high.value)) &&
    (!integer || Number.isInteger(value)) &&
    (!multiple || Number.isInteger(Number((value / multiple).toPrecision(12))))
  );
}

/**
 * As many items as `minItems` asks (one at least, unless `maxItems` is 0), each a sample of `items`; with
 * `uniqueItems`, items that differ: enum values in turn, numbered strings, numbers a step apart.
 */
function arraySample(schema, name, depth, forResponse, components) {
  // A recursive schema (a tree's `children: Node[]`) ends in an empty list where one may be empty, before the depth
  // where a sample gives up with null, which no required property of a type takes.
  if (!schema.minItems && depth >= MAX_SAMPLE_DEPTH - 2) return [];
  const count = Math.min(Math.max(schema.minItems ?? 0, 1), schema.maxItems ?? Number.POSITIVE_INFINITY);
  if (!schema.items) return Array.from({ length: schema.minItems ?? 0 }, (_, index) => `${name}-${index + 1}`);
  const first = sampleValue(schema.items, name, depth + 1, forResponse, components);
  if (!schema.uniqueItems || count < 2) return Array.from({ length: count }, () => first);
  const values = schema.items.enum ?? [];
  if (values.length >= count) return values.slice(0, count);
  if (typeof first === "string")
    return Array.from({ length: count }, (_, index) =>
      index ? withLength(`${index + 1}-${name}`, schema.items) : first,
    ); // distinct even when cut short
  if (typeof first === "number") return distinctNumbers(schema.items, first, count);
  return Array.from({ length: count }, () => first);
}

/**
 * `count` distinct numbers of the schema, `first` the first: a step apart on either side of it (its `multipleOf`, or
 * 1 for an integer), or for any number, steps that halve until enough fit between its bounds.
 */
function distinctNumbers(schema, first, count) {
  const integer = firstType(schema) === "integer";
  const fixedStep = schema.multipleOf > 0 ? schema.multipleOf : integer ? 1 : undefined;
  for (let step = fixedStep ?? 1; step >= (fixedStep ?? 2 ** -20); step /= 2) {
    const found = [first];
    for (let distance = 1; found.length < count && distance <= count * 2; distance++) {
      for (const value of [first + distance * step, first - distance * step]) {
        const rounded = Number(value.toPrecision(12));
        if (found.length < count && numberFits(rounded, schema, integer)) found.push(rounded);
      }
    }
    if (found.length === count) return found;
  }
  return Array.from({ length: count }, () => first);
}

const COMPOSITIONS = ["allOf", "oneOf", "anyOf"];

/**
 * The schemas a sample of `schema` must also satisfy: each allOf part, and a oneOf and an anyOf branch
 * ({@link firstBranch}), with the value of a discriminator that names the branch. A part that is a discriminated base
 * ({@link isBaseOf}) gives its own part only, its discriminator naming `subtype`, the schema sampled: generated types
 * read a subtype `allOf` its base so (`Omit<Pet, "petType"> & { petType: "cat" }`), and a base that lists its
 * subtypes would otherwise never end.
 */
function partsOf(schema, components, subtype = schema) {
  const { allOf = [], oneOf = [], anyOf = [] } = schema;
  const parts = allOf.flatMap((part) =>
    isBaseOf(part, subtype)
      ? [withoutKeywords(part, ["oneOf", "anyOf", "discriminator"]), discriminatorPart(part, subtype, components)]
      : [part],
  );
  for (const branches of [oneOf, anyOf]) {
    const branch =
      branches === oneOf && oneOf.length > 1 && !schema.discriminator
        ? oneOfBranch(schema, components)
        : firstBranch(branches);
    parts.push(branch, schema.discriminator && branch ? discriminatorPart(schema, branch, components) : undefined);
  }
  return parts.filter((part) => part && typeof part === "object");
}

/**
 * Whether `part` of `subtype`'s `allOf` is its discriminated base: one that lists no alternatives (Microsoft Graph's
 * `entity` maps every type), or `subtype` among them (`Pet`'s `oneOf` lists `Cat`). A discriminated union that lists
 * other schemas (InfluxDB's `PostCheck` is `allOf` its `CheckDiscriminator`, one of three checks) is a part as it is.
 */
function isBaseOf(part, subtype) {
  if (!part?.discriminator || typeof part !== "object") return false;
  const alternatives = [...(part.oneOf ?? []), ...(part.anyOf ?? [])];
  return (
    alternatives.length === 0 ||
    alternatives.some((alternative) => alternative === subtype || shapeOf(alternative) === shapeOf(subtype))
  );
}

/** A schema whose discriminating property holds the value that names `alternative` of `base`'s discriminator, if any. */
function discriminatorPart(base, alternative, components) {
  const { propertyName } = base.discriminator;
  const value = discriminatorValue(base.discriminator, alternative, components);
  return typeof propertyName === "string" && value !== undefined
    ? { properties: { [propertyName]: { const: value } } }
    : undefined;
}

/** How deep {@link shapeOf} reads a schema: enough to tell a union's alternatives apart, whatever its cycles. */
const SHAPE_DEPTH = 6;

/**
 * The value of `discriminator` that names `alternative`: its mapping's key for the component `alternative` is, else
 * that component's name. The dereferenced spec's schemas are copies, not the components themselves, so the component
 * is the one whose shape `alternative` has ({@link shapeOf}); undefined without `components` or a component of that
 * shape.
 */
function discriminatorValue(discriminator, alternative, components) {
  if (!components) return undefined;
  const shape = shapeOf(alternative);
  const document = { components: { schemas: components } };
  for (const [value, target] of Object.entries(discriminator.mapping ?? {})) {
    // A mapping names a component by its `$ref`, or by its name alone.
    const pointer = String(target).includes("/") ? String(target) : `#/components/schemas/${target}`;
    const component = valueAt(document, pointer);
    if (component && shapeOf(component) === shape) return value;
  }
  return Object.keys(components).find((name) => shapeOf(components[name]) === shape);
}

const shapes = new WeakMap();

/** `schema` written as JSON down to {@link SHAPE_DEPTH} levels of objects: the same for every copy of a component. */
function shapeOf(schema) {
  if (!schema || typeof schema !== "object") return JSON.stringify(schema);
  let shape = shapes.get(schema);
  if (shape === undefined) {
    const write = (value, depth) =>
      value && typeof value === "object"
        ? depth === 0
          ? "…"
          : Array.isArray(value)
            ? `[${value.map((item) => write(item, depth - 1)).join(",")}]`
            : `{${Object.entries(value)
                .map(([key, item]) => `${JSON.stringify(key)}:${write(item, depth - 1)}`)
                .join(",")}}`
        : JSON.stringify(value);
    shape = write(schema, SHAPE_DEPTH);
    shapes.set(schema, shape);
  }
  return shape;
}

/** The branch a sample takes: the first that allows more than `null` (`anyOf: [{ type: "null" }, X]` is an X). */
function firstBranch(branches) {
  return branches.find((branch) => !isNullOnly(branch)) ?? branches[0];
}

/** Whether a branch allows `null` alone. */
const isNullOnly = (branch) =>
  branch?.type === "null" || (Array.isArray(branch?.type) && branch.type.every((t) => t === "null"));

/**
 * The branch a sample of `schema`'s (undiscriminated) `oneOf` takes: the first whose sample no other branch may match,
 * sampled with its required properties, else with all of them (InfluxDB's kinds of variable differ only in an optional
 * `type` of one value; ShipEngine's first carriers require the same names); else {@link firstBranch}. A value that
 * matches several alternatives breaks the `oneOf`, and the fake refuses it. Chosen once per `oneOf`.
 */
function oneOfBranch(schema, components) {
  const branches = schema.oneOf;
  if (oneOfChoices.has(branches)) return oneOfChoices.get(branches) ?? firstBranch(branches);
  oneOfChoices.set(branches, undefined); // a branch that holds the same oneOf takes the first branch meanwhile
  const others = withoutKeywords(schema, ["oneOf"]);
  const sampleOf = (candidate) =>
    sampleValue({ ...others, allOf: [...(schema.allOf ?? []), candidate] }, "value", 0, false, components);
  const matchesAlone = (candidate, branch) => {
    const sample = sampleOf(candidate);
    return branches.every((other) => other === branch || !mayMatch(sample, other));
  };
  const candidates = branches
    .filter((branch) => !isNullOnly(branch))
    .flatMap((branch) => [
      { branch, candidate: branch },
      { branch, candidate: withEveryPropertyRequired(branch, components) },
    ]);
  const chosen = candidates.find(({ branch, candidate }) => candidate && matchesAlone(candidate, branch))?.candidate;
  oneOfChoices.set(branches, chosen);
  return chosen ?? firstBranch(branches);
}

/** Each `oneOf` list's chosen branch ({@link oneOfBranch}); `undefined` while it is being chosen or when none is alone. */
const oneOfChoices = new WeakMap();

/** `branch` merged, requiring every property a request sends (all but `readOnly` ones); `undefined` if it has none. */
function withEveryPropertyRequired(branch, components) {
  const merged = composedOf(branch, components);
  const sent = Object.entries(merged?.properties ?? {}).filter(([, property]) => !property?.readOnly);
  if (!sent.length) return undefined;
  return { ...merged, required: [...new Set([...(merged.required ?? []), ...sent.map(([name]) => name)])] };
}

/** How deep {@link mayMatch} reads a value. */
const MATCH_DEPTH = 8;

/**
 * Whether `value` may match `schema`: false only when a keyword that tells alternatives apart refuses it (`type`,
 * `const`, `enum`, `required`, `additionalProperties: false`, and those of its properties, items and parts). Formats,
 * patterns, lengths and bounds are not read, so a branch no other branch may match is one the fake finds alone.
 */
function mayMatch(value, schema, depth = 0) {
  if (!schema || typeof schema !== "object" || depth > MATCH_DEPTH) return schema !== false;
  if (schema.const !== undefined && !sameJson(value, schema.const)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => sameJson(value, allowed))) return false;
  if (schema.type !== undefined && !typeAllows(schema, value)) return false;
  const deeper = (item, sub) => mayMatch(item, sub, depth + 1);
  if (value && typeof value === "object" && !Array.isArray(value)) {
    if ((schema.required ?? []).some((name) => !Object.hasOwn(value, name))) return false;
    const properties = schema.properties ?? {};
    for (const [name, item] of Object.entries(value)) {
      if (Object.hasOwn(properties, name) ? !deeper(item, properties[name]) : schema.additionalProperties === false)
        return false;
    }
  }
  if (Array.isArray(value) && schema.items && !value.every((item) => deeper(item, schema.items))) return false;
  const { allOf = [], oneOf = [], anyOf = [] } = schema;
  return (
    allOf.every((part) => deeper(value, part)) &&
    [oneOf, anyOf].every((branches) => !branches.length || branches.some((branch) => deeper(value, branch)))
  );
}

/** Whether the schema's `type` (or OpenAPI 3.0's `nullable`) allows `value`. */
function typeAllows(schema, value) {
  const types = [schema.type].flat();
  if (value === null) return types.includes("null") || schema.nullable === true;
  const type = Array.isArray(value) ? "array" : typeof value;
  return types.some(
    (allowed) =>
      allowed === type ||
      (allowed === "integer" && Number.isInteger(value)) ||
      (allowed === "number" && type === "number"),
  );
}

/** Whether two JSON values are equal. */
const sameJson = (first, second) => JSON.stringify(first) === JSON.stringify(second);

/** `schema` without the keywords `left`. */
const withoutKeywords = (schema, left) =>
  Object.fromEntries(Object.entries(schema).filter(([keyword]) => !left.includes(keyword)));

/** `schema` without its allOf, oneOf and anyOf. */
const ownKeywords = (schema) => withoutKeywords(schema, COMPOSITIONS);

/** How many levels of composition a sample merges (Microsoft Graph's subtypes are `allOf` chains six deep). */
const COMPOSITION_LEVELS = 16;

/**
 * `schema` merged with the parts it composes, level after level ({@link withPartsMerged}), into one schema of the same
 * value. A discriminated base met at any level names the subtype sampled: `schema`, or the alternative a discriminated
 * union's sample takes. `undefined` for a composition deeper than {@link COMPOSITION_LEVELS} (a schema that composes
 * itself).
 */
function composedOf(schema, components) {
  let merged = schema;
  let subtype = schema;
  for (let level = 0; partsOf(merged, components, subtype).length; level++) {
    if (level === COMPOSITION_LEVELS) return undefined;
    const branch = discriminatedBranch(merged);
    merged = withPartsMerged(merged, components, subtype);
    subtype = branch ?? subtype;
  }
  return merged;
}

/** The alternative a sample of a discriminated union takes, if `schema` is one. */
const discriminatedBranch = (schema) =>
  schema.discriminator ? firstBranch(schema.oneOf ?? schema.anyOf ?? []) : undefined;

/**
 * `schema` as one schema with the parts it composes ({@link partsOf}): a part that only adds
 * constraints (`required: [url]`, a description) adds them to the whole instead of being sampled
 * alone, and the required names of one allOf part reach properties another part declares. The
 * parts' own compositions are left in `allOf`, for the next level; `subtype` is the schema sampled (the branch a
 * discriminated union's sample takes, for that branch's parts).
 */
function withPartsMerged(schema, components, subtype) {
  const branch = discriminatedBranch(schema);
  return partsOf(schema, components, subtype).reduce(
    (first, second) => mergeSchemas(first, second, components, second === branch ? branch : subtype),
    ownKeywords(schema),
  );
}

/** How {@link mergeSchemas} merges a keyword both schemas declare. */
const MERGED_KEYWORDS = {
  type: sharedTypes,
  properties: mergedProperties,
  required: (first, second) => [...new Set([...first, ...second])],
  items: bothSchemas,
  allOf: (first, second) => [...new Set([...first, ...second])],
};

/** The properties of both maps, in order; one that both declare is {@link bothSchemas} of the two. */
function mergedProperties(first, second) {
  return Object.fromEntries(
    Object.entries({ ...first, ...second }).map(([key, schema]) => [
      key,
      Object.hasOwn(first, key) && Object.hasOwn(second, key) ? bothSchemas(first[key], second[key]) : schema,
    ]),
  );
}

/**
 * A subschema both merged schemas declare: their allOf, merged when it is sampled (merging it now
 * would not end on a recursive schema), and read-only or write-only when either is ({@link objectSample}
 * reads them).
 */
function bothSchemas(first, second) {
  const both = { allOf: [first, second] };
  if (first.readOnly || second.readOnly) both.readOnly = true;
  if (first.writeOnly || second.writeOnly) both.writeOnly = true;
  return both;
}

/**
 * A schema of the values both `first` and `second` allow, as far as sampling reads them (see
 * {@link MERGED_KEYWORDS}); for any other keyword both declare, `first`'s. `second`'s own parts
 * are appended to `allOf`.
 */
function mergeSchemas(first, second, components, subtype) {
  const parts = partsOf(second, components, subtype);
  const next = parts.length ? { ...ownKeywords(second), allOf: parts } : ownKeywords(second);
  const merged = { ...next, ...first };
  for (const [keyword, merge] of Object.entries(MERGED_KEYWORDS)) {
    if (first[keyword] !== undefined && next[keyword] !== undefined)
      merged[keyword] = merge(first[keyword], next[keyword]);
  }
  return merged;
}

/**
 * The types both `type` keywords allow (an integer is also a number), as a `type` keyword; `first`
 * when they share none (no value satisfies both, and the sample has to be something).
 */
function sharedTypes(first, second) {
  const [ones, others] = [[first].flat(), [second].flat()];
  const allows = (types, type) => types.includes(type) || (type === "integer" && types.includes("number"));
  const shared = [...new Set([...ones, ...others])].filter((type) => allows(ones, type) && allows(others, type));
  if (!shared.length) return first;
  return shared.length === 1 ? shared[0] : shared;
}

/**
 * The properties of an object schema with a sample each: for a request, the required ones but `readOnly` ones; for a
 * response, all but `writeOnly` ones. When `minProperties` asks for more, a request's optional properties join, and
 * then properties of the `additionalProperties` schema (`key-1`, …).
 */
function objectSample(schema, depth, forResponse, components) {
  const required = new Set(schema.required ?? []);
  const minimum = schema.minProperties ?? 0;
  const sendable = Object.entries(schema.properties ?? {}).filter(([, sub]) =>
    forResponse ? !sub.writeOnly : !sub.readOnly,
  );
  // A request sends the required properties, then optional ones in order while `minProperties` asks for more.
  const chosen = forResponse
    ? sendable
    : [...sendable.filter(([key]) => required.has(key)), ...sendable.filter(([key]) => !required.has(key))].filter(
        ([key], index) => required.has(key) || index < minimum,
      );
  const sample = Object.fromEntries(
    chosen.map(([key, sub]) => [key, sampleValue(sub, key, depth + 1, forResponse, components)]),
  );
  const extra = typeof schema.additionalProperties === "object" ? schema.additionalProperties : {};
  // A name it requires without declaring it (Loket's `id`) is required all the same: a value of its
  // `additionalProperties` schema, or text.
  const declared = schema.properties ?? {};
  for (const key of schema.additionalProperties === false ? [] : required) {
    if (Object.hasOwn(declared, key) || Object.hasOwn(sample, key)) continue;
    const value = sampleValue(extra, key, depth + 1, forResponse, components);
    Object.defineProperty(sample, key, { value, enumerable: true, writable: true, configurable: true });
  }
  // Then properties of the `additionalProperties` schema, while the declared ones are too few.
  for (let index = 1; index <= minimum && schema.additionalProperties !== false; index++) {
    if (Object.keys(sample).length >= minimum) break;
    sample[`key-${index}`] ??= sampleValue(extra, `key-${index}`, depth + 1, forResponse, components);
  }
  return sample;
}

/**
 * `value` as TypeScript source: unquoted keys where possible, on one line when short,
 * otherwise one entry per line indented under `margin`.
 */
export function literal(value, margin = "") {
  const oneLine = (item) => {
    if (Array.isArray(item)) return `[${item.map(oneLine).join(", ")}]`;
    if (item && typeof item === "object") {
      const entries = Object.entries(item);
      return entries.length
        ? `{ ${entries.map(([name, sub]) => `${objectKey(name)}: ${oneLine(sub)}`).join(", ")} }`
        : "{}";
    }
    return JSON.stringify(item);
  };
  const short = oneLine(value);
  if (short.length + margin.length <= 90 || value === null || typeof value !== "object") return short;
  const inner = `${margin}  `;
  if (Array.isArray(value))
    return `[\n${value.map((item) => `${inner}${literal(item, inner)},`).join("\n")}\n${margin}]`;
  return `{\n${Object.entries(value)
    .map(([name, sub]) => `${inner}${objectKey(name)}: ${literal(sub, inner)},`)
    .join("\n")}\n${margin}}`;
}
