// Reading query, path, header and cookie parameters and form bodies as a keyway client writes them (each parameter in
// its spec's style: lists, objects, `label` and `matrix` paths, bracketed form fields) into the values the spec's
// schemas describe. What cannot be read is described by where it is and the rule it breaks, never by its value.
import type { ParameterStyle } from "../meta.js";
import {
  coerce,
  declaredKindsOf,
  declaresProperty,
  itemSchema,
  kindsOf,
  propertySchema,
  type Kind,
} from "./schema-shapes.js";
import type { JsonSchema, ParameterData, SpecData } from "./spec-data.js";
import { pointerKey } from "./pointer.js";
import { defineValue } from "../internal/own-properties.js";

/** A value read, or the rule it breaks and where inside it (a JSON pointer, `""` for the value itself). */
export type Reading = { readonly value: unknown } | { readonly malformed: string; readonly at: string };

/** The query parameters of a request, read. */
export interface QueryReading {
  /** Each declared parameter that was sent, by name. */
  readonly values: ReadonlyMap<string, Reading>;
  /** Names of fields that no declared parameter takes. */
  readonly undeclared: readonly string[];
}

/**
 * How a top-level form field of JSON text is read: `"value"`, sent once as JSON text; `"items"`, a list sent one field
 * of JSON text per item (as a multipart form sends a list, one part per item).
 */
export type JsonField = "value" | "items";

/** Why text cannot be read as its style writes it; thrown inside a reader, returned as a {@link Reading}. */
class Malformed extends Error {
  constructor(
    readonly rule: string,
    readonly at = "",
  ) {
    super(rule);
  }
}

/** A field's name and value as sent, its value still percent-encoded (its delimiters are told apart from its text). */
interface Field {
  readonly name: string;
  readonly raw: string;
}

/** The fields sent under one name: values given for it, and fields nested in it with brackets (`name[key]`). */
interface Node {
  readonly texts: string[];
  readonly children: Map<string, Node>;
}

/** How a path parameter is written when its metadata names no style: one plain segment. */
export const SIMPLE: ParameterStyle = { style: "simple", explode: false };

/** What separates the parts of a query value that is not exploded, per style, as sent (a space as `%20` or `+`). */
const DELIMITERS: { readonly [style: string]: string | RegExp } = {
  form: ",",
  spaceDelimited: /%20|\+/,
  pipeDelimited: "|",
};
const DELIMITER_NAMES: { readonly [style: string]: string } = {
  form: "comma",
  spaceDelimited: "space",
  pipeDelimited: "pipe",
};
const INDEX = /^(?:0|[1-9]\d{0,8})$/;
/** The deepest a bracketed name is read; the client writes no deeper. */
const MAX_DEPTH = 64;

/**
 * Reads a query string (`?a=1&b=2`) for an operation's parameters: a parameter without a style as the client writes
 * one by default (a plain value, a list repeated, an object's fields in brackets), one with a style as that style
 * writes it, and a `form` object that is exploded from the fields no other parameter takes; with `namedOnly`, from
 * those of them its schema names (cookies, where the app's own are no parameter's).
 */
