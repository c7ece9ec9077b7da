import type { components } from "./generated/stack-auth-client.js";

type ClientSchemas = components["schemas"];

/** A user as client access sees it (`GET /users/me`). */
export type ClientUser = ClientSchemas["ClientUser"];
export type ClientTeam = ClientSchemas["ClientTeam"];
