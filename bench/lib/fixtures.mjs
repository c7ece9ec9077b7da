// What every benchmark sends and receives: placeholder credentials, the one JSON body every
// single call gets back, and a fetch that answers from memory.

/** Placeholder credentials (never real ones): the clients only check their shape. */
export const CREDENTIALS = {
  integrationKey: "bench_integration_key_0001",
  accountId: "acc_bench",
  stackId: "app_bench",
  projectId: "6c4d2d5a-2c1f-4c1e-9a55-0d2b3c4d5e6f",
  publishableClientKey: "pck_bench_0001",
  secretServerKey: "ssk_bench_0001",
  session: { accessToken: "bench_access_token_0001", refreshToken: "bench_refresh_token_0001" },
};

/** The Stack Auth server headers a hand-written call sends (bare openapi-fetch's client headers). */
export const STACK_AUTH_SERVER_HEADERS = {
  "X-Stack-Access-Type": "server",
  "X-Stack-Project-Id": CREDENTIALS.projectId,
  "X-Stack-Secret-Server-Key": CREDENTIALS.secretServerKey,
};

/** A Stack Auth server user, as `GET /users/{user_id}` and each page of `GET /users` return it. */
export function serverUser(id) {
  return {
    id,
    primary_email: `${id}@example.com`,
    primary_email_verified: true,
    primary_email_auth_enabled: true,
    display_name: "Ada Lovelace",
    selected_team: null,
    selected_team_id: null,
    profile_image_url: null,
    signed_up_at_millis: 1761912000000,
    has_password: true,
    otp_auth_enabled: false,
    passkey_auth_enabled: false,
    client_metadata: { theme: "dark" },
    client_read_only_metadata: null,
    server_metadata: { stripe_customer_id: "cus_QfX2mD8kLr3Z" },
    last_active_at_millis: 1776941520000,
    is_anonymous: false,
    is_restricted: false,
    restricted_reason: null,
    restricted_by_admin: false,
    restricted_by_admin_reason: null,
    restricted_by_admin_private_details: null,
    country_code: "GB",
    risk_scores: { sign_up: { bot: 4, free_trial_abuse: 0 } },
    oauth_providers: [],
    auth_with_email: true,
    requires_totp_mfa: false,
  };
}

/** The body of every single-call response (the same for every client, so only the client differs). */
export const CALL_RESPONSE_BODY = JSON.stringify(serverUser("3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f10"));

const JSON_HEADERS = { "content-type": "application/json" };

/**
 * A fetch that answers every request with `body(input)` on the next tick, as openapi-fetch's
 * own benchmark mocks fetch: no network, so what is left is the client's own cost.
 * @param {(request: Request) => string | undefined} [body] the response body for each request
 */
export function inMemoryFetch(body = () => CALL_RESPONSE_BODY) {
  return (input) =>
    new Promise((resolve) => {
      process.nextTick(() => resolve(new Response(body(input), { status: 200, headers: JSON_HEADERS })));
    });
}

/**
 * An in-memory fetch that serves `total` users in pages of `pageSize`, each pointing to the next by `next_cursor`
 * (`page-1`, `page-2`, …). Every page's text is made here, before timing: a call only looks up its cursor. A request
 * for another page size fails, so that every variant is known to page alike.
 * @param {number} total
 * @param {number} pageSize
 */
export function usersPagesFetch(total, pageSize) {
  const pageCount = Math.ceil(total / pageSize);
  const pages = Array.from({ length: pageCount }, (_, page) =>
    JSON.stringify({
      items: Array.from({ length: pageSize }, (_, i) => serverUser(`user-${page * pageSize + i}`)),
      pagination: { next_cursor: page + 1 < pageCount ? `page-${page + 1}` : null },
    }),
  );
  // fetch's input: a URL string (keyway's clients), or a Request (bare openapi-fetch).
  return inMemoryFetch((input) => {
    const url = new URL(typeof input === "string" ? input : input.url);
    if (url.searchParams.get("limit") !== String(pageSize)) throw new Error(`unexpected page size in ${url}`);
    const cursor = url.searchParams.get("cursor");
    return pages[cursor ? Number(cursor.slice("page-".length)) : 0];
  });
}