export function readQuery(
  search: string,
  parameters: readonly ParameterData[],
  spec: SpecData,
  namedOnly = false,
): QueryReading {
  const declared = new Map(
    parameters.filter((parameter) => parameter.in === "query").map((parameter) => [parameter.name, parameter]),
  );
  const nodes = new Map<string, Node>();
  const others: Field[] = [];
  for (const field of fieldsOf(search.replace(/^\?/, ""))) {
    // A name the spec declares as it is (`page[size]`) is that parameter; otherwise brackets nest in one.
    const keys = declared.has(field.name) ? [field.name] : keysOf(field.name);
    const parameter = declared.get(keys[0]!);
    if (!parameter) others.push(field);
    else addField(nodes, [parameter.name, ...keys.slice(1)], field.raw);
  }

  // An exploded `form` object is sent as its properties: it takes the fields no other parameter does.
  const collectors = [...declared.values()].filter((parameter) => collectsFields(parameter, spec));
  const collected = new Map<string, Field[]>();
  const undeclared: string[] = [];
  for (const field of others) {
    const owner =
      collectors.find((parameter) => declaresProperty(parameter.schema, field.name, spec)) ??
      (namedOnly ? undefined : collectors[0]);
    if (owner) collected.set(owner.name, [...(collected.get(owner.name) ?? []), field]);
    else undeclared.push(field.name);
  }

  const values = new Map<string, Reading>();
  for (const parameter of declared.values()) {
    const node = nodes.get(parameter.name);
    const fields = collected.get(parameter.name);
    if (node) {
      values.set(
        parameter.name,
        reading(() => queryValue(node, parameter, spec)),
      );
      // Sent as a value of its own, it takes no other field.
      if (fields) undeclared.push(...fields.map((field) => field.name));
    } else if (fields) {
      values.set(
        parameter.name,
        reading(() => collectedObject(fields, parameter.schema, spec)),
      );
    }
  }
  return { values, undeclared: [...new Set(undeclared)] };
}

/**
 * Reads the `Cookie` header for an operation's cookie parameters as a keyway client writes them: `name=value`
 * percent-encoded, a list or an object joined by commas, or when exploded one cookie per value (an object's properties
 * as cookies of their own, those its schema names). That is a query's `form` style with `; ` for `&`, and it is read
 * as one; a cookie of another name (the app's own) is no parameter's, and a `&` or `+` in it is nothing but text.
 */
export function readCookies(header: string, parameters: readonly ParameterData[], spec: SpecData): QueryReading {
  const cookies = parameters
    .filter((parameter) => parameter.in === "cookie")
    .map(
      (parameter): ParameterData => ({
        ...parameter,
        in: "query",
        style: { style: "form", explode: parameter.style?.explode ?? true },
      }),
    );
  const search = header
    .split(";")
    .map((pair) => pair.trim().replace(/&/g, "%26").replace(/\+/g, "%2B"))
    .filter(Boolean)
    .join("&");
  return readQuery(search, cookies, spec, true);
}

/**
 * Reads a path parameter from its segment as sent (still percent-encoded): a plain value, or in its style a list
 * (`3,4`, `.3.4`, `;id=3;id=4`) or an object (`a=1,b=2`, `.a,1,b,2`, `;id=a,1,b,2`).
 */
export function readPath(raw: string, parameter: ParameterData, spec: SpecData): Reading {
  return reading(() => {
    const style = parameter.style ?? SIMPLE;
    const { schema } = parameter;
    const kind = kindToRead(kindsOf(schema, spec));
    let text = raw;
    if (style.style === "label" || style.style === "matrix") {
      const prefix = style.style === "label" ? "." : ";";
      if (!raw.startsWith(prefix))
        throw new Malformed(`does not start with "${prefix}", as its style (${describe(style)}) writes it`);
      text = raw.slice(1);
    }
    if (style.style === "matrix") return matrixValue(text, parameter.name, kind, style, schema, spec);
    if (kind === "scalar") return coerce(pathDecoded(text), schema, spec);
    const parts = text.split(style.style === "label" && style.explode ? "." : ",");
    if (kind === "array") return listOf(parts.map(pathDecoded), schema, spec);
    return style.explode
      ? keyValueObject(parts, pathDecoded, schema, spec, style)
      : pairedObject(parts.map(pathDecoded), schema, spec, style, "comma");
  });
}

/**
 * Reads a header parameter's value in its style (`simple`, the only one headers take): a plain value, a list of
 * comma-separated items (the spaces around each are none of it: `Headers` joins a list's items with ", "), or an
 * object's keys and values in turn (`x,1,on,true`), `key=value` parts when exploded.
 */
