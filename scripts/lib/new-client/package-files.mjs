// Renders every file of a new client package from scripts/templates/new-client/.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chooseOperation, credentialOptions, defaultBaseUrl, headerText } from "./api.mjs";
import { clientVariable, constantCase, pascalCase } from "./naming.mjs";
import { commentBlock, commentLine, objectKey } from "../source-text.mjs";
import { apiTitle } from "../spec/title.mjs";
import { literal, sampleValue } from "./samples.mjs";

const TEMPLATES = fileURLToPath(new URL("../../templates/new-client/", import.meta.url));

/** Replaces every `{{key}}` of `template` with `values[key]`; throws on a key it has no value for. */
export function render(template, values) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key) => {
    if (!(key in values)) throw new Error(`template placeholder {{${key}}} has no value`);
    return values[key];
  });
}

const indent = (text, prefix) =>
  text
    .split("\n")
    .map((line) => (line ? prefix + line : prefix.trimEnd()))
    .join("\n");

/** What a path parameter's one value follows in the URL, by its style (RFC 6570's `{.name}` and `{;name}`). */
const PATH_STYLE_PREFIXES = { label: () => ".", matrix: (name) => `;${encodeURIComponent(name)}=` };

/**
 * The `{ params: …, body: … }` argument of the generated test's call, and the URL the test expects it to produce.
 *
 * @example
 * ```js
 * const call = callOf(chooseOperation(spec, meta));
 * call.url; // "/things/;id=id-1?tags=tags-1": a matrix path parameter, a query list of one item
 * ```
 */
