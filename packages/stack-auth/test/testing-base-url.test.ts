import { expect, it } from "vitest";
import { createStackAuthClient, isKnownError, unwrap } from "../src/index.js";
import { createStackAuthFake, FakeApiError } from "../src/testing.js";

it("refuses a client whose baseUrl lacks /api/v1, naming the base path", async () => {
  const fake = createStackAuthFake({ projectId: "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b" });
  const stack = createStackAuthClient({
    projectId: "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b",
    session: fake.sessions.create(),
    baseUrl: "https://stack.internal.example",
    fetch: fake.fetch,
  });
  await expect(unwrap(stack.GET("/users/me"))).rejects.toSatisfy((error) => isKnownError(error, "SCHEMA_ERROR"));
  expect(() => fake.verify()).toThrow(
    new FakeApiError({
      violations: ["GET /users/me: outside the API's base path /api/v1 (the client's baseUrl must end with /api/v1)"],
    }),
  );
});