export function readHeader(raw: string, parameter: ParameterData, spec: SpecData): Reading {
  return reading(() => {
    const { schema } = parameter;
    const kind = kindToRead(kindsOf(schema, spec));
    if (kind === "scalar") return coerce(raw, schema, spec);
    const parts = raw.split(",").map((part) => part.replace(LIST_ITEM_SPACES, ""));
    if (kind === "array") return listOf(parts, schema, spec);
    const style = parameter.style ?? SIMPLE;
    return style.explode
      ? keyValueObject(parts, (text) => text, schema, spec, style)
      : pairedObject(parts, schema, spec, style, "comma");
  });
}

/** The spaces and tabs around an item of a header's list (RFC 9110 §5.6.1). */
const LIST_ITEM_SPACES = /^[\t ]+|[\t ]+$/g;

/**
 * Reads an `application/x-www-form-urlencoded` body: fields nested with brackets (`metadata[plan]=pro`,
 * `items[0][price]=p_1`) as objects and lists, a repeated field as a list, values read by the body's schema; a
 * top-level field named in `json` (its spec's `encoding` gives a JSON `contentType`) as JSON text.
 */
export function readForm(
  text: string,
  schema: JsonSchema,
  spec: SpecData,
  json: ReadonlyMap<string, JsonField> = new Map(),
): Reading {
  return reading(() => {
    const root = new Map<string, Node>();
    for (const field of fieldsOf(text)) addField(root, keysOf(field.name), field.raw);
    if (root.size === 0) return {};
    const fields = new Map([...root].filter(([name]) => !json.has(name)));
    const value = fields.size ? nodeValue({ texts: [], children: fields }, schema, spec, "", 0, true) : {};
    for (const [name, node] of root) {
      const read = json.get(name);
      if (read) defineValue(value as Record<string, unknown>, name, jsonValue(node, `/${pointerKey(name)}`, read));
    }
    return value;
  });
}

function reading(read: () => unknown): Reading {
  try {
    return { value: read() };
  } catch (error) {
    if (error instanceof Malformed) return { malformed: error.rule, at: error.at };
    throw error;
  }
}

/** The fields of a query string or form body in order: names decoded, values as sent. */
function fieldsOf(text: string): Field[] {
  const fields: Field[] = [];
  for (const part of text.split("&")) {
    if (part === "") continue;
    const equals = part.indexOf("=");
    fields.push(
      equals === -1
        ? { name: formDecoded(part), raw: "" }
        : { name: formDecoded(part.slice(0, equals)), raw: part.slice(equals + 1) },
    );
  }
  return fields;
}

/** `metadata[plan]` as `["metadata", "plan"]`; a name whose brackets do not pair up is one key. */
function keysOf(name: string): string[] {
  const open = name.indexOf("[");
  if (open <= 0 || !/^(?:\[[^[\]]*\])+$/.test(name.slice(open))) return [name];
  return [name.slice(0, open), ...[...name.slice(open).matchAll(/\[([^[\]]*)\]/g)].map((match) => match[1]!)];
}

function addField(roots: Map<string, Node>, keys: readonly string[], raw: string): void {
  let children = roots;
  let node: Node | undefined;
  for (const key of keys) {
    node = children.get(key);
    if (!node) children.set(key, (node = { texts: [], children: new Map() }));
    children = node.children;
  }
  node?.texts.push(raw);
}

/**
 * Whether the parameter is an object sent exploded in `form` style (`spaceDelimited` and `pipeDelimited` explode as
 * `form` does), each property a field of its own. Only a schema that says it may be an object takes the fields: one
 * that says nothing would take every misspelt field.
 */
function collectsFields(parameter: ParameterData, spec: SpecData): boolean {
  const style = parameter.style;
  return (
    !parameter.json &&
    style !== undefined &&
    style.explode &&
    style.style !== "deepObject" &&
    declaredKindsOf(parameter.schema, spec).has("object")
  );
}

