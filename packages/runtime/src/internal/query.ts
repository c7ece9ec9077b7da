import { createQuerySerializer } from "openapi-fetch";

type QuerySerializer = (query: Record<string, unknown>) => string;

/**
 * A query serializer that sends the named parameters as JSON text (OpenAPI
 * `content: application/json` parameters, such as Stacker's `include_fields`)
 * and every other parameter the way openapi-fetch does by default.
 *
 * @example
 * ```ts
 * const serialize = createJsonQuerySerializer(["include_fields"]);
 * serialize({ include_fields: ["a", "b"] }); // 'include_fields=%5B%22a%22%2C%22b%22%5D'
 * ```
 */
export function createJsonQuerySerializer(jsonParameters: readonly string[]): QuerySerializer {
  const serializeRest = createQuerySerializer() as QuerySerializer;
  if (jsonParameters.length === 0) return serializeRest;
  const jsonNames = new Set(jsonParameters);
  return (query) => {
    const rest: Record<string, unknown> = {};
    const parts: string[] = [];
    for (const [name, value] of Object.entries(query)) {
      if (!jsonNames.has(name)) rest[name] = value;
      else if (value !== undefined)
        parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(JSON.stringify(value))}`);
    }
    const serializedRest = serializeRest(rest);
    return serializedRest ? [serializedRest, ...parts].join("&") : parts.join("&");
  };
}
