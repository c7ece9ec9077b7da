import { sendJson } from "@keyway/test-server";
import { listAllUsers } from "@keyway/stack-auth";
import { KeywayError, searchAll } from "@keyway/stacker";
import { describe, expect, it } from "vitest";
import { drain, INTEGRATION_KEY, SECRET_SERVER_KEY, server, shown, stackAuthServerAt, stackerAt } from "./network.js";

// Fails at fa71f65 + 42b6a52: a 200 response has no ResponseContext (transport.ts registers one for failures only), so
// pagination.ts's describe() quotes the keys of a page, or of a cursor object, as the server wrote them.
describe("a page or cursor whose keys echo a credential is described without it", () => {
  it("a Stacker page keyed by the integration key", async () => {
    const api = await server((_req, res) => sendJson(res, 200, { [INTEGRATION_KEY]: [], total: 0 }));
    const { error } = await drain(searchAll(stackerAt(api.url), "object.custom.orders"));
    expect(error).toBeInstanceOf(KeywayError);
    expect(shown(error)).not.toContain(INTEGRATION_KEY);
  });

  it("a Stack Auth next cursor that is an object keyed by the secret server key", async () => {
    const api = await server((_req, res) =>
      sendJson(res, 200, { items: [{ id: "u1" }], pagination: { next_cursor: { [SECRET_SERVER_KEY]: 1 } } }),
    );
    const admin = stackAuthServerAt(api.url);
    const { error } = await drain(listAllUsers(admin));
    expect(error).toBeInstanceOf(KeywayError);
    expect(shown(error)).not.toContain(SECRET_SERVER_KEY.slice(0, 20));
  });
});