function queryValue(node: Node, parameter: ParameterData, spec: SpecData): unknown {
  const { style, schema } = parameter;
  if (parameter.json) return jsonValue(node, "");
  // Without a style, as the client writes by default: plain values and lists as `form`, objects as `deepObject`.
  if (!style || style.style === "deepObject") return nodeValue(node, schema, spec, "", 0, false);
  if (node.children.size > 0)
    throw new Malformed(`has fields nested in brackets, which its style (${describe(style)}) does not write`);
  if (style.explode) return textsValue(node.texts, schema, spec, "", false);
  const raw = onlyText(node, `its style (${describe(style)}) writes it once`);
  const kind = kindToRead(kindsOf(schema, spec));
  if (kind === "scalar") return coerce(formDecoded(raw), schema, spec);
  const parts = raw.split(DELIMITERS[style.style] ?? ",").map(formDecoded);
  if (kind === "array") return listOf(parts, schema, spec);
  return pairedObject(parts, schema, spec, style, DELIMITER_NAMES[style.style] ?? "comma");
}

/** The value of a field the spec sends as JSON text, read as `read` says; no fields nested in brackets. */
function jsonValue(node: Node, at: string, read: JsonField = "value"): unknown {
  if (node.children.size > 0)
    throw new Malformed("has fields nested in brackets, but the spec sends it as JSON text", at);
  if (read === "items") return node.texts.map((raw, index) => parsedJson(raw, `${at}/${index}`));
  return parsedJson(onlyText(node, "the spec sends it once, as JSON text", at), at);
}

function parsedJson(raw: string, at: string): unknown {
  try {
    return JSON.parse(formDecoded(raw));
  } catch {
    throw new Malformed("is not valid JSON", at);
  }
}

/** The one value a parameter is sent as; sent more than once, it is refused (`once`: how it should be sent). */
function onlyText(node: Node, once: string, at = ""): string {
  if (node.texts.length > 1) throw new Malformed(`is sent ${node.texts.length} times, but ${once}`, at);
  return node.texts[0]!;
}

/**
 * The value of a field and the fields nested in it, read by the schema: an object, or a list when it is indexed. In a
 * `form` body, an empty value is `null` where the schema allows it.
 */
function nodeValue(node: Node, schema: JsonSchema, spec: SpecData, at: string, depth: number, form: boolean): unknown {
  if (node.children.size === 0) return textsValue(node.texts, schema, spec, at, form);
  if (node.texts.length > 0) throw new Malformed("is sent both as a value and as fields nested in brackets", at);
  if (depth >= MAX_DEPTH) throw new Malformed(`nests deeper than ${MAX_DEPTH} levels`, at);
  const keys = [...node.children.keys()];
  if (kindsOf(schema, spec).has("array") && keys.every((key) => INDEX.test(key))) {
    // Indexed as the client writes lists (`expand[0]=a`); an index left out (an undefined item) closes up.
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((index, position) =>
        nodeValue(
          node.children.get(String(index))!,
          itemSchema(schema, position, spec),
          spec,
          `${at}/${position}`,
          depth + 1,
          form,
        ),
      );
  }
  const object: Record<string, unknown> = {};
  for (const [key, child] of node.children) {
    defineValue(
      object,
      key,
      nodeValue(child, propertySchema(schema, key, spec), spec, `${at}/${pointerKey(key)}`, depth + 1, form),
    );
  }
  return object;
}

/** The values sent under one name: a list when repeated or when the schema takes only lists, else one value. */
function textsValue(texts: readonly string[], schema: JsonSchema, spec: SpecData, at: string, form: boolean): unknown {
  const kinds = kindsOf(schema, spec);
  if (texts.length > 1 || (kinds.has("array") && !kinds.has("scalar"))) {
    if (!kinds.has("array")) throw new Malformed(`is sent ${texts.length} times, but takes one value`, at);
    return listOf(texts.map(formDecoded), schema, spec, form);
  }
  return coerce(formDecoded(texts[0] ?? ""), schema, spec, form);
}

