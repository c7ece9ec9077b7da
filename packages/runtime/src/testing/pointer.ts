// JSON pointers (RFC 6901), as the fake names where a value breaks its schema and follows a `$ref` into a schema.

/** `key` as one segment of a JSON pointer: `~` and `/` escaped (`22/tcp` → `22~1tcp`). */
export function pointerKey(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The key one segment of a pointer in a URI fragment names (`22~1tcp`, `updated%20at`): the inverse of {@link pointerKey}, percent-decoded. */
export function keyOfSegment(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~");
}
