// account.test.ts
import { afterEach, expect, it } from "vitest";
import { createStackAuthClient, isKnownError } from "@keyway/stack-auth";
import { createStackAuthFake, signWebhook, TEST_WEBHOOK_SECRET } from "@keyway/stack-auth/testing";
import { createAccessTokenVerifier } from "@keyway/stack-auth/tokens";
import { greeting, newUserEmail, requestUserId } from "./account.js";

const fake = createStackAuthFake(); // client access; createStackAuthFake({ access: "server" }) for server access
const stack = createStackAuthClient({ projectId: "test-project", session: fake.sessions.create(), fetch: fake.fetch });

afterEach(() => {
  try {
    fake.verify(); // fails the test if the code sent a request that breaks the spec
  } finally {
    fake.reset(); // even when verify() throws, so that the next test starts afresh
  }
});

it("greets the signed-in user, refreshing an expired access token on the way", async () => {
  fake.sessions.expireAccessTokens();
  expect(await greeting(stack)).toBe("Hello, Ada Lovelace!"); // the spec's example user
  expect(fake.sessions.refreshes).toBe(1);
});

it("surfaces Stack Auth's known errors", async () => {
  fake.failWith("GET /users/me", "RESTRICTED_USER_NOT_ALLOWED"); // a known error the operation answers
  await expect(greeting(stack)).rejects.toSatisfy((error) => isKnownError(error, "RESTRICTED_USER_NOT_ALLOWED"));
});

it("reads the email of a signed user.created webhook", () => {
  const { body, headers } = signWebhook({ type: "user.created" });
  expect(newUserEmail(body, headers, TEST_WEBHOOK_SECRET)).toBe("ada@example.com");
});

it("verifies a session's access token against the fake's keys, as against Stack Auth's", async () => {
  const verify = createAccessTokenVerifier({ projectId: "test-project", fetch: fake.fetch }); // its key set
  const { accessToken } = fake.sessions.create();
  expect(await requestUserId(verify, accessToken)).toBe("3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f10"); // the example user
});
