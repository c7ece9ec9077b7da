import { ConfigurationError, KeywayError } from "@keyway/header-auth";
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import { STACK_AUTH_BASE_URL, withSiblingHost } from "./constants.js";

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
  readonly is_anonymous?: boolean;
  readonly is_restricted?: boolean;
}

/** Why a token was rejected. */
export type InvalidAccessTokenReason = "expired" | "claim" | "signature" | "malformed";

/** The access token failed local verification; `reason` says how. */
export class InvalidAccessTokenError extends KeywayError {
  constructor(
    readonly reason: InvalidAccessTokenReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface AccessTokenVerifierOptions {
  readonly projectId: string;
  /**
   * The API base URL (default Stack Auth's, `https://api.stack-auth.com/api/v1`; Hexclave's
   * `https://api.hexclave.com/api/v1` works alike); the JWKS and the default issuers derive from it.
   */
  readonly baseUrl?: string;
  /**
   * Accepted issuers; default `<baseUrl>/projects/<projectId>`, and for the hosted API the same
   * under its other name too (`api.stack-auth.com` ↔ `api.hexclave.com`), since a token issued
   * through either host is valid at both.
   */
  readonly issuer?: string | readonly string[];
  /** Accepted audiences; default the project id. */
  readonly audience?: string | readonly string[];
  /** Allowed clock skew in seconds (default 5). */
  readonly clockToleranceSeconds?: number;
}

/**
 * Creates a local verifier of Stack Auth access tokens: the signature against the project's
 * JWKS (fetched once and cached by `jose`), then issuer, audience and expiry.
 *
 * @example
 * ```ts
 * import { createAccessTokenVerifier } from "@keyway/stack-auth/tokens";
 *
 * const verifyAccessToken = createAccessTokenVerifier({ projectId: process.env.STACK_PROJECT_ID! });
 * const claims = await verifyAccessToken(request.headers.get("x-stack-access-token")!);
 * console.log(claims.sub);
 * ```
 */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): (token: string) => Promise<AccessTokenClaims> {
  if (!options.projectId) throw new ConfigurationError("createAccessTokenVerifier: projectId is required");
  const baseUrl = (options.baseUrl ?? STACK_AUTH_BASE_URL).replace(/\/+$/, "");
  const projectPathOf = (base: string) => `${base}/projects/${encodeURIComponent(options.projectId)}`;
  const keys = createRemoteJWKSet(new URL(`${projectPathOf(baseUrl)}/.well-known/jwks.json`));
  const issuer = options.issuer ?? withSiblingHost(baseUrl).map(projectPathOf);
  const audience = options.audience ?? options.projectId;

  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: issuer as string | string[],
        audience: audience as string | string[],
        clockTolerance: options.clockToleranceSeconds ?? 5,
      });
      return payload as AccessTokenClaims;
    } catch (error) {
      throw toInvalidTokenError(error);
    }
  };
}

function toInvalidTokenError(error: unknown): InvalidAccessTokenError {
  if (error instanceof errors.JWTExpired) return new InvalidAccessTokenError("expired", "The access token has expired", { cause: error });
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new InvalidAccessTokenError("claim", `The access token's "${error.claim}" claim is not accepted (${error.reason})`, { cause: error });
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return new InvalidAccessTokenError("signature", "The access token's signature does not match the project's keys", { cause: error });
  }
  if (error instanceof errors.JOSEError) return new InvalidAccessTokenError("malformed", `The access token is not a valid JWT (${error.code})`, { cause: error });
  throw error;
}
