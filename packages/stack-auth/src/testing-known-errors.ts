// The known errors a fake Stack Auth answers with: their status, body and header as Stack Auth sends them.
import { sampleOf, type SpecData } from "@keyway/runtime/testing";
import { KNOWN_ERROR_HEADER } from "./errors.js";

/** A known error of the spec as Stack Auth answers it: its status, `{ code, error, details }` and the known-error header. */
export function knownError(spec: SpecData, code: string, error: string, details?: unknown): Response {
  return new Response(JSON.stringify(details === undefined ? { code, error } : { code, error, details }), {
    status: knownErrorStatus(spec, code),
    headers: { "content-type": "application/json", [KNOWN_ERROR_HEADER]: code },
  });
}

/** The HTTP status of the known error `code`. */
export function knownErrorStatus(spec: SpecData, code: string): number {
  return spec.knownErrors?.[code] ?? 400;
}

/** Stack Auth's `SCHEMA_ERROR` for a request that fails one of its rules, worded as its validation words it. */
export function schemaError(spec: SpecData, request: string, failures: readonly string[]): Response {
  const message = `Request validation failed on ${request}:\n${failures.map((failure) => `  - ${failure}`).join("\n")}`;
  return knownError(spec, "SCHEMA_ERROR", message, { message });
}

/**
 * Details of the shape the spec gives the known error `code`, if it names any; `undefined` for a code without
 * details (its schema names no property), whose body Stack Auth sends without a `details` key.
 */
export function sampleDetails(spec: SpecData, code: string): unknown {
  const detailsSchema = (
    spec.schemas.KnownErrorDetails as { properties?: Record<string, SpecData["schemas"][string]> } | undefined
  )?.properties?.[code] as { properties?: object } | undefined;
  return detailsSchema?.properties === undefined ? undefined : sampleOf(detailsSchema, spec);
}

/** The code of a known error of the spec that an answer is (an error status, a `{ code }` body), as its header names it. */
export function knownErrorCodeOf(spec: SpecData, status: number, body: unknown): string | undefined {
  if (status < 400 || typeof body !== "object" || body === null) return undefined;
  const { code } = body as { code?: unknown };
  return typeof code === "string" && spec.knownErrors?.[code] !== undefined ? code : undefined;
}
