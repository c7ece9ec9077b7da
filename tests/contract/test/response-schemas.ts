import { bundle, createConfig } from "@redocly/openapi-core";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type Json = Record<string, unknown>;

/** One response of one operation, for one media type: where its schema is, and its examples. */
export interface ResponseEntry {
  /** `GET /users/{user_id}`, as in the generated metadata. */
  readonly operation: string;
  /** `200`, `4XX`, `default`, … as the spec keys it. */
  readonly status: string;
  readonly mediaType: string;
  /** The examples the spec gives for it, by name (`example` is named `example`). */
  readonly examples: Readonly<Record<string, unknown>>;
  /** Validates a body against the response's schema. */
  readonly validate: ValidateFunction;
  /** The response's schema as the bundled spec has it (`$ref`s to the spec's components unresolved; see {@link SpecResponses.resolve}). */
  readonly schema: unknown;
}

/** The responses of a spec, with a JSON Schema 2020-12 validator (OpenAPI 3.1 schemas) for each. */
export interface SpecResponses {
  readonly entries: readonly ResponseEntry[];
  /** The validator of one response (an HTTP status, resolved through ranges and `default`); throws when the spec has none. */
  validatorFor(operation: string, status: string, mediaType?: string): ValidateFunction;
  /**
   * The response an HTTP status resolves to: its own, else its range (`5XX`), else `default`, as OpenAPI
   * resolves them (the entry's `status` says which), with the media types that response declares.
   * Undefined when the operation declares none of them.
   */
  responseFor(operation: string, status: string): { status: string; media: readonly ResponseEntry[] } | undefined;
  /** The codes an operation lists in `x-keyway-known-errors` (Stack Auth). */
  knownErrorsOf(operation: string): readonly string[];
  /** Follows a schema's local `$ref` chain in the bundled spec to the schema it names. */
  resolve(schema: unknown): unknown;
  /** The names of the webhooks the spec declares (`user.created`, …). */
  readonly webhooks: readonly string[];
  /** The JSON body of a webhook the spec declares (`webhooks.<name>.post`): its validator and schema. */
  webhookBody(name: string): { validate: ValidateFunction; schema: unknown } | undefined;
  /** A validator for a schema of the spec by JSON pointer, e.g. `#/components/schemas/KnownErrorDetails/properties/USER_NOT_FOUND`. */
  validatorAt(pointer: string): ValidateFunction;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * Bundles a spec (its shared component files included) and compiles, for every response body
 * it declares, a validator that references the schema where it stands in the document, so
 * `$ref`s and recursion resolve as in the spec. OpenAPI extensions are not JSON Schema
 * keywords; strict mode is off so that ajv ignores them, and formats are checked.
 */
export async function loadSpecResponses(specPath: string): Promise<SpecResponses> {
  const { bundle: bundled } = await bundle({ ref: specPath, config: await createConfig({}) });
  const document = bundled.parsed as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema(document as object, "spec");
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string) => {
    let validate = compiled.get(pointer);
    if (!validate) compiled.set(pointer, (validate = ajv.compile({ $ref: `spec${pointer}` })));
    return validate;
  };

  const entries: ResponseEntry[] = [];
  const knownErrors = new Map<string, readonly string[]>();
  /** Statuses each operation declares, with or without content. */
  const statuses = new Map<string, readonly string[]>();
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const operationPointer = `#/paths/${pointerToken(path)}/${method}`;
      const key = `${method.toUpperCase()} ${path}`;
      knownErrors.set(key, (operation["x-keyway-known-errors"] ?? []) as string[]);
      statuses.set(key, Object.keys((operation.responses ?? {}) as Json));
      for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, Json>)) {
        const [responsePointer, resolved] = follow(
          document,
          `${operationPointer}/responses/${pointerToken(status)}`,
          response,
        );
        for (const [mediaType, media] of Object.entries((resolved.content ?? {}) as Record<string, Json>)) {
          if (!media.schema) continue;
          entries.push({
            operation: key,
            status,
            mediaType,
            examples: examplesOf(document, media),
            validate: validatorAt(`${responsePointer}/content/${pointerToken(mediaType)}/schema`),
            schema: media.schema,
          });
        }
      }
    }
  }

  const webhookBody = (name: string) => {
    const post = ((document.webhooks ?? {}) as Record<string, Json>)[name]?.post as Json | undefined;
    if (!post?.requestBody) return undefined;
    const [bodyPointer, body] = follow(
      document,
      `#/webhooks/${pointerToken(name)}/post/requestBody`,
      post.requestBody as Json,
    );
    const media = ((body.content ?? {}) as Record<string, Json>)["application/json"];
    if (!media?.schema) return undefined;
    return { validate: validatorAt(`${bodyPointer}/content/application~1json/schema`), schema: media.schema };
  };
  const responseFor = (operation: string, status: string) => {
    const declared = statuses.get(operation) ?? [];
    const key = [status, `${status[0]}XX`, "default"].find((candidate) => declared.includes(candidate));
    if (key === undefined) return undefined;
    return { status: key, media: entries.filter((e) => e.operation === operation && e.status === key) };
  };
  return {
    entries,
    validatorAt,
    responseFor,
    knownErrorsOf: (operation) => knownErrors.get(operation) ?? [],
    webhooks: Object.keys((document.webhooks ?? {}) as Json),
    webhookBody,
    resolve: (schema) => (schema && typeof schema === "object" ? follow(document, "", schema as Json)[1] : schema),
    validatorFor(operation, status, mediaType = "application/json") {
      const entry = responseFor(operation, status)?.media.find((e) => e.mediaType === mediaType);
      if (!entry) throw new Error(`${specPath} declares no ${mediaType} response ${status} for ${operation}`);
      return entry.validate;
    },
  };
}

/** The examples of a media type object, each resolved through its `$ref`. */
function examplesOf(document: Json, media: Json): Record<string, unknown> {
  const examples: Record<string, unknown> = {};
  if ("example" in media) examples.example = media.example;
  for (const [name, example] of Object.entries((media.examples ?? {}) as Record<string, Json>)) {
    const [, resolved] = follow(document, "", example);
    if ("value" in resolved) examples[name] = resolved.value;
  }
  return examples;
}

/** Follows a local `$ref` chain: the pointer of the object finally reached, and the object. */
function follow(document: Json, pointer: string, node: Json): [string, Json] {
  let current = node;
  let at = pointer;
  while (typeof current.$ref === "string") {
    at = current.$ref;
    if (!at.startsWith("#/")) throw new Error(`the bundled spec still has an external $ref: ${at}`);
    current = at
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((value, key) => (value as Json)[key], document) as Json;
  }
  return [at, current];
}

/** A JSON-pointer token. */
function pointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}
