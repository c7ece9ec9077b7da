#!/usr/bin/env node
// pnpm new-client <name> [--root <dir>]
//
// Creates packages/<package>/ for specs/<name>.yaml (<package> is the spec's
// info.x-keyway-package, or <name>): package.json, tsconfig files, vitest config, README,
// src/index.ts and src/client.ts with a `create<Pascal>Client({ <one option per security
// scheme>, baseUrl?, fetch?, …transport options })` factory on @keyway/runtime, and
// test/client.test.ts calling one operation against @keyway/test-server. Then runs
// `pnpm generate` so src/generated/ exists. The templates are in templates/new-client/.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { listSpecs, repoRoot, specName } from "./lib/paths.mjs";
import { run } from "./lib/run.mjs";
import { deriveMeta, METHODS, parametersOf } from "./lib/spec-meta.mjs";
import { loadDereferenced } from "./lib/spec-diff/load.mjs";

const TEMPLATES = fileURLToPath(new URL("./templates/new-client/", import.meta.url));
const USAGE = "usage: pnpm new-client <spec name> [--root <dir>]   (creates packages/<name>/ from specs/<name>.yaml)";
/** Option names a client factory already has (BaseClientOptions, TransportOptions, createApiClient's own). */
const RESERVED_OPTIONS = new Set(["baseUrl", "fetch", "headers", "dangerouslyAllowBrowser", "maxRetries", "timeout", "retryNonIdempotent", "hooks", "meta", "credentials", "headerDefaults", "withOptions"]);

class UsageError extends Error {}

// --- naming ---------------------------------------------------------------------------------

/** Splits `stack-auth`, `BearerAuth`, `X_API_key`, `APIKey` into words. */
function words(name) {
  return String(name)
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `BearerAuth` → `bearerAuth`, `X-Api-Key` → `xApiKey`, `APIKey` → `apiKey`. */
function camelCase(name) {
  const [first = "", ...rest] = words(name);
  return first.toLowerCase() + rest.map((word) => word[0].toUpperCase() + word.slice(1).toLowerCase()).join("");
}

/** `stack-auth` → `StackAuth`. */
function pascalCase(name) {
  const camel = camelCase(name);
  return camel[0].toUpperCase() + camel.slice(1);
}

/** `stack-auth` → `STACK_AUTH`. */
function constantCase(name) {
  return words(name).map((word) => word.toUpperCase()).join("_");
}

// --- reading the spec -------------------------------------------------------------------------

/**
 * One factory option per security scheme: its name, the header it fills, and whether every
 * operation needs it (then the option is required).
 */
function credentialOptions(spec, meta) {
  const alternatives = Object.values(meta.operations).flatMap((operation) => (operation.security.length ? operation.security : [[]]));
  const options = Object.entries(meta.securitySchemes).map(([scheme, schemeMeta]) => ({
    scheme,
    option: camelCase(scheme),
    header: schemeMeta.header,
    prefix: schemeMeta.prefix ?? "",
    description: spec.components.securitySchemes[scheme].description?.trim().replace(/\s+/g, " "),
    required: alternatives.length > 0 && alternatives.every((alternative) => alternative.includes(scheme)),
  }));
  const seen = new Map();
  for (const { scheme, option } of options) {
    if (!/^[a-z][A-Za-z0-9]*$/.test(option)) throw new UsageError(`security scheme "${scheme}" gives no usable option name ("${option}"): rename the scheme`);
    if (RESERVED_OPTIONS.has(option)) throw new UsageError(`security scheme "${scheme}" would become the option "${option}", which every client already has: rename the scheme`);
    if (seen.has(option)) throw new UsageError(`security schemes "${seen.get(option)}" and "${scheme}" both become the option "${option}": rename one`);
    seen.set(option, scheme);
  }
  return options;
}

/** The spec's default base URL: its first server, unless that has variables; undefined otherwise. */
function defaultBaseUrl(spec) {
  const url = spec.servers?.[0]?.url;
  return url && !url.includes("{") && /^https?:\/\//.test(url) ? url.replace(/\/$/, "") : undefined;
}

const isJsonMedia = (media) => /^application\/(?:[\w.-]+\+)?json$/.test(media);
const isScalarSchema = (schema) => ["string", "integer", "number", "boolean"].includes(firstType(schema));

/**
 * The operation the generated test calls: one whose only 2xx response has a JSON body and whose
 * required parameters are plain values, preferring GET, then the most credentials in its first
 * security alternative (so the test checks the most headers), then the fewest required parameters.
 */
function chooseOperation(spec, meta) {
  let best;
  for (const [path, pathItem] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const successes = Object.entries(operation.responses ?? {}).filter(([status]) => /^2/.test(status));
      if (successes.length !== 1) continue;
      const [status, response] = successes[0];
      const media = Object.keys(response.content ?? {}).find(isJsonMedia);
      if (!media || !response.content[media].schema) continue;
      const required = parametersOf(pathItem, operation).filter((parameter) => parameter.required || parameter.in === "path");
      if (required.some((parameter) => parameter.in === "cookie" || !parameter.schema || !isScalarSchema(parameter.schema))) continue;
      const bodyMedia = Object.keys(operation.requestBody?.content ?? {}).find(isJsonMedia);
      if (operation.requestBody?.required && !bodyMedia) continue;
      const security = meta.operations[`${method.toUpperCase()} ${path}`].security;
      const score = (method === "get" ? 1000 : 0) + 10 * (security[0]?.length ?? 0) - required.length - (operation.requestBody?.required ? 5 : 0);
      if (!best || score > best.score) {
        best = { score, path, method: method.toUpperCase(), operation, status, media, schema: response.content[media].schema, required, security, body: operation.requestBody?.required ? operation.requestBody.content[bodyMedia].schema : undefined };
      }
    }
  }
  if (!best) throw new UsageError("the spec has no operation the generated test can call (one 2xx response with a JSON body, plain required parameters)");
  return best;
}

