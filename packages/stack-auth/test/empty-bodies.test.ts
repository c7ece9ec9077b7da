import { describe, expect, it } from "vitest";
import { listAllUsers, ResponseParseError } from "../src/index.js";
import { serverClientAgainst } from "./setup.js";

// Stack Auth's spec declares a body for every success of these operations: an empty one is not a user or a team,
// however the server frames it.

const FRAMINGS = { "Content-Length: 0": { "content-length": "0" }, chunked: { "transfer-encoding": "chunked" } };

describe.each(Object.entries(FRAMINGS))("an empty success body (%s)", (_, framing) => {
  const empty = (status: number) => (_req: unknown, res: import("node:http").ServerResponse) =>
    res.writeHead(status, { "content-type": "application/json", ...framing }).end();

  it("a user GET answered 200: a ResponseParseError naming the call and its status", async () => {
    const { admin } = await serverClientAgainst(empty(200));
    const thrown = await admin.GET("/users/{user_id}", { params: { path: { user_id: "me" } } }).then(
      () => expect.fail("an empty 200 was taken as a user"),
      (error: unknown) => error as ResponseParseError,
    );
    expect(thrown).toBeInstanceOf(ResponseParseError);
    expect(thrown.message).toBe("GET /users/{user_id} answered 200 with an empty body, where its spec declares one");
  });

  it("a team POST answered 201, the status its spec declares: the same", async () => {
    const { admin } = await serverClientAgainst(empty(201));
    await expect(admin.POST("/teams", { body: { display_name: "Ops" } })).rejects.toThrow(
      "POST /teams answered 201 with an empty body, where its spec declares one",
    );
  });

  it("a page of listAllUsers: the same, not 'a page without items'", async () => {
    const { admin } = await serverClientAgainst(empty(200));
    await expect(listAllUsers(admin).next()).rejects.toThrow(
      "GET /users answered 200 with an empty body, where its spec declares one",
    );
  });
});
