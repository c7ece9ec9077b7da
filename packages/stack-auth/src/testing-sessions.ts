// The sessions of one fake Stack Auth project, which its client-access and server-access fakes share: the tokens it
// issued, which of them it still accepts, and the keys its access tokens (ES256 JWTs, as Stack Auth's) are signed with.
import { STACK_AUTH_BASE_URL } from "./constants.js";
import type { FakeProject } from "./testing-credentials.js";
import { type Es256Key, generateEs256Key, signJwt } from "./testing-es256.js";
import type { AccessTokenClaims } from "./tokens.js";

/** How long an access token is valid: Stack Auth's default, 10 minutes. */
const ACCESS_TOKEN_LIFETIME_SECONDS = 10 * 60;

/** The user a session is for, as its access token's claims name them. */
export interface FakeSessionUser {
  readonly id: string;
  readonly display_name?: string | null;
  readonly primary_email?: string | null;
  readonly primary_email_verified?: boolean;
  readonly selected_team_id?: string | null;
  readonly signed_up_at_millis?: number;
  readonly requires_totp_mfa?: boolean;
}

interface Session {
  /** The `refresh_token_id` claim of its access tokens. */
  readonly id: string;
  readonly refreshToken: string;
  readonly user: FakeSessionUser;
  readonly anonymous: boolean;
}

/** An access token the fake issued: the session it is for, and until when its `exp` lets it be used. */
export interface IssuedAccessToken {
  readonly session: Session;
  readonly expiresAtMillis: number;
}

/** A key a fake signs access tokens with, and the id its tokens' header and the key set name it by. */
interface SigningKey {
  readonly key: Es256Key;
  readonly kid: string;
}

/** The sessions of the project each fake stands for, which a fake made with `{ project: fake }` shares. */
export const sessionsOfFake = new WeakMap<object, FakeProjectSessions>();

/** How many fake projects this module has made, numbering their refresh tokens. */
let projectsMade = 0;

/** The sessions of a fake project; see the file's comment. */
export class FakeProjectSessions {
  readonly project: FakeProject;
  /** The base URL a token names in its issuer when no request says where it was asked for (`sessions.create()`). */
  issuerBaseUrl = STACK_AUTH_BASE_URL;
  /** How many refreshes the project answered. */
  refreshes = 0;
  readonly #number = ++projectsMade;
  #sessionsMade = 0;
  readonly #accessTokens = new Map<string, IssuedAccessToken>();
  readonly #sessions = new Map<string, Session>();
  /** When `expireAccessTokens()` expired each access token it expired. */
  readonly #expiredAt = new Map<string, number>();
  /** Refresh tokens revoked or signed out. */
  readonly #refused = new Set<string>();
  /** Stack Auth signs anonymous users' tokens with keys of their own, served only with `include_anonymous=true`. */
  readonly #keys: { signedIn?: SigningKey; anonymous?: SigningKey } = {};

  constructor(project: FakeProject) {
    this.project = project;
  }

