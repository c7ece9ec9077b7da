// How a fake Stack Auth answers a request's credentials: the checks Stack Auth makes of the access type, the project
// and its keys before it reads the request any further, in its order and with its known errors.
import type { SpecData } from "@keyway/runtime/testing";
import { knownError } from "./testing-known-errors.js";

/** The project a fake stands for: its id, its keys, and whether client access must send the publishable key. */
export interface FakeProject {
  readonly projectId: string;
  readonly publishableClientKey: string;
  readonly secretServerKey: string;
  readonly requirePublishableClientKey: boolean;
}

const ACCESS_TYPES = new Set(["client", "server", "admin"]);
/** The keys of admin access, which no keyway client sends and neither spec declares. */
export const ADMIN_KEY_HEADERS = ["x-stack-super-secret-admin-key", "x-stack-admin-access-token"];
const KEY_HEADERS = ["x-stack-publishable-client-key", "x-stack-secret-server-key", ...ADMIN_KEY_HEADERS];
const AUTHENTICATION_DOCS =
  "For more information, see the docs on REST API authentication: https://docs.stack-auth.com/rest-api/overview#authentication";

/**
 * Stack Auth's first refusal of a request without a credential header that every operation of the spec requires (an
 * access type and a project id; the secret server key on server access), a request that breaks the spec as well;
 * `undefined` for another request.
 */
export function refusedUnsentCredentials(spec: SpecData, headers: Headers, project: FakeProject): Response | undefined {
  return requiredHeadersOf(spec).some((header) => credentialOf(headers, header) === null)
    ? refusedCredentials(spec, headers, project)
    : undefined;
}

const requiredHeaders = new WeakMap<SpecData, readonly string[]>();

/** The headers of the security schemes that every credential alternative of every operation of `spec` names. */
function requiredHeadersOf(spec: SpecData): readonly string[] {
  let headers = requiredHeaders.get(spec);
  if (headers === undefined) {
    const alternatives = Object.values(spec.operations).flatMap((operation) =>
      operation.security.filter((alternative) => alternative.length > 0),
    );
    const common = alternatives.reduce(
      (schemes, alternative) => schemes.filter((scheme) => alternative.includes(scheme)),
      alternatives[0] ?? [],
    );
    headers = common.flatMap((scheme) => spec.securitySchemes[scheme]?.header.toLowerCase() ?? []);
    requiredHeaders.set(spec, headers);
  }
  return headers;
}

/**
 * A credential header's value, `null` when it is absent or empty: Stack Auth reads an empty header as none
 * (`x-stack-secret-server-key: ""` is answered `SERVER_AUTHENTICATION_REQUIRED`).
 */
export function credentialOf(headers: Headers, name: string): string | null {
  return headers.get(name) || null;
}

/**
 * The answer Stack Auth gives to credentials that name no access type it knows, another project, or a key that is not
 * the project's; `undefined` when they pass. Client access is checked as client access whatever other keys the
 * request sends (Stack Auth reads only the key of the access type). Never echoes a key.
 */
function refusedCredentials(spec: SpecData, headers: Headers, project: FakeProject): Response | undefined {
  return refusedAccessType(spec, headers) ?? refusedProject(spec, headers, project);
}

/**
 * Stack Auth's first checks, before it reads the user's access token: an access type it knows, sent with a project
 * id, or no access type and no key. `undefined` when they pass.
 */
export function refusedAccessType(spec: SpecData, headers: Headers): Response | undefined {
  const type = credentialOf(headers, "x-stack-access-type");
  if (type === null) {
    return KEY_HEADERS.some((header) => credentialOf(headers, header) !== null)
      ? knownError(
          spec,
          "PROJECT_KEY_WITHOUT_ACCESS_TYPE",
          "Either an API key or an admin access token was provided, but the x-stack-access-type header is missing. Set it to 'client', 'server', or 'admin' as appropriate.",
        )
      : undefined;
  }
  if (!ACCESS_TYPES.has(type))
    return knownError(
      spec,
      "INVALID_ACCESS_TYPE",
      `The x-stack-access-type header must be 'client', 'server', or 'admin', but was '${type}'.`,
    );
  if (credentialOf(headers, "x-stack-project-id") === null)
    return knownError(
      spec,
      "ACCESS_TYPE_WITHOUT_PROJECT_ID",
      `The x-stack-access-type header was '${type}', but the x-stack-project-id header was not provided.\n\n${AUTHENTICATION_DOCS}`,
      { request_type: type },
    );
  return undefined;
}

