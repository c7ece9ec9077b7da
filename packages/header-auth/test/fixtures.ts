import createClient from "openapi-fetch";
import { createHeaderAuth, type ApiMeta, type HeaderAuthOptions } from "../src/index.js";

/** A small API in the shape the generator emits: one public, one keyed, one context-scoped operation. */
export const meta = {
  securitySchemes: {
    ApiKey: { header: "X-Api-Key", secret: true },
    AccountId: { header: "X-Account-Id", secret: false },
    UserToken: { header: "X-User-Token", secret: true, browserSafe: true },
    Bearer: { header: "Authorization", secret: true, prefix: "Bearer " },
    AdminKey: { header: "Authorization", secret: true, prefix: "Bearer " },
    Basic: { header: "Authorization", secret: true, prefix: "Basic ", encoding: "basic" },
  },
  operations: {
    "GET /public": { id: "getPublic", security: [] },
    "GET /hello": { id: "getHello", security: [["ApiKey"]] },
    "GET /scoped": { id: "getScoped", security: [["ApiKey", "AccountId"]], headers: ["X-Timezone"] },
    "GET /me": { id: "getMe", security: [["ApiKey", "UserToken"], ["ApiKey"]] },
    // Open to anonymous calls, the empty alternative first (OpenFIGI's `security: [{}, { ApiKeyAuth: [] }]`).
    "GET /optional": { id: "getOptional", security: [[], ["ApiKey"]] },
    "GET /bearer": { id: "getBearer", security: [["Bearer"]] },
    "GET /admin": { id: "getAdmin", security: [["AdminKey"]] },
    "GET /either": { id: "getEither", security: [["AdminKey"], ["Bearer"]] },
    "GET /basic": { id: "getBasic", security: [["Basic"]] },
    "GET /basic-or-bearer": { id: "getBasicOrBearer", security: [["Basic"], ["Bearer"]] },
    // A scheme's header that an operation also declares as a parameter of its own (Apideck's consumer id).
    "GET /accounts": { id: "listAccounts", security: [["ApiKey"]], headers: ["X-Account-Id"] },
  },
} as const satisfies ApiMeta;

type Scheme = keyof typeof meta.securitySchemes;

export interface Paths {
  "/public": { get: { responses: { 200: { content: { "application/json": unknown } } } } };
  "/hello": { get: { responses: { 200: { content: { "application/json": unknown } } } } };
  "/accounts": {
    get: {
      parameters: { header: { "X-Account-Id": string } };
      responses: { 200: { content: { "application/json": unknown } } };
    };
  };
  "/scoped": {
    get: {
      parameters: { header?: { "X-Timezone"?: string } };
      responses: { 200: { content: { "application/json": unknown } } };
    };
  };
  "/me": { get: { responses: { 200: { content: { "application/json": unknown } } } } };
  "/optional": { get: { responses: { 200: { content: { "application/json": unknown } } } } };
  "/bearer": { get: { responses: { 200: { content: { "application/json": unknown } } } } };
  "/admin": { get: { responses: { 200: { content: { "application/json": unknown } } } } };
  "/either": { get: { responses: { 200: { content: { "application/json": unknown } } } } };
  "/basic": { get: { responses: { 200: { content: { "application/json": unknown } } } } };
  "/basic-or-bearer": { get: { responses: { 200: { content: { "application/json": unknown } } } } };
  "/unknown": { get: { responses: { 200: { content: { "application/json": unknown } } } } };
}

/** A fetch that records the requests that would leave the process, answering each with `{ ok: true }`. */
export function recordingFetch() {
  const sent: Request[] = [];
  const fetch = async (request: Request) => {
    sent.push(request);
    return Response.json({ ok: true });
  };
  return { sent, fetch };
}

/** A client whose fetch records the requests that would leave the process. */
export function recordingClient(
  options: Omit<HeaderAuthOptions<Scheme>, "meta">,
  baseUrl = "https://api.example.test",
) {
  const { sent, fetch } = recordingFetch();
  const client = createClient<Paths>({ baseUrl, fetch });
  const auth = createHeaderAuth({ meta, ...options });
  client.use(auth);
  return { client, sent, auth };
}

/** The error `fn` throws synchronously; fails the test when it throws nothing. */
export function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw");
}
