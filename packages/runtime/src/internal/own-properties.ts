// Lookups and writes by a name a spec or a caller chose. A spec may name a parameter, a property or a scheme
// `constructor`, `toString` or `__proto__`: read with `record[name]`, such a name finds what every object inherits,
// and written with `record[name] = value`, `__proto__` replaces the object's prototype instead of adding a property.

/**
 * The value `record` holds under `key` itself, never one it inherits.
 *
 * @example
 * ```ts
 * const styles = { ids: { style: "form", explode: false } };
 * ownValue(styles, "ids"); // { style: "form", explode: false }
 * ownValue(styles, "toString"); // undefined, not Object.prototype.toString
 * ```
 */
export function ownValue<Value>(record: { readonly [key: string]: Value } | undefined, key: string): Value | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Sets `key` on `target` as a property of its own, even `__proto__`.
 *
 * @example
 * ```ts
 * const params: Record<string, unknown> = {};
 * defineValue(params, "__proto__", "x");
 * Object.keys(params); // ["__proto__"]
 * ```
 */
export function defineValue(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
