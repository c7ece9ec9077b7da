import { ApiError, KeywayError, requestIdShown, shownExcerpt, shownToken, type ApiErrorInit } from "@keyway/runtime";
import type { components } from "./generated/stack-auth-server.js";

/** Every known error code the spec lists, mapped to the shape of its `details`. */
export type KnownErrorDetails = components["schemas"]["KnownErrorDetails"];

/** A known Stack Auth error code. */
export type KnownErrorCode = keyof KnownErrorDetails;

/** A code in an error: one of the known codes, or any other string a newer server may send. */
export type StackAuthErrorCode = KnownErrorCode | (string & {});

// A code whose details the spec gives no property (USER_NOT_FOUND, EMAIL_PASSWORD_MISMATCH, ...) is
// sent without a `details` key, so its details may be undefined.
type DetailsOf<Code extends string> = Code extends KnownErrorCode
  ? string extends keyof KnownErrorDetails[Code]
    ? KnownErrorDetails[Code] | undefined
    : KnownErrorDetails[Code]
  : Record<string, unknown> | undefined;

/** The response header that carries a known error's code (`x-hexclave-known-error` after the rename; both are read). */
export const KNOWN_ERROR_HEADER = "x-stack-known-error";

/**
 * A Stack Auth "known error": a JSON body `{ code, error, details }` sent with the
 * `X-Stack-Known-Error` header. Test for a code with {@link isKnownError}, which also
 * types `details` for that code.
 *
 * @example
 * ```ts
 * try {
 *   await stack.signIn(stack.POST("/auth/password/sign-in", { body: { email, password } }));
 * } catch (error) {
 *   if (isKnownError(error, "EMAIL_PASSWORD_MISMATCH")) showLoginError();
 * }
 * ```
 */
export class StackAuthError<Code extends StackAuthErrorCode = StackAuthErrorCode> extends ApiError {
  override name = "StackAuthError";
  readonly code: Code;
  /** Stack Auth's human-readable message. */
  readonly error: string;
  /** The code's details; `undefined` for a code that carries none (its body has no `details` key). */
  readonly details: DetailsOf<Code>;

  constructor(init: StackAuthErrorInit<Code>) {
    super({
      ...init,
      message: `${shownToken(init.code)}: ${shownExcerpt(init.error)}${requestIdShown(init.requestId)}`,
    });
    this.code = init.code;
    this.error = init.error;
    this.details = init.details as DetailsOf<Code>;
  }
}

/** What a {@link StackAuthError} is built from: the response, and the known error its body names. */
export interface StackAuthErrorInit<Code extends StackAuthErrorCode = StackAuthErrorCode> extends ApiErrorInit {
  readonly code: Code;
  /** Stack Auth's human-readable message. */
  readonly error: string;
  readonly details?: unknown;
}

/**
 * Whether `error` is the Stack Auth known error `code`; narrows `details` to that code's shape.
 * Only codes the spec knows compile, so a typo is caught; for a code newer than this client,
 * compare `error.code` of a {@link StackAuthError} directly.
 *
 * @example
 * ```ts
 * if (isKnownError(error, "USER_EMAIL_ALREADY_EXISTS")) console.log(error.details.email);
 * ```
 */
export function isKnownError<Code extends KnownErrorCode>(error: unknown, code: Code): error is StackAuthError<Code> {
  return error instanceof StackAuthError && error.code === code;
}

/**
 * Builds a {@link StackAuthError} from a known-error response, or `undefined` for other responses.
 * `headerNames` are the (lower-case) names the code's header may arrive under, first match wins.
 */
export function toStackAuthError(
  init: ApiErrorInit,
  headerNames: readonly string[] = [KNOWN_ERROR_HEADER],
): ApiError | undefined {
  const body = init.body as { code?: unknown; error?: unknown; details?: unknown } | undefined;
  const headerCode = headerNames.map((name) => init.headers[name]).find((code) => code !== undefined);
  if (!body || typeof body !== "object" || typeof body.code !== "string") return undefined;
  if (headerCode !== undefined && headerCode !== body.code) return undefined;
  return new StackAuthError({
    ...init,
    code: body.code,
    error: typeof body.error === "string" ? body.error : body.code,
    details: body.details,
  });
}

/**
 * The session has ended: Stack Auth refused its refresh token (`REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED`),
 * and the stored session has been cleared; or a sign-in or sign-out replaced it while its access
 * token was being refreshed. Sign in again. A later call that needs the user, made without a
 * session, fails before it is sent with a `MissingCredentialError` naming `session.accessToken` and saying that no
 * user is signed in. A call that also goes without a user (a sign-in) does not fail so: it is sent without the ended
 * session's token.
 *
 * @example
 * ```ts
 * try { await unwrap(stack.GET("/users/me")); } catch (e) { if (e instanceof SignedOutError) redirectToLogin(); }
 * ```
 */
export class SignedOutError extends KeywayError {
  override name = "SignedOutError";
}

/**
 * Stack Auth answered a session refresh with a success that carries no usable
 * `access_token` (none, empty, not a string, longer than the 16 KiB a Stack Auth token can have,
 * the very token it was asked to replace, or holding a line break or another character
 * HTTP forbids in a header). Nothing was sent with it and the stored session is
 * unchanged; the call that needed the refresh fails with this error, and a later call may refresh again.
 *
 * @example
 * ```ts
 * try { await unwrap(stack.GET("/users/me")); } catch (e) { if (e instanceof SessionRefreshError) reportOutage(e); }
 * ```
 */
export class SessionRefreshError extends KeywayError {
  override name = "SessionRefreshError";
}

/**
 * Stack Auth answered a sign-in with a success that carries no usable session: no body, or an
 * `access_token` or `refresh_token` that is missing, empty, not a string, longer than the 16 KiB a Stack Auth token can
 * have, or holding a character HTTP forbids in a header (a line break; its `cause` is then the `InvalidHeaderValueError`
 * naming the header). Its message names what
 * was wrong, never a token. Nothing was stored: the session the client had before, if any, is unchanged.
 *
 * @example
 * ```ts
 * try {
 *   await stack.signIn(stack.POST("/auth/password/sign-in", { body: { email, password } }));
 * } catch (e) {
 *   if (e instanceof SignInError) showLoginError(); // the session the client had is unchanged
 * }
 * ```
 */
export class SignInError extends KeywayError {
  override name = "SignInError";
}
