import { type ClientMeta, type ClientOperationMeta, cookieParameters, headerParameters } from "../src/index.js";
import type { ParameterStyle } from "../src/meta.js";
import { createFakeApi, type JsonSchema, type ParameterData, type SpecData } from "../src/testing/index.js";
import { clientOverFake } from "./harness.js";

// A keyway client and the fake of a spec of one operation, `GET` on a path with the parameters a test declares: what
// the fake's handler sees of a call is what the client wrote of the values the app passed.

export type Op = {
  parameters: {
    query?: Record<string, unknown>;
    path?: Record<string, unknown>;
    header?: Record<string, unknown>;
    cookie?: Record<string, unknown>;
  };
  responses: { 200: { content: { "application/json": Record<string, never> } } };
};
type Paths = { [path: string]: { get: Op } };

/**
 * A parameter as the spec declares it; `style` as the metadata gives it (only when not the default, or for a header
 * parameter that may be an object).
 */
export interface Declared {
  readonly name: string;
  readonly in: "query" | "path" | "header" | "cookie";
  readonly schema: JsonSchema;
  readonly style?: ParameterStyle | "json";
  /** Whether the spec requires it (a path parameter always is). */
  readonly required?: boolean;
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

/** How a cookie parameter is written when the spec gives no style: `form`, exploded. */
const COOKIE: ParameterStyle = { style: "form", explode: true };

/** A client and a fake of one `GET` operation on `path` with these parameters, metadata and spec data alike. */
export function apiOf(path: string, parameters: readonly Declared[]) {
  const stylesIn = (where: Declared["in"]) =>
    Object.fromEntries(parameters.filter((p) => p.in === where && p.style).map((p) => [p.name, p.style!]));
  const query = stylesIn("query");
  const pathStyles = stylesIn("path") as { [name: string]: ParameterStyle };
  const header = stylesIn("header") as { [name: string]: ParameterStyle };
  // Every cookie parameter is listed: the client sends only those.
  const cookie = Object.fromEntries(
    parameters.filter((p) => p.in === "cookie").map((p) => [p.name, (p.style as ParameterStyle) ?? COOKIE]),
  );
  const operation: ClientOperationMeta = {
    id: "getThing",
    security: [["ApiKey"]],
    ...(Object.keys(query).length ? { query } : {}),
    ...(Object.keys(pathStyles).length ? { path: pathStyles } : {}),
    ...(Object.keys(header).length ? { header } : {}),
    ...(Object.keys(cookie).length ? { cookie } : {}),
  };
  const securitySchemes = { ApiKey: { header: "X-Api-Key", secret: true } };
  const meta: ClientMeta<"ApiKey"> = { securitySchemes, operations: { [`GET ${path}`]: operation } };
  const spec = specDataOf(
    {
      [`GET ${path}`]: {
        id: "getThing",
        security: [["ApiKey"]],
        parameters: parameters.map((p): ParameterData => {
          const data = {
            name: p.name,
            in: p.in,
            schema: p.schema,
            ...(p.in === "path" || p.required ? { required: true } : {}),
          };
          if (p.style === "json") return { ...data, json: true };
          const style = p.in === "cookie" ? cookie[p.name] : p.style;
          return style ? { ...data, style } : data;
        }),
        responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: {} } },
      },
    },
    { schemas: { Point: point }, securitySchemes },
  );
  const fake = createFakeApi<Paths>({ spec, name: "Styles" });
  return { client: clientOverFake<Paths>(meta, fake, { headerParameters, cookieParameters }), fake };
}

/** Sends one call and returns what the fake's handler saw: the URL as sent and the parameters as parsed. */
export async function send(path: string, parameters: readonly Declared[], params: Op["parameters"]) {
  const { client, fake } = apiOf(path, parameters);
  let seen: { url: URL; query: unknown; path: unknown; header: unknown; cookie: unknown; headers: Headers } | undefined;
  fake.on(`GET ${path}`, ({ params: parsed, request }) => {
    seen = {
      url: new URL(request.url),
      query: parsed.query,
      path: parsed.path,
      header: parsed.header,
      cookie: parsed.cookie,
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
