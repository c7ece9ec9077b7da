import { type ClientMeta, type ClientOperationMeta } from "../src/index.js";
import type { ParameterStyle } from "../src/meta.js";
import { createFakeApi, type JsonSchema, type ParameterData, type SpecData } from "../src/testing/index.js";
import { clientOverFake } from "./harness.js";

// A keyway client and the fake of a spec of one operation, `GET` on a path with the parameters a test declares: what
// the fake's handler sees of a call is what the client wrote of the values the app passed.

export type Op = {
  parameters: { query?: Record<string, unknown>; path?: Record<string, unknown>; header?: Record<string, unknown> };
  responses: { 200: { content: { "application/json": Record<string, never> } } };
};
type Paths = { [path: string]: { get: Op } };

/** A parameter as the spec declares it; `style` as the metadata gives it (only when not the default). */
export interface Declared {
  readonly name: string;
  readonly in: "query" | "path" | "header";
  readonly schema: JsonSchema;
  readonly style?: ParameterStyle | "json";
}

/**
 * Spec data of `operations` at the API's root, with component `schemas` and the `securitySchemes` they name (none by
 * default): what every fake of a few operations written by hand starts from.
 */
export function specDataOf(
  operations: SpecData["operations"],
  { schemas = {}, securitySchemes = {} }: Partial<Pick<SpecData, "schemas" | "securitySchemes">> = {},
): SpecData {
  return { basePath: "", securitySchemes, schemas, responses: {}, operations };
}

/** A client and a fake of one `GET` operation on `path` with these parameters, metadata and spec data alike. */
export function apiOf(path: string, parameters: readonly Declared[]) {
  const stylesIn = (where: "query" | "path") =>
    Object.fromEntries(parameters.filter((p) => p.in === where && p.style).map((p) => [p.name, p.style!]));
  const query = stylesIn("query");
  const pathStyles = stylesIn("path") as { [name: string]: ParameterStyle };
  const operation: ClientOperationMeta = {
    id: "getThing",
    security: [["ApiKey"]],
    ...(Object.keys(query).length ? { query } : {}),
    ...(Object.keys(pathStyles).length ? { path: pathStyles } : {}),
  };
  const securitySchemes = { ApiKey: { header: "X-Api-Key", secret: true } };
  const meta: ClientMeta<"ApiKey"> = { securitySchemes, operations: { [`GET ${path}`]: operation } };
  const spec = specDataOf(
    {
      [`GET ${path}`]: {
        id: "getThing",
        security: [["ApiKey"]],
        parameters: parameters.map((p): ParameterData => {
          const data = { name: p.name, in: p.in, schema: p.schema, ...(p.in === "path" ? { required: true } : {}) };
          if (p.style === "json") return { ...data, json: true };
          return p.style ? { ...data, style: p.style } : data;
        }),
        responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: {} } },
      },
    },
    { schemas: { Point: point }, securitySchemes },
  );
  const fake = createFakeApi<Paths>({ spec, name: "Styles" });
  return { client: clientOverFake<Paths>(meta, fake), fake };
}

/** Sends one call and returns what the fake's handler saw: the URL as sent and the parameters as parsed. */
export async function send(path: string, parameters: readonly Declared[], params: Op["parameters"]) {
  const { client, fake } = apiOf(path, parameters);
  let seen: { url: URL; query: unknown; path: unknown; header: unknown; headers: Headers } | undefined;
  fake.on(`GET ${path}`, ({ params: parsed, request }) => {
    seen = {
      url: new URL(request.url),
      query: parsed.query,
      path: parsed.path,
      header: parsed.header,
      headers: request.headers,
    };
    return {};
  });
  const { response } = await client.GET(path, { params });
  return { status: response.status, violations: fake.violations, seen };
}

/** An object parameter's schema, also the spec's component `Point`. */
export const point = {
  type: "object",
  properties: { x: { type: "integer" }, label: { type: "string" }, on: { type: "boolean" } },
} as const;
