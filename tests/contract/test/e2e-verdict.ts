import { knownErrorMismatch, problems } from "./known-error-fit.js";
import type { E2eResponse, E2eWebhook } from "./e2e-fixture.js";
import type { SpecResponses } from "./response-schemas.js";
import { undeclaredFields } from "./undeclared-fields.js";

/** Why a recorded response does not fit our spec. */
export type Misfit =
  /** The operation declares neither the status nor its range, and no `default` covers it. */
  | "undeclared status"
  /** The status is declared, without the media type the body came as. */
  | "undeclared media type"
  /** The body does not validate against the schema of its status and media type. */
  | "schema"
  /** The body has a field its schema does not declare: the typed client hides it. */
  | "undeclared field"
  /** A known error the spec has no `KnownErrorDetails` entry for, or whose details do not fit it. */
  | "known-error details"
  /** A known error sent with another status than its code's `x-keyway-status` (what the `/testing` fakes answer). */
  | "known-error status"
  /** A known error the operation does not list in `x-keyway-known-errors`. */
  | "known error not listed";

/** Every way a recorded response misfits its operation's spec, with what is wrong; empty when it fits. */
export function misfitsOf(spec: SpecResponses, recorded: E2eResponse): { misfit: Misfit; detail: string }[] {
  const status = String(recorded.status);
  const found = [];
  const response = spec.responseFor(recorded.operation, status);
  const isKnownError = recorded.knownError !== undefined;
  if (!response || (response.status === "default" && !isKnownError)) {
    found.push({ misfit: "undeclared status" as const, detail: `HTTP ${status} is not declared` });
  } else {
    const entry = response.media.find((media) => media.mediaType === recorded.mediaType);
    if (!entry)
      found.push({
        misfit: "undeclared media type" as const,
        detail: `HTTP ${response.status} declares ${response.media.map((m) => m.mediaType).join(", ") || "no body"}, not ${recorded.mediaType}`,
      });
    else if (!entry.validate(recorded.body))
      found.push({ misfit: "schema" as const, detail: problems(entry.validate.errors) });
    else {
      const undeclared = undeclaredFields(spec, entry.schema, recorded.body);
      if (undeclared.length > 0) found.push({ misfit: "undeclared field" as const, detail: undeclared.join(", ") });
    }
  }
  if (isKnownError) {
    const code = recorded.knownError!;
    let mismatch: string;
    try {
      mismatch = knownErrorMismatch(spec, recorded.body as { code: string; error: string });
    } catch {
      mismatch = `${code} is not a code of KnownErrorDetails`;
    }
    if (mismatch) found.push({ misfit: "known-error details" as const, detail: mismatch });
    const declaredStatus = knownErrorStatus(spec, code);
    if (declaredStatus !== undefined && declaredStatus !== recorded.status)
      found.push({ misfit: "known-error status" as const, detail: `${code} is declared HTTP ${declaredStatus}` });
    if (!spec.knownErrorsOf(recorded.operation).includes(code))
      found.push({ misfit: "known error not listed" as const, detail: `${code} is not in x-keyway-known-errors` });
  }
  return found;
}

/** The `x-keyway-status` of a known error code in the spec's `KnownErrorDetails`, if it has one. */
function knownErrorStatus(spec: SpecResponses, code: string): number | undefined {
  const details = spec.resolve({ $ref: "#/components/schemas/KnownErrorDetails" }) as {
    properties?: Record<string, { "x-keyway-status"?: number }>;
  };
  return details.properties?.[code]?.["x-keyway-status"];
}

/** Every way a recorded webhook misfits the server spec's webhook of its event, with what is wrong; empty when it fits. */
export function webhookMisfitsOf(spec: SpecResponses, recorded: E2eWebhook): { misfit: string; detail: string }[] {
  const declared = spec.webhookBody(recorded.event);
  if (!declared) return [{ misfit: "undeclared webhook", detail: `${recorded.event} is not a webhook of the spec` }];
  if (!declared.validate(recorded.body)) return [{ misfit: "schema", detail: problems(declared.validate.errors) }];
  const undeclared = undeclaredFields(spec, declared.schema, recorded.body);
  return undeclared.length > 0 ? [{ misfit: "undeclared field", detail: undeclared.join(", ") }] : [];
}