/**
 * Stack Auth's checks after it read the user's access token: the project it names, then the key of the access type.
 * Call it for credentials `refusedAccessType` passed; `undefined` when they pass.
 */
export function refusedProject(spec: SpecData, headers: Headers, project: FakeProject): Response | undefined {
  const type = credentialOf(headers, "x-stack-access-type");
  const projectId = credentialOf(headers, "x-stack-project-id");
  if (type === null || projectId === null) return undefined;
  if (projectId !== project.projectId)
    return knownError(
      spec,
      "CURRENT_PROJECT_NOT_FOUND",
      `The current project with ID ${projectId} was not found. Please check the value of the x-stack-project-id header.`,
      { project_id: projectId },
    );
  if (type === "client") return refusedClientKey(spec, headers, project);
  if (type === "server") return refusedServerKey(spec, headers, project);
  return refusedAdminKey(spec, headers, project);
}

function refusedClientKey(spec: SpecData, headers: Headers, project: FakeProject): Response | undefined {
  const key = credentialOf(headers, "x-stack-publishable-client-key");
  if (key === null && project.requirePublishableClientKey)
    return knownError(
      spec,
      "PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT",
      "Publishable client keys are required for this project. Create one in Project Keys, or disable this requirement there to allow keyless client access.",
      { project_id: project.projectId },
    );
  if (key !== null && key !== project.publishableClientKey)
    return invalidKey(spec, "INVALID_PUBLISHABLE_CLIENT_KEY", "publishable key", project);
  return undefined;
}

function refusedServerKey(spec: SpecData, headers: Headers, project: FakeProject): Response | undefined {
  const key = credentialOf(headers, "x-stack-secret-server-key");
  if (key === null)
    return knownError(spec, "SERVER_AUTHENTICATION_REQUIRED", "The secret server key must be provided.");
  if (key !== project.secretServerKey)
    return invalidKey(spec, "INVALID_SECRET_SERVER_KEY", "secret server key", project);
  return undefined;
}

function refusedAdminKey(spec: SpecData, headers: Headers, project: FakeProject): Response {
  if (
    credentialOf(headers, "x-stack-super-secret-admin-key") === null &&
    credentialOf(headers, "x-stack-admin-access-token") === null
  )
    return knownError(spec, "ADMIN_AUTHENTICATION_REQUIRED", "The super secret admin key must be provided.");
  // The fake stands for a project no keyway client administers: it knows no admin key.
  return invalidKey(spec, "INVALID_SUPER_SECRET_ADMIN_KEY", "super secret admin key", project);
}

function invalidKey(spec: SpecData, code: string, key: string, project: FakeProject): Response {
  return knownError(
    spec,
    code,
    `The ${key} is not valid for the project ${JSON.stringify(project.projectId)}. Does the project and/or the key exist?`,
    { project_id: project.projectId },
  );
}

/**
 * Stack Auth's 400 `CANNOT_GET_OWN_USER_WITHOUT_USER` for a request that names the signed-in user (`me`) as one of
 * `userIds` without the user's access token; `undefined` for another request.
 */
export function refusedOwnUser(spec: SpecData, headers: Headers, userIds: readonly unknown[]): Response | undefined {
  return credentialOf(headers, "x-stack-access-token") === null && userIds.includes("me")
    ? knownError(
        spec,
        "CANNOT_GET_OWN_USER_WITHOUT_USER",
        "You have specified 'me' as a userId, but did not provide authentication for a user.",
      )
    : undefined;
}

/** The user ids a request's URL may name: each segment of its path, and its `user_id` query parameters. */
export function userIdsOfUrl(url: string): string[] {
  const { pathname, searchParams } = new URL(url);
  return [...pathname.split("/"), ...searchParams.getAll("user_id")];
}

/**
 * Stack Auth's answer to client access (`X-Stack-Access-Type: client`) of an operation only server access may call:
 * 401 `INSUFFICIENT_ACCESS_TYPE`, a secret server key sent along notwithstanding.
 */
export function insufficientAccessType(spec: SpecData): Response {
  return knownError(
    spec,
    "INSUFFICIENT_ACCESS_TYPE",
    "The x-stack-access-type header must be 'server' or 'admin', but was 'client'.",
    { actual_access_type: "client", allowed_access_types: ["server", "admin"] },
  );
}
