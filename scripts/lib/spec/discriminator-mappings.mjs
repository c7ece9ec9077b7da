// A discriminator's `mapping` whose entries name a schema that cannot be found: APIs.guru's bundle of DigitalOcean's
// spec keeps 43 entries naming the split files it was bundled from (`models/droplet_actions.yml#/droplet_action`).
// The entry only names the schema of one value of the discriminating property, which the schemas listed in the
// `oneOf`/`anyOf` beside it already describe, so generation goes on without it and lint warns of it. An entry that is
// a schema's bare name (`Option One: OptionOneNoDisc`, as OpenAPI allows) is written as that schema's pointer.
import { valueAt } from "./json-pointer.mjs";

/** Whether a lint or bundler location (`…#/…/discriminator/mapping/<value>`) is a discriminator mapping's entry. */
export function isMappingEntry(location) {
  return /\/discriminator\/mapping\/[^/]+$/.test(location);
}

/**
 * `document` (bundled: its references local) with each discriminator mapping's entries as references the type
 * generator resolves: an entry that is a schema's name (OpenAPI lets a mapping name a schema of `components.schemas`
 * instead of pointing at it) becomes that schema's pointer, which openapi-typescript's bundler would otherwise look
 * for as a file; an entry that names nothing in it (a pointer to nothing, another file, an unknown name) is left out.
 * A mapping left empty is removed. A copy: `document` is not changed.
 *
 * @example
 * ```js
 * const mapping = { a: "models/a.yml", b: "#/components/schemas/B", c: "C" };
 * const schema = { oneOf: [], discriminator: { propertyName: "type", mapping } };
 * withResolvableMappings({ components: { schemas: { B: {}, C: {}, S: schema } } }).components.schemas.S.discriminator;
 * // { propertyName: "type", mapping: { b: "#/components/schemas/B", c: "#/components/schemas/C" } }
 * ```
 * @template T
 * @param {T} document
 * @returns {T}
 */
export function withResolvableMappings(document) {
  const schemas = /** @type {any} */ (document)?.components?.schemas ?? {};
  /** The pointer an entry stands for, or undefined when it names nothing in the document. */
  const pointerOf = (target) => {
    if (typeof target !== "string") return undefined;
    if (target.startsWith("#")) return valueAt(document, target) === undefined ? undefined : target;
    return Object.hasOwn(schemas, target) ? `#/components/schemas/${pointerToken(target)}` : undefined;
  };
  const seen = new Map();
  const visit = (node) => {
    if (node === null || typeof node !== "object") return node;
    if (seen.has(node)) return seen.get(node);
    const copy = Array.isArray(node) ? [] : {};
    seen.set(node, copy);
    // Defined, not assigned: a property named `__proto__` (a schema's, a parameter's) stays one.
    for (const [key, value] of Object.entries(node)) define(copy, key, visit(value));
    const mapping = node.discriminator?.mapping;
    if (mapping && typeof mapping === "object") {
      const resolved = {};
      for (const [value, target] of Object.entries(mapping)) {
        const pointer = pointerOf(target);
        if (pointer !== undefined) define(resolved, value, pointer);
      }
      const { mapping: _written, ...discriminator } = copy.discriminator;
      copy.discriminator = Object.keys(resolved).length > 0 ? { ...discriminator, mapping: resolved } : discriminator;
    }
    return copy;
  };
  return visit(document);
}

/** A name as one token of a JSON pointer (RFC 6901: `~` as `~0`, `/` as `~1`), percent-encoded as a URI fragment's. */
const pointerToken = (name) => encodeURIComponent(name.replace(/~/g, "~0").replace(/\//g, "~1"));

const define = (target, key, value) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