// --- sample values ------------------------------------------------------------------------------

function firstType(schema) {
  if (!schema) return undefined;
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type) return type;
  if (schema.properties) return "object";
  if (schema.items) return "array";
  if (schema.enum?.length) return typeof schema.enum[0];
  if (schema.const !== undefined) return typeof schema.const;
  return undefined;
}

const FORMAT_SAMPLES = {
  uuid: "3f2a6c1e-8b7d-4e2a-9c4f-1d2e3f4a5b6c",
  "date-time": "2026-01-02T03:04:05Z",
  date: "2026-01-02",
  email: "someone@example.com",
  uri: "https://example.com/",
  url: "https://example.com/",
};

/**
 * A value that satisfies `schema`'s type (for the mock response and the request parameters):
 * its example, default, const or first enum value when it has one, else one built from its type.
 */
function sampleValue(schema, name = "value", depth = 0) {
  if (!schema || depth > 6) return null;
  for (const known of [schema.const, schema.example, schema.examples?.[0], schema.default, schema.enum?.[0]]) {
    if (known !== undefined) return known;
  }
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => sampleValue(part, name, depth + 1)));
  const alternative = schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (alternative) return sampleValue(alternative, name, depth + 1);
  switch (firstType(schema)) {
    case "string":
      return FORMAT_SAMPLES[schema.format] ?? `${name}-1`;
    case "integer":
      return Math.max(1, schema.minimum ?? 1);
    case "number":
      return Math.max(1.5, schema.minimum ?? 1.5);
    case "boolean":
      return true;
    case "array":
      return [sampleValue(schema.items, name, depth + 1)];
    case "object":
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, sub]) => [key, sampleValue(sub, key, depth + 1)]));
    default:
      return null;
  }
}

// --- rendering ------------------------------------------------------------------------------------

/** Replaces every `{{key}}` of `template` with `values[key]`; throws on a key it has no value for. */
function render(template, values) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key) => {
    if (!(key in values)) throw new Error(`template placeholder {{${key}}} has no value`);
    return values[key];
  });
}

const indent = (text, prefix) => text.split("\n").map((line) => (line ? prefix + line : prefix.trimEnd())).join("\n");

/**
 * `value` as TypeScript source: unquoted keys where possible, on one line when short,
 * otherwise one entry per line indented under `margin`.
 */
