import { afterEach, expect, it } from "vitest";
import { createStackAuthServerClient, unwrap } from "../src/index.js";
import { createStackAuthFake } from "../src/testing.js";
import { serveFake, type FakeServer } from "../src/testing-server.js";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

it("serves the fake on 127.0.0.1 under the API's base path, for code that builds its own client", async () => {
  const fake = createStackAuthFake({ access: "server" });
  server = await serveFake(fake);
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
  fake.failWith("GET /users/{user_id}", "USER_NOT_FOUND");
  const admin = createStackAuthServerClient({
    projectId: "test-project",
    secretServerKey: "ssk_test",
    baseUrl: server.url,
    maxRetries: 0,
  });
  await expect(
    unwrap(admin.GET("/users/{user_id}", { params: { path: { user_id: "3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f10" } } })),
  ).rejects.toMatchObject({
    status: 404,
    code: "USER_NOT_FOUND",
  });
  const team = await unwrap(admin.POST("/teams", { body: { display_name: "Core" } }));
  expect(typeof team.id).toBe("string");
  expect(fake.calls("POST /teams")[0]?.body).toEqual({ display_name: "Core" });
  fake.verify();
});
