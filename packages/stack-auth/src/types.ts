import type {
  components as ServerComponents,
  operations as ServerOperations,
  webhooks,
} from "./generated/stack-auth-server.js";

type ServerSchemas = ServerComponents["schemas"];

/** A user as server access sees it (also the `user.*` webhook payload). */
export type ServerUser = ServerSchemas["ServerUser"];
export type ServerTeam = ServerSchemas["ServerTeam"];
/** What every sign-in route answers: the session's tokens and the user's id. */
export type SignInResult = ServerSchemas["SignIn"];
/** The query of `GET /users` (filters, `limit`, `cursor`, order). */
export type UsersQuery = NonNullable<ServerOperations["listUsers"]["parameters"]["query"]>;
/** Every webhook event Stack Auth sends, discriminated by `type`. */
export type WebhookEvent = ServerSchemas["WebhookEvent"];
/** The names of the webhook events, as in the spec's `webhooks` section. */
export type WebhookEventType = keyof webhooks;
