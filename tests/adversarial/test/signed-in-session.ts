import type { ServerResponse } from "node:http";
import { sendJson, type RecordedRequest } from "@keyway/test-server";
import { createStackAuthClient } from "@keyway/stack-auth";
import { ACCESS_TOKEN, PROJECT_ID, REFRESH_TOKEN, server } from "./network.js";

/** What a refresh of the test session answers, the user a call with it gets, and where a refresh goes. */
export const NEW_TOKEN = "eyJ.MARKER_refreshed_access.sig";
export const ME = { id: "u1", display_name: "Ada" };
export const REFRESH_PATH = "/auth/sessions/current/refresh";

/** A Stack Auth client signed in with the test session at `baseUrl`, which answers at once (no retries). */
export const signedIn = (baseUrl: string, timeout = 10_000) =>
  createStackAuthClient({
    projectId: PROJECT_ID,
    baseUrl,
    session: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN },
    timeout,
    maxRetries: 0,
  });

/** A server that answers a refresh with {@link NEW_TOKEN} and a call with it with {@link ME}; any other as `answer` says. */
export function sessionApi(answer: (req: RecordedRequest, res: ServerResponse) => void) {
  return server((req, res) => {
    if (req.url === REFRESH_PATH) return sendJson(res, 200, { access_token: NEW_TOKEN });
    if (req.headers["x-stack-access-token"] === NEW_TOKEN) return sendJson(res, 200, ME);
    answer(req, res);
  });
}
