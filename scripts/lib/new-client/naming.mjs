// Names a new client's identifiers after its spec: package folder, factory, options, constants.

/** Splits `stack-auth`, `BearerAuth`, `X_API_key`, `APIKey` into words. */
export function words(name) {
  return String(name)
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `BearerAuth` → `bearerAuth`, `X-Api-Key` → `xApiKey`, `APIKey` → `apiKey`. */
export function camelCase(name) {
  const [first = "", ...rest] = words(name);
  return first.toLowerCase() + rest.map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()).join("");
}

/** `stack-auth` → `StackAuth`. */
export function pascalCase(name) {
  const camel = camelCase(name);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** `stack-auth` → `STACK_AUTH`. */
export function constantCase(name) {
  return words(name)
    .map((word) => word.toUpperCase())
    .join("_");
}
