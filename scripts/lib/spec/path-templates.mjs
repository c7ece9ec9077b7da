// Path template expressions as OpenAPI writes them: `{`, a name of any characters but braces, `}` (the
// template-expression-param-name of OpenAPI 3.1.1's path templating grammar), as generation, openapi-fetch and the
// runtime read them. Redocly's path-parameters-defined rule finds only names of letters, digits, `_`, `.` and `-`: it
// reports a path parameter named otherwise as not used in a path that uses it (RapidAPI's IdealSpot declares
// `insight_id:` for /data/insights/{insight_id:}, and new-client refused a valid spec), and it never sees such an
// expression that no parameter defines. pathTemplateProblems corrects both.
import { valueAt } from "./json-pointer.mjs";
import { METHODS } from "./meta.mjs";

const RULE = "path-parameters-defined";
const TEMPLATE_EXPRESSION = /\{([^{}]+)\}/g;
/** The names Redocly's rule finds in a path; any other name it neither reports nor takes as used. */
const REDOCLY_NAME = /^[a-zA-Z0-9_.-]+$/;

/**
 * `problems` (one spec's, as lint.mjs reads Redocly's report) corrected for path template names that Redocly's
 * path-parameters-defined does not read: its report that a path parameter is not used is dropped where the path's
 * template holds that parameter, and each operation that does not define such a name of its path gets the error
 * Redocly gives a name it reads. `file` names the spec in the added problems' locations.
 *
 * @param {readonly { rule: string, severity: "error" | "warn", message: string, where: string }[]} problems
 * @param {any} document the parsed spec
 * @param {string} file
 * @example
 * ```js
 * const document = { paths: { "/insights/{id:}": { get: { parameters: [{ name: "id:", in: "path" }] } } } };
 * const problems = [{ rule: "path-parameters-defined", severity: "error", where: "…",
 *   message: "Path parameter `id:` is not used in the path `/insights/{id:}`." }];
 * pathTemplateProblems(problems, document, "specs/insights.json"); // []
 * ```
 */
export function pathTemplateProblems(problems, document, file) {
  return [...problems.filter((problem) => !isUsedAfterAll(problem)), ...undefinedExpressions(document, file)];
}

/** The names of the template expressions of `path`, in order. */
function templateNames(path) {
  return Array.from(path.matchAll(TEMPLATE_EXPRESSION), (match) => match[1]);
}

/** Whether `problem` is Redocly's report that a path parameter is unused, about one the path's template holds. */
function isUsedAfterAll(problem) {
  if (problem.rule !== RULE) return false;
  const unused = /^Path parameter `(.+)` is not used in the path `(.+)`\.$/s.exec(problem.message);
  return unused !== null && templateNames(unused[2]).includes(unused[1]);
}

/** An error for each operation that leaves a template name Redocly does not read undefined. */
function undefinedExpressions(document, file) {
  const problems = [];
  for (const [path, item] of Object.entries(objectOr(document?.paths))) {
    const unread = templateNames(path).filter((name) => !REDOCLY_NAME.test(name));
    if (unread.length === 0) continue;
    for (const method of METHODS) {
      const operation = objectOr(item)[method];
      if (operation === null || typeof operation !== "object") continue;
      const defined = pathParameterNames(document, [item.parameters, operation.parameters]);
      if (defined === undefined) continue; // a parameter in another file: Redocly's bundle knows it, this does not
      for (const name of unread.filter((name) => !defined.has(name)))
        problems.push({
          rule: RULE,
          severity: "error",
          where: `${file} #/paths/${pointerToken(path)}/${method}/parameters`,
          message: `The operation does not define the path parameter \`{${name}}\` expected by path \`${path}\`.`,
        });
    }
  }
  return problems;
}

/**
 * The names of the `in: path` parameters of the given lists, their `$ref`s into this document followed; undefined when
 * a parameter is a `$ref` into another file.
 */
function pathParameterNames(document, lists) {
  const names = new Set();
  for (const list of lists) {
    for (let parameter of Array.isArray(list) ? list : []) {
      for (let hops = 0; typeof parameter?.$ref === "string" && hops < 32; hops++) {
        if (!parameter.$ref.startsWith("#")) return undefined;
        parameter = valueAt(document, parameter.$ref);
      }
      if (parameter?.in === "path" && typeof parameter.name === "string") names.add(parameter.name);
    }
  }
  return names;
}

const objectOr = (value) => (value !== null && typeof value === "object" ? value : {});
const pointerToken = (key) => key.replaceAll("~", "~0").replaceAll("/", "~1");
