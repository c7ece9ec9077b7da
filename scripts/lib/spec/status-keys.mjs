// The keys of an operation's `responses` as specs write them in the wild: a range in lower case (`2xx`, which some
// tools write; OpenAPI says `2XX`) or a status with spaces around it (`"200 "`). openapi-typescript keeps each key as
// written and openapi-fetch types a call's data and error by `2XX`, `200`, … alone, so either typed the call's `data`
// as `never`. Generation reads each as the key it means; lint warns of each.
import { METHODS } from "./meta.mjs";

/** A status OpenAPI allows as a `responses` key: a code from 100 to 599, a range from `1XX` to `5XX`, or `default`. */
const STATUS_KEY = /^(?:[1-5]\d\d|[1-5]XX|default)$/;

/**
 * The key `key` stands for: trimmed, a range's `xx` in upper case (`2xx` → `2XX`), `default` in lower case. A key that
 * is no status even so (`20X`, `ok`) is returned trimmed, and a specification extension (`x-…`) as it is.
 *
 * @example
 * ```js
 * canonicalStatus(" 2xx"); // "2XX"
 * canonicalStatus("200 "); // "200"
 * ```
 * @param {string} key a `responses` key
 */
export function canonicalStatus(key) {
  if (key.startsWith("x-")) return key;
  const trimmed = key.trim();
  if (/^[1-5]xx$/i.test(trimmed)) return trimmed.toUpperCase();
  return /^default$/i.test(trimmed) ? "default" : trimmed;
}

/** Whether `key` (canonical) is a status OpenAPI allows, or a specification extension. */
export function isStatusKey(key) {
  return key.startsWith("x-") || STATUS_KEY.test(key);
}

/**
 * Every `responses` map of `document`'s operations (paths, webhooks, components' path items, and their callbacks),
 * with its JSON pointer.
 *
 * @returns {Array<{ pointer: string, responses: Record<string, unknown> }>}
 */
export function responseMaps(document) {
  const maps = [];
  const visitPathItems = (items, pointer) => {
    for (const [name, item] of Object.entries(items ?? {})) {
      if (item === null || typeof item !== "object") continue;
      for (const method of METHODS) {
        const operation = item[method];
        if (operation === null || typeof operation !== "object") continue;
        const at = `${pointer}/${pointerToken(name)}/${method}`;
        const responses = operation.responses;
        if (responses !== null && typeof responses === "object" && !Array.isArray(responses))
          maps.push({ pointer: `${at}/responses`, responses });
        for (const [callback, expressions] of Object.entries(operation.callbacks ?? {}))
          visitPathItems(expressions, `${at}/callbacks/${pointerToken(callback)}`);
      }
    }
  };
  visitPathItems(document?.paths, "#/paths");
  visitPathItems(document?.webhooks, "#/webhooks");
  visitPathItems(document?.components?.pathItems, "#/components/pathItems");
  return maps;
}

/**
 * The `responses` keys of `document` that are not written as OpenAPI writes them: each with its pointer, the key it
 * stands for (`canonical`) and whether the same responses declare that key already (`shadowed`: the one written
 * right is kept), or that are no status at all (`canonical` undefined).
 *
 * @example
 * ```js
 * statusKeySlips({ paths: { "/a": { get: { responses: { "2xx": {}, 404: {} } } } } });
 * // [{ pointer: "#/paths/~1a/get/responses/2xx", key: "2xx", canonical: "2XX", shadowed: false }]
 * ```
 * @returns {Array<{ pointer: string, key: string, canonical: string | undefined, shadowed: boolean }>}
 */
export function statusKeySlips(document) {
  /** @type {Array<{ pointer: string, key: string, canonical: string | undefined, shadowed: boolean }>} */
  const slips = [];
  for (const { pointer, responses } of responseMaps(document)) {
    for (const key of Object.keys(responses)) {
      const canonical = canonicalStatus(key);
      if (canonical === key && isStatusKey(key)) continue;
      const known = isStatusKey(canonical);
      slips.push({
        pointer: `${pointer}/${pointerToken(key)}`,
        key,
        canonical: known ? canonical : undefined,
        shadowed: known && Object.hasOwn(responses, canonical),
      });
    }
  }
  return slips;
}

/**
 * A copy of `document` whose operations' `responses` keys are each the key it stands for ({@link canonicalStatus}):
 * `2xx` becomes `2XX`, `"200 "` becomes `200`. A key whose canonical form the responses declare as well is dropped
 * (the one written right is kept). `document` itself is left as it is; unchanged parts are shared.
 *
 * @example
 * ```js
 * withStatusKeysNormalized({ paths: { "/a": { get: { responses: { "2xx": { description: "ok" } } } } } });
 * // { paths: { "/a": { get: { responses: { "2XX": { description: "ok" } } } } } }
 * ```
 */
export function withStatusKeysNormalized(document) {
  const slips = statusKeySlips(document).filter(({ canonical }) => canonical !== undefined);
  if (slips.length === 0) return document;
  const copy = structuredClone(document);
  for (const { pointer, responses } of responseMaps(copy)) {
    if (!slips.some((slip) => slip.pointer.startsWith(`${pointer}/`))) continue;
    const entries = Object.entries(responses);
    for (const key of Object.keys(responses)) delete responses[key];
    for (const [key, response] of entries) {
      const canonical = canonicalStatus(key);
      if (canonical === key || !isStatusKey(canonical)) responses[key] = response;
      else if (!entries.some(([other]) => other === canonical)) responses[canonical] ??= response;
    }
  }
  return copy;
}

/** A JSON pointer's token for `key` (RFC 6901). */
function pointerToken(key) {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}
