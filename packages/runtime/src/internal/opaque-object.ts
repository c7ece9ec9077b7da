/**
 * The type of a built-in object whose data JSON and URLs cannot see, held in internal slots rather than in properties
 * (`"Map"`, `"Set"`, `"Blob"`, `"RegExp"`, `"Promise"`, `"URLSearchParams"`) or spelled index by index (`"Uint8Array"`):
 * `JSON.stringify` writes it as `{}` or `{"0":…}`, with `a` or `an` before it: `"a Map"`, `"an ArrayBuffer"`.
 * `undefined` for plain objects and lists, class instances (whose fields are their data), boxed primitives, and
 * built-ins that hold properties of their own (an `Error` with a `code`). Objects with `toJSON` (a `Date`, a `URL`)
 * should be read through it before they get here.
 */
export function opaqueType(value: object): string | undefined {
  const type = builtInTypeOf(value);
  if (/^(Object|Array|Number|String|Boolean)$/.test(type)) return undefined;
  if (!ArrayBuffer.isView(value) && Object.keys(value).length > 0) return undefined;
  return `${/^[AEIO]/.test(type) ? "an" : "a"} ${type}`;
}

/** The type an object reports of itself (`"Map"`, `"Headers"`, `"Object"`), whichever realm or library made it. */
export function builtInTypeOf(value: object): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}
