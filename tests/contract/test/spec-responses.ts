import { bundle, createConfig } from "@redocly/openapi-core";

type Responses = Record<string, { content?: Record<string, unknown> }>;
type Paths = Record<string, Record<string, { responses?: Responses } | undefined>>;

/** Answers whether the spec gives an operation's response with this status a body. */
export type HasBody = (operation: string, status: number) => boolean;

/**
 * Reads a spec (following its `$ref`s into shared component files) and returns {@link HasBody}:
 * the status's own response, else its range (`2XX`), else `default`, defines content.
 */
export async function responseBodies(specPath: string): Promise<HasBody> {
  const { bundle: bundled } = await bundle({ ref: specPath, config: await createConfig({}), dereference: true });
  const paths = (bundled.parsed as { paths: Paths }).paths;
  return (operation, status) => {
    const [method, path] = operation.split(" ") as [string, string];
    const responses = paths[path]?.[method.toLowerCase()]?.responses ?? {};
    const response = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    return Object.keys(response?.content ?? {}).length > 0;
  };
}
