// Schema slips of real vendor specs that Redocly reports as structural errors but that do not change
// what generation produces, 3.0 server variables whose `enum` leaves out their `default` (Redocly errs in every version),
// and `responses` keys written otherwise than OpenAPI writes a status. The default lint profile reports them as warnings naming the spelling
// the document's version wants; the strict profile keeps them errors.
import { valueAt } from "./json-pointer.mjs";
import { statusKeySlips } from "./status-keys.mjs";

/**
 * The warning a structural error becomes when it is one of these slips, or undefined:
 * - OpenAPI 3.1 type spellings in a 3.0 document: `type: "null"` and a list of types (read with
 *   their 3.1 meaning, as openapi-typescript does: `null` and a union);
 * - a schema's `examples` that is not a list in a 3.1 document (usually the media type's map of
 *   Example objects): generation and the /testing fake read only a list, so it is ignored.
 *
 * @param {{ rule: string, severity: "error" | "warn", message: string, where: string }} problem a `struct` problem
 * @param {any} document the parsed spec the problem is in
 * @example
 * ```js
 * const problem = { rule: "struct", severity: "error", where: "specs/a.yaml:9:5 #/components/schemas/A/type", message: "…" };
 * schemaSlip(problem, { openapi: "3.0.3", components: { schemas: { A: { type: "null" } } } });
 * // { rule: "keyway/openapi-3.1-in-3.0", severity: "warn", … }
 * ```
 */
export function schemaSlip(problem, document) {
  if (problem.rule !== "struct") return undefined;
  const version = String(document?.openapi);
  const pointer = problem.where.split(" ").pop() ?? "";
  if (version.startsWith("3.0") && pointer.endsWith("/type")) {
    const type = valueAt(document, pointer);
    if (type === "null" || Array.isArray(type)) {
      return {
        ...problem,
        rule: "keyway/openapi-3.1-in-3.0",
        severity: "warn",
        message:
          type === "null"
            ? '`type: "null"` is OpenAPI 3.1; read as null (the 3.0 spelling: nullable: true on the other schemas)'
            : "a list of types is OpenAPI 3.1; read as a union (the 3.0 spelling: oneOf, or nullable: true for null)",
      };
    }
  }
  if (version.startsWith("3.1") && pointer.endsWith("/examples") && /^Expected type `array`/.test(problem.message)) {
    return {
      ...problem,
      rule: "keyway/ignored-property",
      severity: "warn",
      message:
        "a schema's `examples` is a list in OpenAPI 3.1 (a map of Example objects belongs to a media type), so generation ignores it",
    };
  }
  return undefined;
}

/**
 * The warning Redocly's `no-server-variables-empty-enum` error becomes in an OpenAPI 3.0 document, or undefined: 3.0
 * says only that a server variable's `enum` SHOULD NOT be empty and that its `default` SHOULD be one of its values
 * (3.1 makes both MUST, so there it stays an error). Generation reads a variable's `default` and never its `enum`.
 *
 * @param {{ rule: string, severity: "error" | "warn", message: string, where: string }} problem
 * @param {any} document the parsed spec the problem is in
 * @example
 * ```js
 * const servers = [{ url: "https://{env}.example.com", variables: { env: { default: "{env}", enum: ["live", "test"] } } }];
 * const problem = { rule: "no-server-variables-empty-enum", severity: "error", where: "specs/a.json:1:20 #/servers", message: "…" };
 * serverVariableSlip(problem, { openapi: "3.0.0", servers });
 * // { rule: "keyway/server-variable-enum", severity: "warn", message: "…`env` (default \"{env}\", enum live, test)…", … }
 * ```
 */
export function serverVariableSlip(problem, document) {
  if (problem.rule !== "no-server-variables-empty-enum" || !String(document?.openapi).startsWith("3.0"))
    return undefined;
  const offenders = (Array.isArray(document.servers) ? document.servers : [])
    .flatMap((server) => Object.entries(server?.variables ?? {}))
    .filter(([, variable]) => Array.isArray(variable?.enum) && !variable.enum.includes(variable.default))
    .map(
      ([name, variable]) =>
        `\`${name}\` (default ${JSON.stringify(variable.default)}, enum ${variable.enum.join(", ") || "empty"})`,
    );
  return {
    ...problem,
    rule: "keyway/server-variable-enum",
    severity: "warn",
    message: `a server variable's \`enum\` is empty or leaves out its \`default\`, which OpenAPI 3.0 allows (3.1 does not): ${offenders.join("; ")}. Generation uses the default and ignores the enum`,
  };
}

/**
 * A warning (an error in the strict profile) for each `responses` key of `document` that is not written as OpenAPI
 * writes a status (status-keys.mjs): a range in lower case or a status with spaces around it, which generation reads
 * as the status it stands for, and a key that is no status, which types no call. Redocly accepts `2xx` and calls
 * `"200 "` an unexpected property; these name what generation does instead.
 *
 * @example
 * ```js
 * statusKeyProblems({ paths: { "/a": { get: { responses: { "2xx": {} } } } } }, "specs/a.yaml", "warn");
 * // [{ rule: "keyway/response-status", severity: "warn", where: "specs/a.yaml #/paths/~1a/get/responses/2xx", message: "…" }]
 * ```
 * @param {any} document the parsed spec
 * @param {string} file how the problems name the spec
 * @param {"error" | "warn"} severity
 */
export function statusKeyProblems(document, file, severity) {
  return statusKeySlips(document).map(({ pointer, key, canonical, shadowed }) => ({
    rule: "keyway/response-status",
    severity,
    where: `${file} ${pointer}`,
    message: statusKeyMessage(JSON.stringify(key), canonical, shadowed),
  }));
}

function statusKeyMessage(key, canonical, shadowed) {
  if (canonical === undefined)
    return `the response key ${key} is no status OpenAPI allows (a code from 100 to 599, a range from 1XX to 5XX, or default), so no call's data or error is typed by it. Fix: write the status it stands for`;
  if (shadowed)
    return `the response key ${key} stands for ${canonical}, which these responses declare as well: generation reads ${canonical} and ignores this one. Fix: remove it, or merge it into ${canonical}`;
  return `the response key ${key} is read as ${canonical}: openapi-fetch types a call's data and error by ${canonical} as OpenAPI writes it, and as written it typed them never. Fix: write ${canonical}`;
}
