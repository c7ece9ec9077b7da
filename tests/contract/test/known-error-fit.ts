import type { SpecResponses } from "./response-schemas.js";

/** A known error's JSON body; `details` is left out for a code that has none. */
export interface KnownErrorBody {
  readonly code: string;
  readonly error: string;
  readonly details?: unknown;
}

/** ajv's errors, one line each. */
export const problems = (errors: readonly { instancePath: string; message?: string }[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message ?? ""}`).join("; ");

/**
 * Why a known-error body does not fit a spec, or `""`: it must be a KnownError whose details fit its
 * code's declared shape. Stack Auth leaves `details` out for a code that has none, so a body without
 * it fits a code whose details require no key.
 */
export function knownErrorMismatch(responses: SpecResponses, body: KnownErrorBody): string {
  const asBody = responses.validatorAt("#/components/schemas/KnownError");
  if (!asBody(body)) return problems(asBody.errors);
  const details = responses.validatorAt(`#/components/schemas/KnownErrorDetails/properties/${body.code}`);
  return details("details" in body ? body.details : {}) ? "" : `${body.code}: ${problems(details.errors)}`;
}
