import {
  checkedBaseUrl,
  checkMaxResponseBytes,
  ConfigurationError,
  isLoopbackHost,
  KeywayError,
  limitResponseBody,
  shownSentence,
  shownSetting,
} from "@keyway/runtime";
import {
  createRemoteJWKSet,
  customFetch,
  decodeJwt,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";
import { MAX_TOKEN_LENGTH, STACK_AUTH_BASE_URL, withSiblingHost } from "./constants.js";

/** The claims of a Stack Auth access token. */
export interface AccessTokenClaims extends JWTPayload {
  /** The user's id. */
  readonly sub: string;
  readonly project_id: string;
  readonly branch_id?: string;
  readonly refresh_token_id?: string;
  readonly role?: string;
  readonly name?: string | null;
  readonly email?: string | null;
  readonly email_verified?: boolean;
  readonly selected_team_id?: string | null;
  /** When the user signed up, in seconds since the epoch. */
  readonly signed_up_at?: number;
  /** An anonymous user's token is accepted only with the verifier's `allowAnonymous`. */
  readonly is_anonymous?: boolean;
  /** A restricted user's token (an unverified email, restricted by an admin) is accepted only with `allowRestricted`. */
  readonly is_restricted?: boolean;
  readonly restricted_reason?: {
    readonly type: "anonymous" | "email_not_verified" | "restricted_by_administrator" | (string & {});
  } | null;
  readonly requires_totp_mfa?: boolean;
}

/** Why a token was rejected. */
export type InvalidAccessTokenReason = "expired" | "claim" | "signature" | "malformed";

/**
 * The project's key set (JWKS) could not be obtained: unreachable, a non-200 answer, a timeout, a
 * body larger than the verifier's `maxResponseBytes`, or one that is not a JSON Web Key Set. Says
 * nothing about the token; `cause` says why.
 *
 * @example
 * ```ts
 * try {
 *   await verifyAccessToken(token);
 * } catch (error) {
 *   if (!(error instanceof KeySetUnavailableError)) throw error; // the token itself was refused: answer 401
 *   console.error("Stack Auth's keys are out of reach: answer 503", error.cause);
 * }
 * ```
 */
export class KeySetUnavailableError extends KeywayError {
  override name = "KeySetUnavailableError";
  /** Where the key set was fetched from. */
  readonly url: string;

  constructor({ url, cause }: { readonly url: string; readonly cause: unknown }) {
    const reason = shownSentence((cause as Error)?.message ?? String(cause));
    super(`The project's key set (JWKS) at ${url} is unavailable: ${reason}`, { cause });
    this.url = url;
  }
}

/** The access token failed local verification; `reason` says how. */
export class InvalidAccessTokenError extends KeywayError {
  override name = "InvalidAccessTokenError";
  /** How the token failed. */
  readonly reason: InvalidAccessTokenReason;

  constructor({
    reason,
    message,
    cause,
  }: {
    readonly reason: InvalidAccessTokenReason;
    readonly message: string;
    readonly cause?: unknown;
  }) {
    super(message, cause === undefined ? undefined : { cause });
    this.reason = reason;
  }
}

export interface AccessTokenVerifierOptions {
  readonly projectId: string;
  /**
   * The API base URL (default Stack Auth's, `https://api.stack-auth.com/api/v1`; Hexclave's
   * `https://api.hexclave.com/api/v1` works alike); the JWKS and the default issuers derive from it.
   */
  readonly baseUrl?: string | undefined;
  /**
   * Accepted issuers; default `<baseUrl>/projects/<projectId>`, and for the hosted API the same
   * under its other name too (`api.stack-auth.com` ↔ `api.hexclave.com`), since a token issued
   * through either host is valid at both.
   */
  readonly issuer?: string | readonly string[] | undefined;
  /** Accepted audiences; default the project id (and its `:restricted` and `:anon` forms as the options allow). */
  readonly audience?: string | readonly string[] | undefined;
  /**
   * Also accept the tokens of restricted users (signed up but not yet allowed in: an unverified email, restricted by
   * an admin), which Stack Auth signs with keys and names with an issuer and audience of their own. Default false.
   */
  readonly allowRestricted?: boolean | undefined;
  /** Also accept the tokens of anonymous users, and of restricted users with them (as Stack Auth does). Default false. */
  readonly allowAnonymous?: boolean | undefined;
  /** Allowed clock skew in seconds, a finite number of 0 or more (default 5). */
  readonly clockToleranceSeconds?: number | undefined;
  /** The fetch the key set is requested with; defaults to `globalThis.fetch`. Handy for tests and custom agents. */
  readonly fetch?: typeof fetch | undefined;
  /**
   * The most bytes of the key set read, counted as it decodes (default 1 MiB; a project's key set is a few kB).
   * A larger one is a {@link KeySetUnavailableError} whose `cause` is a `ResponseTooLargeError`, and is not read on.
   */
  readonly maxResponseBytes?: number | undefined;
}

const DEFAULT_MAX_KEY_SET_BYTES = 1024 * 1024;
/**
 * How long after a failed fetch of the key set the verifier refuses without asking again: while Stack Auth's key set
 * is out of reach, a flood of requests must not become a flood of fetches.
 */
const KEY_SET_RETRY_DELAY_MS = 5_000;

/**
 * Creates a local verifier of Stack Auth access tokens: the signature against the project's
 * JWKS (fetched once and cached by `jose`), then issuer, audience and expiry. A token longer
 * than 16 KiB is refused unread; after a failed fetch of the key set, the verifier refuses
 * for 5 seconds without fetching it again.
 *
 * @example
 * ```ts
 * import { createAccessTokenVerifier } from "@keyway/stack-auth/tokens";
 *
 * const verifyAccessToken = createAccessTokenVerifier({ projectId: process.env["STACK_PROJECT_ID"]! });
 * const claims = await verifyAccessToken(request.headers.get("x-stack-access-token")!);
 * console.log(claims.sub);
 * ```
 */
export function createAccessTokenVerifier(
  options: AccessTokenVerifierOptions,
): (token: string) => Promise<AccessTokenClaims> {
  if (!options.projectId) throw new ConfigurationError("createAccessTokenVerifier: projectId is required");
  const baseUrl = keySetBaseUrl(options.baseUrl ?? STACK_AUTH_BASE_URL);
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_KEY_SET_BYTES;
  checkMaxResponseBytes(maxBytes);
  const clockTolerance = options.clockToleranceSeconds ?? 5;
  if (!Number.isFinite(clockTolerance) || clockTolerance < 0)
    throw new ConfigurationError(
      `createAccessTokenVerifier: clockToleranceSeconds must be a finite number of seconds (0 or more), got ${shownSetting(clockTolerance)}`,
    );
  const kinds = userKinds(options);
  const projectId = encodeURIComponent(options.projectId);
  const keySetUrl = `${baseUrl}/projects/${projectId}/.well-known/jwks.json${kinds.at(-1)!.keySetQuery}`;
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const keys = remoteKeySet(keySetUrl, (url, init) => fetchKeySet(fetchImpl, url, init, maxBytes));
  const issuer =
    options.issuer ??
    withSiblingHost(baseUrl).flatMap((base) => kinds.map(({ projects }) => `${base}/${projects}/${projectId}`));
  const audience = options.audience ?? kinds.map(({ audienceSuffix }) => `${options.projectId}${audienceSuffix}`);

  return async (token) => {
    if (typeof token === "string" && token.length > MAX_TOKEN_LENGTH)
      throw new InvalidAccessTokenError({
        reason: "malformed",
        message: `The access token is not a valid JWT (${token.length} characters, more than the ${MAX_TOKEN_LENGTH} a Stack Auth token can have)`,
      });
    let claims: AccessTokenClaims;
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: issuer as string | string[],
        audience: audience as string | string[],
        clockTolerance,
        // Every Stack Auth access token says whose it is and until when: one without is no session's.
        requiredClaims: ["sub", "exp"],
      });
      claims = payload as AccessTokenClaims;
    } catch (error) {
      if (error instanceof KeySetUnavailableError) throw error;
      // The token of a kind of user the verifier does not accept is signed by keys its key set lacks: name the kind.
      const kindError =
        error instanceof errors.JWKSNoMatchingKey ? kindRefusal(unverifiedClaims(token), kinds) : undefined;
      throw kindError ?? toInvalidTokenError(error);
    }
    const refusal = subjectRefusal(claims) ?? kindRefusal(claims, kinds);
    if (refusal) throw refusal;
    return claims;
  };
}