/** An exploded `form` object: each field its own property. */
function collectedObject(fields: readonly Field[], schema: JsonSchema, spec: SpecData): unknown {
  const texts = new Map<string, string[]>();
  for (const field of fields) texts.set(field.name, [...(texts.get(field.name) ?? []), field.raw]);
  const object: Record<string, unknown> = {};
  for (const [key, values] of texts)
    defineValue(object, key, textsValue(values, propertySchema(schema, key, spec), spec, `/${pointerKey(key)}`, false));
  return object;
}

/** A `matrix` value (its `;` taken off): `id=7`, `id=3;id=4` or `id=3,4`, `a=1;b=2` or `id=a,1,b,2`. */
function matrixValue(
  text: string,
  name: string,
  kind: Kind,
  style: ParameterStyle,
  schema: JsonSchema,
  spec: SpecData,
): unknown {
  const parts = text.split(";");
  if (kind === "object" && style.explode) return keyValueObject(parts, pathDecoded, schema, spec, style);
  const values = parts.map((part) => {
    const equals = part.indexOf("=");
    if (pathDecoded(equals === -1 ? part : part.slice(0, equals)) !== name)
      throw new Malformed(`does not name itself (;${name}=…), as its style (${describe(style)}) writes it`);
    return equals === -1 ? "" : part.slice(equals + 1);
  });
  if (kind === "array" && style.explode) return listOf(values.map(pathDecoded), schema, spec);
  if (values.length > 1)
    throw new Malformed(`is written ${values.length} times, but its style (${describe(style)}) writes it once`);
  if (kind === "scalar") return coerce(pathDecoded(values[0]!), schema, spec);
  const items = values[0]!.split(",").map(pathDecoded);
  return kind === "array" ? listOf(items, schema, spec) : pairedObject(items, schema, spec, style, "comma");
}

function listOf(texts: readonly string[], schema: JsonSchema, spec: SpecData, form = false): unknown[] {
  return texts.map((text, index) => coerce(text, itemSchema(schema, index, spec), spec, form));
}

/** An exploded object: `key=value` parts. */
function keyValueObject(
  parts: readonly string[],
  decoded: (raw: string) => string,
  schema: JsonSchema,
  spec: SpecData,
  style: ParameterStyle,
): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const part of parts) {
    const equals = part.indexOf("=");
    if (equals === -1)
      throw new Malformed(`is not written as key=value parts, as its style (${describe(style)}) writes an object`);
    const key = decoded(part.slice(0, equals));
    defineValue(object, key, coerce(decoded(part.slice(equals + 1)), propertySchema(schema, key, spec), spec));
  }
  return object;
}

/** An object not exploded: keys and values alternating. */
function pairedObject(
  parts: readonly string[],
  schema: JsonSchema,
  spec: SpecData,
  style: ParameterStyle,
  delimiter: string,
): Record<string, unknown> {
  if (parts.length % 2 !== 0) {
    throw new Malformed(
      `has an odd number of ${delimiter}-separated parts, but its style (${describe(style)}) writes an object as keys and values in turn`,
    );
  }
  const object: Record<string, unknown> = {};
  for (let index = 0; index < parts.length; index += 2) {
    const key = parts[index]!;
    defineValue(object, key, coerce(parts[index + 1]!, propertySchema(schema, key, spec), spec));
  }
  return object;
}

/** Which kind a value written as one piece of text is read as, when its schema allows several: the plainest. */
function kindToRead(kinds: ReadonlySet<Kind>): Kind {
  return kinds.has("scalar") ? "scalar" : kinds.has("array") ? "array" : "object";
}

/** Query or form text decoded as `URLSearchParams` decodes it: `+` is a space, a broken escape U+FFFD. */
function formDecoded(raw: string): string {
  if (!/[%+]/.test(raw)) return raw;
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return new URLSearchParams(`x=${raw}`).get("x") ?? "";
  }
}

/** Path text percent-decoded (a `+` stays a `+`); a broken escape is refused. */
function pathDecoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new Malformed("is not valid percent-encoded UTF-8");
  }
}

function describe({ style, explode }: ParameterStyle): string {
  return `${style}, ${explode ? "exploded" : "not exploded"}`;
}