function literal(value, margin = "") {
  const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
  const oneLine = (item) => {
    if (Array.isArray(item)) return `[${item.map(oneLine).join(", ")}]`;
    if (item && typeof item === "object") {
      const entries = Object.entries(item);
      return entries.length ? `{ ${entries.map(([name, sub]) => `${key(name)}: ${oneLine(sub)}`).join(", ")} }` : "{}";
    }
    return JSON.stringify(item);
  };
  const short = oneLine(value);
  if (short.length + margin.length <= 90 || value === null || typeof value !== "object") return short;
  const inner = `${margin}  `;
  if (Array.isArray(value)) return `[\n${value.map((item) => `${inner}${literal(item, inner)},`).join("\n")}\n${margin}]`;
  return `{\n${Object.entries(value).map(([name, sub]) => `${inner}${key(name)}: ${literal(sub, inner)},`).join("\n")}\n${margin}}`;
}

/** The `{ params: …, body: … }` argument of the test's call, and the URL it produces. */
function callOf(choice) {
  const params = {};
  for (const parameter of choice.required) {
    params[parameter.in] ??= {};
    params[parameter.in][parameter.name] = sampleValue(parameter.schema, parameter.name);
  }
  const init = {};
  if (Object.keys(params).length) init.params = params;
  if (choice.body) init.body = sampleValue(choice.body, "body");
  const path = choice.path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(String(params.path?.[name])));
  const query = Object.entries(params.query ?? {}).map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`).join("&");
  return { init, args: Object.keys(init).length ? `, ${literal(init, "    ")}` : "", url: query ? `${path}?${query}` : path };
}

/** Every file of the new package, by path relative to the package folder. */
function packageFiles({ name, dir, spec, meta, runtimeManifest }) {
  const pascal = pascalCase(dir);
  const variable = camelCase(dir);
  const constant = `${constantCase(dir)}_BASE_URL`;
  const title = spec.info?.title ?? name;
  const baseUrl = defaultBaseUrl(spec);
  const options = credentialOptions(spec, meta);
  const required = options.filter((option) => option.required);
  const choice = chooseOperation(spec, meta);
  const call = callOf(choice);
  const sentAs = (option) => `\`${option.header}${option.prefix ? `: ${option.prefix}…` : ""}\``;
  const credentialConstant = (option) => constantCase(option.option);
  const envName = (option) => `${constantCase(dir)}_${constantCase(option.option)}`;

  const optionFields = options.map((option) => [
    `  /** ${option.description ? `${option.description.replace(/\*\//g, "*\\/")} ` : ""}Sent as ${sentAs(option)}${option.required ? "" : " to the operations that need it"}; a value or a function returning it. */`,
    `  readonly ${option.option}${option.required ? "" : "?"}: Credential;`,
  ].join("\n"));
  if (!baseUrl) optionFields.push(`  /** The API's base URL (specs/${name}.yaml names no fixed server). */\n  readonly baseUrl: string;`);

  const exampleOptions = options.map((option) => `  ${option.option}: process.env.${envName(option)}!,`);
  if (!baseUrl) exampleOptions.push(`  baseUrl: "https://api.example.com",`);
  const exampleCode = [
    `import { create${pascal}Client } from "${`@keyway/${dir}`}";`,
    "",
    `const ${variable} = create${pascal}Client({`,
    ...exampleOptions,
    "});",
    "",
    `const { data, error } = await ${variable}.${choice.method}("${choice.path}"${Object.keys(call.init).length ? `, ${literal(call.init)}` : ""});`,
  ].join("\n");

  const firstAlternative = choice.security[0] ?? [];
  const byScheme = new Map(options.map((option) => [option.scheme, option]));
  const sentHeaders = new Set(firstAlternative.map((scheme) => byScheme.get(scheme).header.toLowerCase()));
  const headerAssertions = [
    ...firstAlternative.map((scheme) => {
      const option = byScheme.get(scheme);
      const value = option.prefix ? `\`${option.prefix}\${${credentialConstant(option)}}\`` : credentialConstant(option);
      return `    expect(request.headers[${JSON.stringify(option.header.toLowerCase())}]).toBe(${value});`;
    }),
    ...options.filter((option) => !sentHeaders.has(option.header.toLowerCase()))
      .map((option) => `    expect(request.headers).not.toHaveProperty(${JSON.stringify(option.header.toLowerCase())});`),
  ].join("\n");

  const extraTests = [];
  for (const option of required) {
    const others = options.filter((other) => other !== option).map((other) => `${other.option}: ${credentialConstant(other)}`);
    extraTests.push([
      "",
      `  it("refuses to create a client without ${option.option}, before any request", () => {`,
      `    expect(() => create${pascal}Client({ ${[...others, "baseUrl: \"http://127.0.0.1:9\""].join(", ")} } as never)).toThrow(/${option.option} is required/);`,
      "  });",
    ].join("\n"));
  }
  const requiredNames = new Set(required.map((option) => option.scheme));
  const satisfiedByRequired = choice.security.some((alternative) => alternative.every((scheme) => requiredNames.has(scheme)));
  if (firstAlternative.length && !satisfiedByRequired) {
    const only = required.map((option) => `${option.option}: ${credentialConstant(option)}, `).join("");
    extraTests.push([
      "",
      `  it("fails ${choice.method} ${choice.path} without the credentials it needs, sending nothing", async () => {`,
      "    const server = await startTestServer();",
      "    servers.push(server);",
      `    const ${variable} = create${pascal}Client({ ${only}baseUrl: server.url });`,
      `    await expect(${variable}.${choice.method}("${choice.path}"${call.args})).rejects.toThrow(MissingCredentialError);`,
      "    expect(server.requests).toHaveLength(0);",
      "  });",
    ].join("\n"));
  }
  const testImports = extraTests.some((test) => test.includes("MissingCredentialError"))
    ? `MissingCredentialError, create${pascal}Client, type operations`
    : `create${pascal}Client, type operations`;

  const values = {
    packageName: `@keyway/${dir}`,
    dir,
    specName: name,
    title,
    pascal,
    variable,
    description: JSON.stringify(`Typed client for ${title}, generated from an OpenAPI spec`),
    keywords: JSON.stringify([dir, "openapi", "openapi-fetch", "sdk", "typescript"]),
    openapiFetchRange: JSON.stringify(runtimeManifest.dependencies["openapi-fetch"]),
    repositoryUrl: JSON.stringify(runtimeManifest.repository?.url ?? ""),
    baseUrlExport: baseUrl ? `, ${constant}` : "",
    baseUrlConstant: baseUrl ? `\n/** Where ${title} lives: the first server of specs/${name}.yaml. */\nexport const ${constant} = ${JSON.stringify(baseUrl)};\n` : "",
    baseUrlExpression: baseUrl ? `options.baseUrl ?? ${constant}` : "options.baseUrl",
    baseUrlNote: baseUrl ? ` (default \`${baseUrl}\`)` : " (required: the spec names no fixed server)",
    headerAuthImport: required.length ? `import { ConfigurationError, type Credential } from "@keyway/header-auth";` : `import type { Credential } from "@keyway/header-auth";`,
    optionFields: optionFields.join("\n"),
    requiredChecks: required.length
      ? `  for (const name of ${JSON.stringify(required.map((option) => option.option))} as const) {\n` +
        `    const value = options[name];\n` +
        `    if (value === undefined || value === null || value === "") throw new ConfigurationError(\`create${pascal}Client: \${name} is required\`);\n` +
        `  }\n`
      : "",
    credentialMap: options.map((option) => `${/^[A-Za-z_$][\w$]*$/.test(option.scheme) ? option.scheme : JSON.stringify(option.scheme)}: options.${option.option}`).join(", "),
    exampleDoc: indent(exampleCode, " * "),
    exampleCode,
    credentialRows: options.map((option) => `| \`${option.option}\`${option.required ? "" : " (optional)"} | ${sentAs(option)}${option.description ? `: ${option.description}` : ""} |`).join("\n"),
    credentialConstants: options.map((option) => `const ${credentialConstant(option)} = ${JSON.stringify(`${option.option}-test-value-1`)};`).join("\n"),
    method: choice.method,
    path: choice.path,
    status: String(Number(choice.status) || 200),
    statusKey: /^\d+$/.test(choice.status) ? choice.status : JSON.stringify(choice.status),
    mediaLiteral: JSON.stringify(choice.media),
    operationIdLiteral: JSON.stringify(choice.operation.operationId),
    responseBody: literal(sampleValue(choice.schema, "body"), "    "),
    clientOptions: options.map((option) => `${option.option}: ${credentialConstant(option)}`).join(", "),
    callArgs: call.args,
    expectedUrl: JSON.stringify(call.url),
    headerAssertions,
    extraTests: extraTests.map((test) => `${test}\n`).join(""),
  };
  const files = new Map();
  for (const template of templateFiles()) {
    files.set(template.replace(/\.tmpl$/, ""), render(readFileSync(join(TEMPLATES, template), "utf8"), values));
  }
  const test = files.get("test/client.test.ts");
  files.set("test/client.test.ts", test.replace(`create${pascal}Client, type operations`, testImports).replace(/\{ , baseUrl/g, "{ baseUrl"));
  return files;
}

function templateFiles(dir = TEMPLATES, prefix = "") {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templateFiles(dir, `${prefix}${entry.name}/`) : entry.name.endsWith(".tmpl") ? [`${prefix}${entry.name}`] : []);
}

// --- the command ----------------------------------------------------------------------------------

/**
 * Creates the package for `specs/<name>.yaml` under `root` and runs generation.
 * Throws a UsageError for bad input (unknown spec, existing package folder…).
 * @returns {Promise<{ dir: string, files: string[] }>}
 */
async function newClient(root, name) {
  if (!/^[a-z][a-z0-9-]*$/.test(name ?? "")) throw new UsageError(`"${name ?? ""}" is not a spec name (lower-case letters, digits and dashes)`);
  const specPath = join(root, "specs", `${name}.yaml`);
  if (!existsSync(specPath)) {
    const known = existsSync(join(root, "specs")) ? listSpecs(root).map(specName).join(", ") : "none";
    throw new UsageError(`no spec specs/${name}.yaml (specs: ${known})`);
  }
  const spec = await loadDereferenced(specPath);
  const dir = spec.info?.["x-keyway-package"] ?? name;
  if (!/^[a-z][a-z0-9-]*$/.test(dir)) throw new UsageError(`info.x-keyway-package "${dir}" is not a package folder name`);
  const packageDir = join(root, "packages", dir);
  if (existsSync(packageDir)) throw new UsageError(`packages/${dir} already exists: new-client only creates packages (remove it first, or edit it by hand)`);
  const meta = deriveMeta(spec, `specs/${name}.yaml`);
  const runtimeManifest = JSON.parse(readFileSync(join(root, "packages", "runtime", "package.json"), "utf8"));
  const files = packageFiles({ name, dir, spec, meta, runtimeManifest });

  for (const [file, text] of files) {
    mkdirSync(dirname(join(packageDir, file)), { recursive: true });
    writeFileSync(join(packageDir, file), text);
  }
  const status = await run(process.execPath, [join(root, "scripts", "generate.mjs"), "--root", root], { cwd: root });
  if (status !== 0) {
    rmSync(packageDir, { recursive: true, force: true });
    throw new Error(`pnpm generate failed (see above); removed packages/${dir} so the command can be run again`);
  }
  return { dir, files: [...files.keys(), `src/generated/${name}.ts`, `src/generated/${name}.meta.ts`, `src/generated/${name}.spec-data.ts`] };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { values: args, positionals } = parseArgs({ options: { root: { type: "string", default: repoRoot } }, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError(positionals.length ? "give exactly one spec name" : "give the spec name");
    const { dir, files } = await newClient(args.root, positionals[0]);
    console.log(`\nnew-client: created packages/${dir}/:\n${files.map((file) => `  ${file}`).join("\n")}`);
    console.log(`\nNext: pnpm install, then pnpm turbo run build typecheck lint test --filter=@keyway/${dir}...`);
    console.log(`Add a changeset for its first release: pnpm changeset (or ${relative(process.cwd(), join(args.root, "scripts", "spec-diff.mjs"))} --changeset).`);
  } catch (error) {
    console.error(`new-client: ${error.message}`);
    if (error instanceof UsageError || error.code?.startsWith("ERR_PARSE_ARGS")) console.error(USAGE);
    process.exit(1);
  }
}
