import { inspect } from "node:util";
import { ConfigurationError } from "@keyway/runtime";
import { describe, expect, it } from "vitest";
import { createStackAuthClient, createStackAuthServerClient, unwrap } from "../src/index.js";
import { createStackAuthFake } from "../src/testing.js";

// createStackAuthFake takes the client's secretParameters, so that the fake's recorded calls hide what the client's
// errors hide, and its own credentials whatever `except` says.

const PROJECT_ID = "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b";
const SECRET_SERVER_KEY = "ssk_MARKER_server_7c1e9a";
const USER_ID = "3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f10";

describe("createStackAuthFake({ secretParameters })", () => {
  it("hides a parameter the client adds in the call's printed URL and params, and the credentials whatever except says", async () => {
    const secretParameters = { add: ["user_id"], except: ["x-stack-secret-server-key"] };
    const fake = createStackAuthFake({
      access: "server",
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      secretParameters,
    });
    const admin = createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      fetch: fake.fetch,
      maxRetries: 0,
      secretParameters,
    });
    fake.fail("GET /users/{user_id}", 404 as never);
    const error = await unwrap(admin.GET("/users/{user_id}", { params: { path: { user_id: USER_ID } } })).catch(
      (thrown: unknown) => thrown,
    );
    expect((error as { url?: string }).url).toBe("https://api.stack-auth.com/api/v1/users/REDACTED");
    const [call] = fake.calls();
    expect(call?.params.path).toEqual({ user_id: USER_ID });
    for (const printed of [inspect(call, { depth: 5 }), JSON.stringify(call)]) {
      expect(printed).not.toContain(USER_ID);
      expect(printed).not.toContain(SECRET_SERVER_KEY);
      expect(printed).toContain("/users/REDACTED");
    }
  });

  it("prints the headers no spec holds secret as sent (the project, the access type), and the keys redacted", async () => {
    const client = createStackAuthFake({ projectId: PROJECT_ID });
    const stack = createStackAuthClient({
      projectId: PROJECT_ID,
      session: client.sessions.create(),
      fetch: client.fetch,
    });
    await unwrap(stack.GET("/users/me"));
    const server = createStackAuthFake({ access: "server", projectId: PROJECT_ID, secretServerKey: SECRET_SERVER_KEY });
    const admin = createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      fetch: server.fetch,
    });
    await unwrap(admin.GET("/users"));
    const printed = [client, server].map((fake) => JSON.parse(JSON.stringify(fake.calls()[0]?.headers)));
    expect(printed[0]).toMatchObject({
      "x-stack-access-type": "client",
      "x-stack-project-id": PROJECT_ID,
      "x-stack-access-token": "[REDACTED]",
    });
    expect(printed[1]).toMatchObject({
      "x-stack-access-type": "server",
      "x-stack-project-id": PROJECT_ID,
      "x-stack-secret-server-key": "[REDACTED]",
    });
  });

  it("refuses an option it does not take rather than ignore it (a misspelled rule would print the secrets it names)", () => {
    const make = () => createStackAuthFake({ secretParameter: ["user_id"] } as never);
    expect(make).toThrow(ConfigurationError);
    expect(make).toThrow('createStackAuthFake has no option "secretParameter": did you mean "secretParameters"?');
    expect(() => createStackAuthFake({ projectID: PROJECT_ID } as never)).toThrow(
      'createStackAuthFake has no option "projectID": did you mean "projectId"?',
    );
  });

  it("is a ConfigurationError naming createStackAuthFake for a rule that is neither form", () => {
    const make = () => createStackAuthFake({ secretParameters: { add: ["user_id"], except: ["USER_ID"] } });
    expect(make).toThrow(ConfigurationError);
    expect(make).toThrow(
      'createStackAuthFake: secretParameters names "user_id" both in add and in except: leave it in one of them',
    );
  });
});