/**
 * jose's cached key set at `url`, whose failures to obtain it are {@link KeySetUnavailableError}s. Within
 * {@link KEY_SET_RETRY_DELAY_MS} of a failure, a token that needs the keys fetched fails as that one did, unfetched.
 */
function remoteKeySet(url: string, fetchKeys: (url: string, init: RequestInit) => Promise<Response>): JWTVerifyGetKey {
  let failure: { readonly at: number; readonly cause: unknown } | undefined;
  const remoteKeys = createRemoteJWKSet(new URL(url), {
    [customFetch]: async (href, init) => {
      if (failure && Date.now() - failure.at < KEY_SET_RETRY_DELAY_MS) throw failure.cause;
      return fetchKeys(href, init);
    },
  });
  return async (header, token) => {
    try {
      return await remoteKeys(header, token);
    } catch (error) {
      if (!isKeySetFailure(error)) throw error;
      if (error !== failure?.cause) failure = { at: Date.now(), cause: error }; // not the same one rethrown unfetched
      throw new KeySetUnavailableError({ url, cause: error });
    }
  };
}

/** A kind of user whose tokens a verifier accepts: where Stack Auth names its issuer, its audience and its keys. */
interface UserKind {
  readonly projects: string;
  readonly audienceSuffix: string;
  /** The key set's query that adds this kind's keys (and those of the kinds before it). */
  readonly keySetQuery: string;
}

