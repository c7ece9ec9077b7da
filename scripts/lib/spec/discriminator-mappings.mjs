// A discriminator's `mapping` whose entries name a schema that cannot be found: APIs.guru's bundle of DigitalOcean's
// spec keeps 43 entries naming the split files it was bundled from (`models/droplet_actions.yml#/droplet_action`).
// The entry only names the schema of one value of the discriminating property, which the schemas listed in the
// `oneOf`/`anyOf` beside it already describe, so generation goes on without it and lint warns of it.
import { valueAt } from "./json-pointer.mjs";

/** Whether a lint or bundler location (`…#/…/discriminator/mapping/<value>`) is a discriminator mapping's entry. */
export function isMappingEntry(location) {
  return /\/discriminator\/mapping\/[^/]+$/.test(location);
}

/**
 * `document` (bundled: its references local) without the discriminator mapping entries that name nothing in it: a
 * pointer to nothing, another file, or a name `components.schemas` does not hold. A mapping left empty is removed.
 * A copy: `document` is not changed.
 *
 * @example
 * ```js
 * const schema = { oneOf: [], discriminator: { propertyName: "type", mapping: { a: "models/a.yml", b: "#/components/schemas/B" } } };
 * withoutUnresolvedMappings({ components: { schemas: { B: {}, S: schema } } }).components.schemas.S.discriminator;
 * // { propertyName: "type", mapping: { b: "#/components/schemas/B" } }
 * ```
 * @template T
 * @param {T} document
 * @returns {T}
 */
export function withoutUnresolvedMappings(document) {
  const schemas = /** @type {any} */ (document)?.components?.schemas ?? {};
  const resolves = (target) =>
    typeof target === "string" &&
    (target.startsWith("#") ? valueAt(document, target) !== undefined : Object.hasOwn(schemas, target));
  const seen = new Map();
  const visit = (node) => {
    if (node === null || typeof node !== "object") return node;
    if (seen.has(node)) return seen.get(node);
    const mapping = node.discriminator?.mapping;
    const unresolved =
      mapping && typeof mapping === "object" ? Object.keys(mapping).filter((key) => !resolves(mapping[key])) : [];
    const copy = Array.isArray(node) ? [] : {};
    seen.set(node, copy);
    // Defined, not assigned: a property named `__proto__` (a schema's, a parameter's) stays one.
    for (const [key, value] of Object.entries(node))
      Object.defineProperty(copy, key, { value: visit(value), enumerable: true, writable: true, configurable: true });
    if (unresolved.length > 0) {
      const kept = Object.fromEntries(Object.entries(mapping).filter(([key]) => !unresolved.includes(key)));
      const { mapping: _dropped, ...discriminator } = copy.discriminator;
      copy.discriminator = Object.keys(kept).length > 0 ? { ...discriminator, mapping: kept } : discriminator;
    }
    return copy;
  };
  return visit(document);
}