  /** A new session of `user`, its access token issued through `baseUrl` (the API's, ending with `/api/v1`). */
  issueSession(user: FakeSessionUser, options: { anonymous?: boolean; baseUrl?: string } = {}) {
    // 45 characters, as Stack Auth's refresh tokens have.
    const serial = `${String(this.#number).padStart(8, "0")}${String(++this.#sessionsMade).padStart(21, "0")}`;
    const session: Session = {
      id: crypto.randomUUID(),
      refreshToken: `fakerefreshtoken${serial}`,
      user,
      anonymous: options.anonymous ?? false,
    };
    this.#sessions.set(session.refreshToken, session);
    return { accessToken: this.#issueAccessToken(session, options.baseUrl), refreshToken: session.refreshToken };
  }

  /** A new access token for the session of `refreshToken`, or `undefined` if the project refuses that token. */
  refresh(refreshToken: string | null, baseUrl: string): string | undefined {
    const session = this.#acceptedSession(refreshToken);
    if (session === undefined) return undefined;
    this.refreshes++;
    return this.#issueAccessToken(session, baseUrl);
  }

  /** Deletes the refresh token of `accessToken`'s session, as signing out does; `false` if there is none to delete. */
  signOut(accessToken: string | null): boolean {
    const session = this.#acceptedSession(this.accessToken(accessToken)?.session.refreshToken ?? null);
    if (session !== undefined) this.#refused.add(session.refreshToken);
    return session !== undefined;
  }

  /** The access token the project issued, accepted or not. */
  accessToken(token: string | null): IssuedAccessToken | undefined {
    return token === null ? undefined : this.#accessTokens.get(token);
  }

  /** When an access token the project issued expired, by `expireAccessTokens()` or its `exp`; `undefined` while valid. */
  expiredAtMillis(token: string, issued: IssuedAccessToken, now = Date.now()): number | undefined {
    return this.#expiredAt.get(token) ?? (issued.expiresAtMillis <= now ? issued.expiresAtMillis : undefined);
  }

  /**
   * The details of Stack Auth's `ACCESS_TOKEN_EXPIRED` for `token`: when it expired and whose it is (each `null` for a
   * token the project did not issue, as Stack Auth sends them for a token it cannot read).
   */
  expiredTokenDetails(token: string | null, expiredAtMillis: number) {
    const issued = this.accessToken(token);
    return {
      expired_at_millis: expiredAtMillis,
      project_id: issued ? this.project.projectId : null,
      user_id: issued?.session.user.id ?? null,
      refresh_token_id: issued?.session.id ?? null,
    };
  }

  /** Expires every access token issued so far. */
  expireAccessTokens(): void {
    const now = Date.now();
    for (const token of this.#accessTokens.keys()) if (!this.#expiredAt.has(token)) this.#expiredAt.set(token, now);
  }

  /** Revokes every refresh token issued so far. */
  revokeRefreshTokens(): void {
    for (const refreshToken of this.#sessions.keys()) this.#refused.add(refreshToken);
  }

  /** Accepts every token issued again, as when it was issued (until its `exp` for an access token). */
  acceptAll(): void {
    this.#expiredAt.clear();
    this.#refused.clear();
    this.refreshes = 0;
  }

  /** The project's public keys, as its `/.well-known/jwks.json` serves them: anonymous users' only when asked for. */
  keySet(includeAnonymous: boolean): { keys: object[] } {
    const kinds = includeAnonymous ? [false, true] : [false];
    return {
      keys: kinds.map((anonymous) => {
        const { key, kid } = this.#signingKey(anonymous);
        return { ...key.publicJwk, kid, alg: "ES256", use: "sig" };
      }),
    };
  }

  #acceptedSession(refreshToken: string | null): Session | undefined {
    return refreshToken === null || this.#refused.has(refreshToken) ? undefined : this.#sessions.get(refreshToken);
  }

  #issueAccessToken(session: Session, baseUrl = this.issuerBaseUrl): string {
    const now = Math.floor(Date.now() / 1000);
    const { projectId } = this.project;
    const { user, anonymous } = session;
    const { key, kid } = this.#signingKey(anonymous);
    // The claims Stack Auth's access tokens carry (its accessTokenPayloadSchema), for the session's user.
    const token = signJwt(key, { kid }, {
      sub: user.id,
      iss: `${baseUrl}/${anonymous ? "projects-anonymous-users" : "projects"}/${encodeURIComponent(projectId)}`,
      aud: anonymous ? `${projectId}:anon` : projectId,
      iat: now,
      exp: now + ACCESS_TOKEN_LIFETIME_SECONDS,
      project_id: projectId,
      branch_id: "main",
      refresh_token_id: session.id,
      role: "authenticated",
      name: anonymous ? null : (user.display_name ?? null),
      email: anonymous ? null : (user.primary_email ?? null),
      email_verified: anonymous ? false : (user.primary_email_verified ?? false),
      selected_team_id: user.selected_team_id ?? null,
      signed_up_at: Math.floor((user.signed_up_at_millis ?? now * 1000) / 1000),
      is_anonymous: anonymous,
      is_restricted: anonymous,
      restricted_reason: anonymous ? { type: "anonymous" } : null,
      requires_totp_mfa: user.requires_totp_mfa ?? false,
    } satisfies AccessTokenClaims);
    this.#accessTokens.set(token, { session, expiresAtMillis: (now + ACCESS_TOKEN_LIFETIME_SECONDS) * 1000 });
    return token;
  }

  #signingKey(anonymous: boolean): SigningKey {
    const kind = anonymous ? "anonymous" : "signedIn";
    // Made when first needed: a key costs milliseconds, and most fakes never sign in an anonymous user.
    this.#keys[kind] ??= { key: generateEs256Key(), kid: crypto.randomUUID() };
    return this.#keys[kind];
  }
}
