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

/**
 * Words a client's variable cannot be: JavaScript's reserved words (in a module, strict mode's too) and the names the
 * generated samples and tests declare or import beside it.
 */
const TAKEN_NAMES = new Set(
  [
    "arguments await break case catch class const continue debugger default delete do else enum eval export extends",
    "false finally for function if implements import in instanceof interface let new null package private protected",
    "public return static super switch this throw true try typeof var void while with yield undefined NaN Infinity",
    "afterEach beforeEach describe expect it vi fake server servers data error response request quick process",
  ]
    .join(" ")
    .split(" "),
);

/** The variable a sample holds the client in: `petstore`, or `deleteClient` for a spec named `delete`. */
export function clientVariable(name) {
  const camel = camelCase(name);
  return TAKEN_NAMES.has(camel) ? `${camel}Client` : camel;
}

/** A package folder name (`@keyway/<name>`): a lower-case letter, then lower-case letters, digits and dashes. */
const PACKAGE_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * What `name` lacks to name a package folder, with a name it could be (`MyApi` → `my-api`), or `undefined` when it
 * can.
 *
 * @example
 * ```js
 * packageNameProblem("MyApi"); // 'must start with a lower-case letter and hold only lower-case letters, digits and dashes (e.g. "my-api")'
 * ```
 */
export function packageNameProblem(name) {
  if (typeof name === "string" && PACKAGE_NAME.test(name)) return undefined;
  const rule = "must start with a lower-case letter and hold only lower-case letters, digits and dashes";
  const kebab = words(name ?? "")
    .join("-")
    .toLowerCase();
  if (/^[0-9]/.test(kebab)) return `${rule} (spell a leading number out, or put a word before it)`;
  return PACKAGE_NAME.test(kebab) ? `${rule} (e.g. "${kebab}")` : rule;
}
