// JSON pointers (RFC 6901), as the fake names where a value breaks its schema and follows a `$ref` into a schema.
import type { SpecData } from "./spec-data.js";

/** `key` as one segment of a JSON pointer: `~` and `/` escaped (`22/tcp` → `22~1tcp`). */
export function pointerKey(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The key one segment of a pointer in a URI fragment names (`22~1tcp`, `updated%20at`): the inverse of {@link pointerKey}, percent-decoded. */
export function keyOfSegment(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~");
}

/**
 * The schema a `#/components/schemas/…` pointer names in the spec data (a component, or a part of one:
 * `#/components/schemas/Tag/allOf/0`), if any.
 */
export function schemaAt(ref: string, spec: SpecData): unknown {
  const [name, ...path] = ref
    .replace(/^#\/components\/schemas\//, "")
    .split("/")
    .map(keyOfSegment);
  let node: unknown = ref.startsWith("#/components/schemas/") ? spec.schemas[name!] : undefined;
  for (const segment of path)
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
  return node;
}
