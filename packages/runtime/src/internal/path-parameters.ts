import { InvalidPathParameterError } from "../errors.js";
import type { ParameterStyle } from "../meta.js";
import { describeValue, expand, plainText, type RefuseParameter } from "./expansion.js";
import { ownValue } from "./own-properties.js";
import { checkPathSegment } from "./path-segment.js";

const PATH_PARAMETER = /\{([^{}]+)\}/g;

/**
 * openapi-fetch's `pathSerializer` for every keyway client: each `{name}` of the template
 * becomes exactly one segment. `""`, `"."` and `".."` (which URL parsing would collapse,
 * reaching another route), a missing value, a list or object that `styles` (the operation's
 * `path` metadata) does not declare, and anything else but a string or a finite number are
 * refused with {@link InvalidPathParameterError} before a request exists; everything else is
 * percent-encoded, `/ ? # %`, spaces and unicode included.
 *
 * @example
 * ```ts
 * serializePath("https://api.example.com/users/{user_id}", { user_id: "a/b" }); // ".../users/a%2Fb"
 * serializePath("https://api.example.com/users/{user_id}", { user_id: ".." }); // throws InvalidPathParameterError
 * serializePath("https://api.example.com/users/{ids}", { ids: [3, 4] }, { ids: { style: "simple", explode: false } }); // ".../users/3,4"
 * ```
 */
export function serializePath(
  url: string,
  parameters: Record<string, unknown> | undefined,
  styles?: PathStyles,
): string {
  const template = templateOf(url);
  let path = template[0]!;
  for (let index = 1; index < template.length; index += 2) {
    const name = template[index]!;
    path += encodeSegment(name, ownValue(parameters, name), ownValue(styles, name)) + template[index + 1]!;
  }
  return path;
}

/**
 * The first `{name}` of a path template, found once per operation: a call of such an operation must give
 * `params.path`, which openapi-fetch otherwise skips, sending the template's `{name}` as it is.
 */
export function firstPathParameter(template: string): string | undefined {
  return /\{([^{}]+)\}/.exec(template)?.[1];
}

/** The error of a call that gives no `params.path` to a path with parameters, `name` the first of them. */
export function missingPathParameters(name: string): InvalidPathParameterError {
  return new InvalidPathParameterError({
    parameter: name,
    reason: `is missing: give it in the call's params: { path: { ${name}: … } }`,
  });
}

/** An operation's path parameters that are lists, objects, or not of `simple` style (`path` in its metadata). */
export type PathStyles = { readonly [name: string]: ParameterStyle };

// A URL template split once into its text and parameter names, alternating: ["…/users/", "user_id", "/"].
const templates = new Map<string, readonly string[]>();
const MAX_TEMPLATES = 1000;

function templateOf(url: string): readonly string[] {
  let template = templates.get(url);
  if (template) return template;
  template = url.split(PATH_PARAMETER);
  if (templates.size >= MAX_TEMPLATES) templates.clear();
  templates.set(url, template);
  return template;
}

/** How a plain path value is written when the metadata names no style. */
const SIMPLE: ParameterStyle = { style: "simple", explode: false };

function encodeSegment(name: string, value: unknown, style: ParameterStyle | undefined): string {
  if (value === undefined || value === null) refuse(name, "is missing");
  if (!style && typeof value === "object" && plainText(value) === undefined)
    refuse(name, `is ${describeValue(value)}, not a string`);
  const segment = expand(name, value, style ?? SIMPLE, refuse);
  checkPathSegment(name, segment, style !== undefined && style.style !== "simple");
  return segment;
}

const refuse: RefuseParameter = (parameter, reason) => {
  throw new InvalidPathParameterError({ parameter, reason });
};