const SIGNED_IN: UserKind = { projects: "projects", audienceSuffix: "", keySetQuery: "" };
const RESTRICTED: UserKind = {
  projects: "projects-restricted-users",
  audienceSuffix: ":restricted",
  keySetQuery: "?include_restricted=true",
};
const ANONYMOUS: UserKind = {
  projects: "projects-anonymous-users",
  audienceSuffix: ":anon",
  keySetQuery: "?include_anonymous=true",
};

/** The kinds of user the options accept, in order: anonymous users' tokens only with restricted users' (Stack Auth's rule). */
function userKinds({ allowAnonymous, allowRestricted }: AccessTokenVerifierOptions): readonly UserKind[] {
  if (allowAnonymous) return [SIGNED_IN, RESTRICTED, ANONYMOUS];
  return allowRestricted ? [SIGNED_IN, RESTRICTED] : [SIGNED_IN];
}

/** The error for a token whose claims name a kind of user the verifier does not accept, if they do. */
function kindRefusal(claims: Partial<AccessTokenClaims> | undefined, kinds: readonly UserKind[]) {
  const refused = (claim: string, option: string) =>
    new InvalidAccessTokenError({
      reason: "claim",
      message: `The access token's "${claim}" claim is not accepted: create the verifier with ${option}: true to accept it`,
    });
  if (claims?.is_anonymous === true && !kinds.includes(ANONYMOUS)) return refused("is_anonymous", "allowAnonymous");
  if (claims?.is_restricted === true && !kinds.includes(RESTRICTED)) return refused("is_restricted", "allowRestricted");
  return undefined;
}

/** The error for a token whose `sub` is not a user's id (jose checks only that it is there), if it is not. */
function subjectRefusal(claims: AccessTokenClaims) {
  if (typeof claims.sub === "string" && claims.sub !== "") return undefined;
  return new InvalidAccessTokenError({
    reason: "claim",
    message: `The access token's "sub" claim is not accepted (not a user's id)`,
  });
}

/** The token's claims, read without checking anything, to explain a refusal; none when it is not a JWT. */
function unverifiedClaims(token: string): Partial<AccessTokenClaims> | undefined {
  try {
    return decodeJwt(token) as Partial<AccessTokenClaims>;
  } catch {
    return undefined;
  }
}

/**
 * The base URL as a URL spells it (the host in lower case, no default port: as Stack Auth spells its issuers) without a
 * trailing slash, or a `ConfigurationError` when it is not an http(s) URL, or is plain http to another machine: whoever
 * sits on that path could hand the verifier keys of their own and sign any token.
 */
function keySetBaseUrl(baseUrl: string): string {
  const checked = checkedBaseUrl(baseUrl, {
    option: "createAccessTokenVerifier: baseUrl",
    example: STACK_AUTH_BASE_URL,
  });
  const url = new URL(checked);
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname))
    throw new ConfigurationError(
      `createAccessTokenVerifier: the key set must be fetched over https, not plain http from ${url.host}, where anyone on the way could replace the keys (plain http is for loopback hosts only)`,
    );
  return url.href.replace(/\/+$/, "");
}

/**
 * jose's request for the key set, sent with `fetchImpl` and read whole within `maxBytes` before jose parses it: a
 * body over the limit fails as a `ResponseTooLargeError` of its own instead of a JSON error of jose's.
 */
async function fetchKeySet(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  maxBytes: number,
): Promise<Response> {
  const response = await fetchImpl(url, init);
  if (response.status !== 200) {
    response.body?.cancel().catch(() => {}); // jose refuses it by its status alone
    return response;
  }
  const body = await limitResponseBody(response, { method: "GET", url, maxBytes }).arrayBuffer();
  return new Response(body, { status: 200, headers: response.headers });
}

function toInvalidTokenError(error: unknown): InvalidAccessTokenError {
  const invalid = (reason: InvalidAccessTokenReason, message: string, cause?: unknown) =>
    new InvalidAccessTokenError({ reason, message, cause });
  // jose's claim errors carry the token's claims (the user's email and name, the session's id), and its parse errors
  // a SyntaxError quoting what it decoded: no cause holds them.
  if (error instanceof errors.JWTExpired) return invalid("expired", "The access token has expired");
  if (error instanceof errors.JWTClaimValidationFailed)
    return invalid("claim", `The access token's "${error.claim}" claim is not accepted (${error.reason})`);
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey)
    return invalid("signature", "The access token's signature does not match the project's keys", error);
  if (error instanceof errors.JOSEError)
    return invalid("malformed", `The access token is not a valid JWT (${error.code})`);
  throw error;
}

/**
 * Whether jose failed to obtain the key set rather than to use it: a network error (not a
 * JOSEError at all), a timeout, a body that is not a key set, or jose's generic error, which it
 * raises only for a non-200 answer or a body that is not JSON.
 */
function isKeySetFailure(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return (
    error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === errors.JOSEError.code
  );
}