export function callOf(choice) {
  const params = {};
  for (const parameter of choice.required) {
    params[parameter.in] ??= {};
    // Defined, not assigned: a parameter named __proto__ is a property of its own, not the object's prototype.
    Object.defineProperty(params[parameter.in], parameter.name, {
      value: sampleValue(parameter.schema, parameter.name, 0, false, choice.components),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const init = {};
  if (Object.keys(params).length) init.params = params;
  if (choice.body) init.body = sampleValue(choice.body, "body", 0, false, choice.components);
  const { kind } = choice.reply;
  if (kind === "text" || kind === "blob") init.parseAs = kind;
  // A fragment (AWS's `/#X-Amz-Target=…`) only tells operations apart in the spec: HTTP never sends it. It is cut after
  // the parameters are written, since a parameter's name may hold a `#` (or a `?`) too.
  const path = choice.path
    .replace(/\{([^}]+)\}/g, (_, name) => {
      const { style } = choice.required.find((parameter) => parameter.in === "path" && parameter.name === name) ?? {};
      return `${PATH_STYLE_PREFIXES[style]?.(name) ?? ""}${encodeURIComponent(String(params.path?.[name]))}`;
    })
    .split("#")[0];
  const query = Object.entries(params.query ?? {})
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join("&");
  // As fetch sends it: the template's own text percent-encoded where a URL must be (`/café`, a `"`).
  const sent = new URL(query ? `${path}${path.includes("?") ? "&" : "?"}${query}` : path, "http://placeholder");
  const cookie = Object.entries(params.cookie ?? {})
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
    .join("; ");
  // A spec may declare `User-Agent` as a parameter (Bunq's every operation requires it): the call's value replaces
  // keyway's.
  const userAgent = Object.entries(params.header ?? {}).find(([name]) => name.toLowerCase() === "user-agent")?.[1];
  return {
    init,
    args: Object.keys(init).length ? `, ${literal(init, "    ")}` : "",
    url: `${sent.pathname}${sent.search}`,
    cookie,
    userAgent: userAgent === undefined ? undefined : String(userAgent),
  };
}

/**
 * What the generated test's server answers with and what the test expects of `data`, by how the call reads the
 * operation's success (api.mjs, replyOf) with `status`: `setup` declares the body, `handler` answers with it.
 * `components` names the alternatives its discriminated unions take (samples.mjs).
 */
function replyChecks(reply, status, responseType, components) {
  const answer = (helper) => `(_, res) => ${helper}`;
  switch (reply.kind) {
    case "empty":
      return {
        helper: "sendEmpty",
        setup: "",
        handler: answer(`sendEmpty(res, ${status})`),
        assertions: ["expect(data).toBeUndefined();"],
      };
    case "text":
    case "blob": {
      const headers = `{ "content-type": ${JSON.stringify(reply.mediaType)} }`;
      return {
        helper: "sendText",
        setup: `const body = ${JSON.stringify(reply.kind === "text" ? "sample text" : "sample bytes")};`,
        handler: answer(`sendText(res, ${status}, body, ${headers})`),
        assertions:
          reply.kind === "text"
            ? ["expect(data).toBe(body);", "expectTypeOf(data).toEqualTypeOf<string | undefined>();"]
            : [
                "expect(data).toBeInstanceOf(Blob);",
                "expect(await data?.text()).toBe(body);",
                "expectTypeOf(data).toEqualTypeOf<Blob | undefined>();",
              ],
      };
    }
    default:
      return {
        helper: "sendJson",
        setup: `const body = ${literal(sampleValue(reply.schema, "body", 0, true, components), "    ")};`,
        handler: answer(`sendJson(res, ${status}, body)`),
        assertions: [
          "expect(data).toEqual(body);",
          ...(reply.kind === "json"
            ? [
                "// Assignable, not equal: openapi-fetch reads a property-less object as {}, the spec's type may say Record<string, never>.",
                "// Readable: a response leaves out writeOnly properties.",
                `expectTypeOf(data).toExtend<Readable<${responseType}> | undefined>();`,
              ]
            : ["expectTypeOf(data).toBeUnknown();"]),
        ],
      };
  }
}

/** The statuses openapi-fetch reads as a success (openapi-typescript-helpers' `OkStatus`). */
const OK_STATUSES = ["200", "201", "202", "203", "204", "206", "207", "2XX"];

/**
 * The operation's success statuses that openapi-fetch types `data` by and that have a body, as type keys; `answered`
 * (the status the test answers with) among them even when openapi-fetch does not know it (a 205).
 */
function successesWithBodies(operation, answered) {
  const statuses = OK_STATUSES.filter((status) => Object.keys(operation.responses?.[status]?.content ?? {}).length);
  return [...new Set([...statuses, answered])].map((status) =>
    /^\d+$/.test(status) ? status : JSON.stringify(status),
  );
}

/** How an option's credential reaches the wire, for its doc comment and the README. */
function sentAs(option) {
  const wire = `\`${headerText(option)}\``;
  if (option.kind === "basic") return `\`{ username, password }\`, sent as ${wire}`;
  if (option.kind === "oauth")
    return `an OAuth 2 access token you obtain yourself (this client runs no OAuth flow), sent as ${wire}`;
  return `sent as ${wire}`;
}

/** The README's test of the package's fake: a vitest file that calls the chosen operation through it. */
function fakeExample({ dir, pascal, variable, clientOptions, callCode, status, operation }) {
  return [
    `// ${dir}.test.ts`,
    'import { afterEach, expect, it } from "vitest";',
    `import { create${pascal}Client } from "@keyway/${dir}";`,
    `import { create${pascal}Fake } from "@keyway/${dir}/testing";`,
    "",
    `const fake = create${pascal}Fake();`,
    `const ${variable} = create${pascal}Client({`,
    ...clientOptions.map((option) => `  ${option},`),
    "});",
    "",
    "afterEach(() => {",
    "  try {",
    "    fake.verify(); // fails the test if the code sent a request that breaks the spec",
    "  } finally {",
    "    fake.reset();",
    "  }",
    "});",
    "",
    `it(${JSON.stringify(`answers ${operation} with its spec example`)}, async () => {`,
    `  const { response } = await ${callCode};`,
    `  expect(response.status).toBe(${status});`,
    `  expect(fake.calls(${JSON.stringify(operation)})).toHaveLength(1);`,
    "});",
  ].join("\n");
}

const capitalized = (text) => text[0].toUpperCase() + text.slice(1);

/** The values a client imports from `@keyway/runtime`, in the order Biome sorts them (by name, case aside). */
function runtimeValues(checksRequired, bodyOptions) {
  const names = [
    "BASE_CLIENT_OPTIONS",
    "checkOptions",
    "createApiClient",
    "namingFactory",
    "TRANSPORT_OPTIONS",
    ...bodyOptions,
  ];
  if (checksRequired) names.push("ConfigurationError");
  return names.sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" }));
}

/** How many operations the README names that the client refuses, before it counts the rest. */
const NAMED_UNSENDABLE = 5;

/**
 * The README's paragraph on the operations the client refuses (`unsendable` in the metadata: only schemes keyway does
 * not send authenticate them), naming them and their schemes; empty when there are none.
 */
function unsendableNote(meta) {
  const keys = Object.keys(meta.operations).filter((key) => meta.operations[key].unsendable);
  if (keys.length === 0) return "";
  const schemes = [...new Set(keys.flatMap((key) => meta.operations[key].unsendable))].map(
    (scheme) => `\`${scheme}\` (${meta.unsendableSchemes[scheme].what})`,
  );
  const named = keys.slice(0, NAMED_UNSENDABLE).map((key) => `\`${key}\``);
  if (keys.length > NAMED_UNSENDABLE) named.push(`${keys.length - NAMED_UNSENDABLE} more`);
  const one = keys.length === 1;
  return (
    `\n${one ? "One operation" : `${keys.length} operations`} of the spec can only be authenticated with ` +
    `${schemes.join(", ")}, which keyway does not send: ${one ? "it is" : "they are"} typed, but a call of ` +
    `${one ? "it" : "one"} throws a \`ConfigurationError\` naming it and its scheme, before anything is sent ` +
    `(${named.join(", ")}).\n`
  );
}

/** Every file of the new package, by path relative to the package folder. */
export function packageFiles({ name, specFile, dir, spec, meta, runtimeManifest }) {
  const pascal = pascalCase(dir);
  const variable = clientVariable(dir);
  const constant = `${constantCase(dir)}_BASE_URL`;
  const title = apiTitle(spec, name);
  // Form bodies need formBodies, bodies in another media type that is not JSON (uploads, text, multipart) mediaBodies,
  // cookie parameters cookieParameters, header parameters that may be objects headerParameters, operations on servers
  // of their own operationServers; a JSON-only API's client leaves them out of its bundle.
  const operations = Object.values(meta.operations);
  const bodyOptions = [
    operations.some((operation) => operation.formBody) && "formBodies",
    operations.some((operation) => operation.bodyMedia) && "mediaBodies",
    operations.some((operation) => operation.cookie) && "cookieParameters",
    operations.some((operation) => operation.header) && "headerParameters",
    operations.some((operation) => operation.server) && "operationServers",
  ].filter(Boolean);
  const server = defaultBaseUrl(spec, meta);
  const baseUrl = "url" in server ? server.url : undefined;
  const noBaseUrlBecause = "reason" in server ? server.reason : "";
  const options = credentialOptions(spec, meta);
  const required = options.filter((option) => option.required);
  const choice = chooseOperation(spec, meta);
  const call = callOf(choice);
  const credentialConstant = (option) => constantCase(option.option);
  const envName = (option, suffix = "") => `${constantCase(dir)}_${constantCase(option.option)}${suffix}`;

  const optionFields = options.map((option) =>
    [
      `  /** ${option.description ? `${commentLine(option.description)} ` : ""}${capitalized(sentAs(option))}${option.required ? "" : " to the operations that need it"}; a value or a function returning it. */`,
      `  readonly ${option.option}${option.required ? "" : "?"}: Credential;`,
    ].join("\n"),
  );
  if (!baseUrl)
    optionFields.push(
      `  /** The API's base URL (specs/${specFile} ${commentLine(noBaseUrlBecause)}). */\n  readonly baseUrl: string;`,
    );

  const callCode = `${variable}.${choice.method}(${JSON.stringify(choice.path)}${Object.keys(call.init).length ? `, ${literal(call.init)}` : ""})`;
  const exampleValue = (option) =>
    option.kind === "basic"
      ? `{ username: process.env["${envName(option, "_USERNAME")}"]!, password: process.env["${envName(option, "_PASSWORD")}"]! }`
      : `process.env["${envName(option)}"]!`;
  const exampleOptions = options.map((option) => `  ${option.option}: ${exampleValue(option)},`);
  if (!baseUrl) exampleOptions.push(`  baseUrl: "https://api.example.com",`);
  // A client that needs no option (no required credential, a default server) may be created without an argument,
  // and the samples do so when there is no credential to show.
  const optionsOptional = required.length === 0 && baseUrl !== undefined;
  const creationCode = [
    `import { create${pascal}Client } from "@keyway/${dir}";`,
    "",
    ...(exampleOptions.length === 0
      ? [`const ${variable} = create${pascal}Client();`]
      : [`const ${variable} = create${pascal}Client({`, ...exampleOptions, "});"]),
  ].join("\n");
  const exampleCode = `${creationCode}\n\nconst { data, error } = await ${callCode};`;
  const withOptionsCode = `${creationCode}\nconst quick = ${variable}.withOptions({ timeout: 5_000, maxRetries: 0 });`;

  const testValue = (option) =>
    option.kind === "basic"
      ? `{ username: ${JSON.stringify(`${option.option}-user`)}, password: ${JSON.stringify(`${option.option}-test-value-1`)} }`
      : JSON.stringify(`${option.option}-test-value-1`);
  const expectedHeader = (option) => {
    const constantName = credentialConstant(option);
    if (option.kind === "basic")
      return `\`${option.prefix}\${btoa(\`\${${constantName}.username}:\${${constantName}.password}\`)}\``;
    return option.prefix ? `\`${option.prefix}\${${constantName}}\`` : constantName;
  };
  // What header-auth sends when every credential is given: the first alternative that names one (an empty
  // alternative, anonymous access, is its last resort).
  const firstAlternative = choice.security.find((alternative) => alternative.length > 0) ?? [];
  const byScheme = new Map(options.flatMap((option) => option.schemes.map((scheme) => [scheme, option])));
  const optionOf = (/** @type {string} */ scheme) => /** @type {(typeof options)[number]} */ (byScheme.get(scheme));
  // The credentials the call sends, and the header parameters it passes (a scheme's header may be one: Apideck's).
  const sentHeaders = new Set([
    ...firstAlternative.map((scheme) => optionOf(scheme).header.toLowerCase()),
    ...choice.required
      .filter((parameter) => parameter.in === "header")
      .map((parameter) => parameter.name.toLowerCase()),
  ]);
  const headerAssertions = [
    ...[...new Set(firstAlternative.map(optionOf))].map(
      (option) =>
        `    expect(request.headers[${JSON.stringify(option.header.toLowerCase())}]).toBe(${expectedHeader(option)});`,
    ),
    ...[...new Set(options.map((option) => option.header.toLowerCase()))]
      .filter((header) => !sentHeaders.has(header))
      .map((header) => `    expect(request.headers).not.toHaveProperty(${JSON.stringify(header)});`),
    ...(call.cookie ? [`    expect(request.headers.cookie).toBe(${JSON.stringify(call.cookie)});`] : []),
  ].join("\n");

  const extraTests = [];
  /** The options of the generated tests but `option`, each given its test credential. */
  const othersThan = (option) =>
    options.filter((other) => other !== option).map((other) => `${other.option}: ${credentialConstant(other)}`);
  for (const option of required) {
    const others = othersThan(option);
    extraTests.push(
      [
        "",
        `  it("refuses to create a client without ${option.option}, before any request", () => {`,
        `    expect(() => create${pascal}Client({ ${[...others, 'baseUrl: "http://127.0.0.1:9"'].join(", ")} } as never)).toThrow(/${option.option} is required/);`,
        "  });",
      ].join("\n"),
    );
  }
  const [firstOption] = options;
  if (firstOption) {
    const given = [
      ...othersThan(firstOption),
      `${firstOption.option}: 4242 as never`,
      'baseUrl: "https://api.example.com"',
    ];
    extraTests.push(
      [
        "",
        `  it("names itself and ${firstOption.option} in the error a credential that cannot be sent gets", () => {`,
        `    expect(() => create${pascal}Client({ ${given.join(", ")} })).toThrow(/^create${pascal}Client: ${firstOption.option} \\(sent /);`,
        "  });",
      ].join("\n"),
    );
  }
  // A credential's provider is called for each request: what it returns that cannot be sent is refused then, nothing
  // sent, in words naming the option (and the factory), as a fixed value is when the client is made.
  const provided = firstAlternative.length > 0 ? optionOf(firstAlternative[0]) : undefined;
  if (provided) {
    const given = [...othersThan(provided), `${provided.option}: () => 4242 as never`, "baseUrl: server.url"];
    extraTests.push(
      [
        "",
        `  it(${JSON.stringify(`names itself and ${provided.option} when its provider returns what cannot be sent, sending nothing`)}, async () => {`,
        "    const server = await startTestServer();",
        "    servers.push(server);",
        `    const ${variable} = create${pascal}Client({ ${given.join(", ")} });`,
        `    await expect(${variable}.${choice.method}(${JSON.stringify(choice.path)}${call.args})).rejects.toThrow(/^create${pascal}Client: ${provided.option}'s provider returned a value /);`,
        "    expect(server.requests).toHaveLength(0);",
        "  });",
      ].join("\n"),
    );
  }
  const requiredNames = new Set(required.flatMap((option) => option.schemes));
  const satisfiedByRequired = choice.security.some((alternative) =>
    alternative.every((scheme) => requiredNames.has(scheme)),
  );
  const testsMissingCredential = firstAlternative.length > 0 && !satisfiedByRequired;
  if (testsMissingCredential) {
    const only = required.map((option) => `${option.option}: ${credentialConstant(option)}, `).join("");
    extraTests.push(
      [
        "",
        `  it(${JSON.stringify(`fails ${choice.method} ${choice.path} without the credentials it needs, sending nothing`)}, async () => {`,
        "    const server = await startTestServer();",
        "    servers.push(server);",
        `    const ${variable} = create${pascal}Client({ ${only}baseUrl: server.url });`,
        `    await expect(${variable}.${choice.method}(${JSON.stringify(choice.path)}${call.args})).rejects.toThrow(MissingCredentialError);`,
        "    expect(server.requests).toHaveLength(0);",
        "  });",
      ].join("\n"),
    );
  }
  const { status } = choice.reply;
  // A `2XX` response is answered as a 200, as the fake does.
  const statusCode = Number(status) || 200;
  const operationType = `paths[${JSON.stringify(choice.path)}][${JSON.stringify(choice.method.toLowerCase())}]`;
  // openapi-fetch types `data` as the body of every success it knows that has one (a 200 and a 206, say), in every
  // media type (JSON beside text/plain).
  const bodies = successesWithBodies(choice.operation, status).map((key) => {
    const content = `${operationType}["responses"][${key}]["content"]`;
    return `${content}[keyof ${content}]`;
  });
  const reply = replyChecks(choice.reply, statusCode, bodies.join(" | "), choice.components);
  const operation = `${choice.method} ${choice.path}`;
  const operationLiteral = JSON.stringify(operation);
  // The fake answers under the API's base path on any origin; a default on https needs no baseUrl (credentials are
  // never sent over plain http).
  const fakeClientOptions = [
    "fetch: fake.fetch",
    ...options.map((option) => `${option.option}: ${testValue(option)}`),
    ...(baseUrl?.startsWith("https:") ? [] : ["baseUrl: `https://api.example.com${fake.basePath}`"]),
  ];
  const fakeExampleCode = fakeExample({
    dir,
    pascal,
    variable,
    clientOptions: fakeClientOptions,
    callCode,
    status: statusCode,
    operation,
  });
  // A failure the operation's spec declares (fail takes only those), or else a network failure.
  const failStatus = Object.keys(choice.operation.responses ?? {}).find((code) => /^[45]\d\d$/.test(code));
  const fakeFailCode = failStatus
    ? `fake.fail(${operationLiteral}, ${failStatus});`
    : `fake.disconnect(${operationLiteral}); // as a network failure: the client's fetch rejects`;
  const fakeDocCode = [
    `import { create${pascal}Client } from "@keyway/${dir}";`,
    `import { create${pascal}Fake } from "@keyway/${dir}/testing";`,
    "",
    `const fake = create${pascal}Fake();`,
    `const ${variable} = create${pascal}Client({ ${fakeClientOptions.join(", ")} });`,
    fakeFailCode,
  ].join("\n");

  // Each security scheme (as an object key) and the option that fills it.
  const schemeOptions = options.flatMap((option) => option.schemes.map((scheme) => [objectKey(scheme), option.option]));
  const values = {
    packageName: `@keyway/${dir}`,
    dir,
    specName: name,
    specFile,
    title,
    pascal,
    variable,
    description: JSON.stringify(`Typed client for ${title}, generated from an OpenAPI spec`),
    keywords: JSON.stringify([dir, "openapi", "openapi-fetch", "sdk", "typescript"]),
    openapiFetchRange: JSON.stringify(runtimeManifest.dependencies["openapi-fetch"]),
    repositoryUrl: JSON.stringify(runtimeManifest.repository?.url ?? ""),
    baseUrlExport: baseUrl ? `, ${constant}` : "",
    baseUrlConstant: baseUrl
      ? `\n/** Where ${commentLine(title)} lives: the first server of specs/${specFile}. */\nexport const ${constant} = ${JSON.stringify(baseUrl)};\n`
      : "",
    baseUrlExpression: baseUrl ? `options.baseUrl ?? ${constant}` : "options.baseUrl",
    baseUrlNote: baseUrl ? ` (default \`${baseUrl}\`)` : ` (required: the spec ${noBaseUrlBecause})`,
    titleDoc: commentLine(title),
    // `Credential` types the options' fields: a spec with no scheme keyway sends has none.
    headerAuthImport: `import { createHeaderAuth${options.length ? ", type Credential" : ""} } from "@keyway/header-auth";`,
    runtimeImport: `import {
${runtimeValues(required.length > 0, bodyOptions)
  .map((name) => `  ${name},\n`)
  .join("")}  type BaseClientOptions,
  type KeywayClient,
  type OptionNames,
  type TransportOptions,
} from "@keyway/runtime";`,
    optionsParameter: `options: ${pascal}ClientOptions${optionsOptional ? " = {}" : ""}`,
    optionNamesConstant: `${constantCase(dir)}_OPTIONS`,
    optionNames: [
      ...options.map((option) => `  ${option.option}: "${option.required ? "required" : "optional"}",`),
      ...(baseUrl ? [] : ['  baseUrl: "required",']),
    ].join("\n"),
    optionFields: optionFields.join("\n"),
    bodyOptions: bodyOptions.map((option) => `    ${option},\n`).join(""),
    requiredChecks: required.length
      ? `  for (const name of ${JSON.stringify(required.map((option) => option.option))} as const) {\n` +
        `    const value = options[name];\n` +
        `    if (value === undefined || value === null || value === "") throw new ConfigurationError(\`create${pascal}Client: \${name} is required\`);\n` +
        `  }\n`
      : "",
    credentialMap: schemeOptions.map(([scheme, option]) => `${scheme}: options.${option}`).join(", "),
    // What an error about a credential's value calls it: the option the application passed.
    credentialNames: schemeOptions.length
      ? `    credentialNames: { ${schemeOptions.map(([scheme, option]) => `${scheme}: "${option}"`).join(", ")} },\n`
      : "",
    exampleDoc: indent(commentBlock(exampleCode), " * "),
    withOptionsDoc: indent(commentBlock(withOptionsCode), "   * "),
    fakeDoc: indent(commentBlock(fakeDocCode), " * "),
    exampleCode,
    fakeExampleCode,
    credentialRows: options.length
      ? options
          .map(
            (option) =>
              `| \`${option.option}\`${option.required ? "" : " (optional)"} | ${sentAs(option)}${option.description ? `: ${option.description}` : ""} |`,
          )
          .join("\n")
      : "| (none) | the spec declares no security scheme keyway sends |",
    unsendableNote: unsendableNote(meta),
    credentialConstants: options
      .map((option) => `const ${credentialConstant(option)} = ${testValue(option)};`)
      .join("\n"),
    typeImports: choice.reply.kind === "json" ? `import type { Readable } from "../src/generated/${name}.js";\n` : "",
    testImports: [
      ...(testsMissingCredential ? ["MissingCredentialError"] : []),
      `create${pascal}Client`,
      ...(choice.reply.kind === "json" ? ["type paths"] : []),
    ].join(", "),
    method: choice.method,
    path: choice.path,
    pathLiteral: JSON.stringify(choice.path),
    operationLiteral,
    sendsTitle: JSON.stringify(
      `sends ${choice.method} ${choice.path} with its credentials and returns the typed result`,
    ),
    answersTitle: JSON.stringify(
      `answers ${choice.method} ${choice.path} from the spec, and the request meets the spec`,
    ),
    status: String(statusCode),
    serverImports: [reply.helper, "startTestServer", "type TestServer"].join(", "),
    vitestImports: [
      "afterEach",
      "describe",
      "expect",
      ...(choice.reply.kind === "empty" ? [] : ["expectTypeOf"]),
      "it",
    ].join(", "),
    replySetup: reply.setup ? `    ${reply.setup}\n` : "",
    replyHandler: reply.handler,
    dataAssertions: reply.assertions.map((line) => `    ${line}`).join("\n"),
    clientOptions: options.map((option) => `${option.option}: ${credentialConstant(option)}, `).join(""),
    callArgs: call.args,
    expectedUrl: JSON.stringify(call.url),
    userAgentAssertion:
      call.userAgent === undefined
        ? `expect(request.headers["user-agent"]).toMatch(/^keyway-${dir}\\/\\S+ /);`
        : `expect(request.headers["user-agent"]).toBe(${JSON.stringify(call.userAgent)});`,
    headerAssertions,
    extraTests: extraTests.map((test) => `${test}\n`).join(""),
  };
  const files = new Map();
  for (const template of templateFiles()) {
    files.set(template.replace(/\.tmpl$/, ""), render(readFileSync(join(TEMPLATES, template), "utf8"), values));
  }
  return files;
}

function templateFiles(dir = TEMPLATES, prefix = "") {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? templateFiles(dir, `${prefix}${entry.name}/`)
      : entry.name.endsWith(".tmpl")
        ? [`${prefix}${entry.name}`]
        : [],
  );
}
