import { readFileSync } from "node:fs";
import { sendJson, sendText } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  InternalServerError,
  NotFoundError,
  StackAuthError,
  isKnownError,
  unwrap,
  type KnownErrorCode,
} from "../src/index.js";
import { clientAgainst, knownError, serverClientAgainst } from "./setup.js";

/** The error bodies of the facts, as the spec records them in its examples, and each code's status. */
const components = parse(
  readFileSync(new URL("../../../specs/stack-auth/components.yaml", import.meta.url), "utf8"),
).components;
const statusByCode: Record<string, number> = Object.fromEntries(
  Object.entries(components.schemas.KnownErrorDetails.properties as Record<string, { "x-keyway-status": number }>).map(
    ([code, schema]) => [code, schema["x-keyway-status"]],
  ),
);
const errorBodies = Object.values(components.examples as Record<string, { value: unknown }>)
  .map((example) => example.value)
  .filter(
    (value): value is { code: string; error: string; details?: object } =>
      typeof value === "object" && value !== null && "code" in value && "error" in value,
  );

describe("known errors parse to their typed code", () => {
  it(`all ${errorBodies.length} error bodies from the facts become StackAuthError with their code and details`, async () => {
    expect(errorBodies.length).toBeGreaterThanOrEqual(40);
    let current = errorBodies[0]!;
    const { admin } = await serverClientAgainst((_req, res) =>
      knownError(res, statusByCode[current.code] ?? 400, current.code, current.error, current.details),
    );
    for (const body of errorBodies) {
      current = body;
      const error = await unwrap(admin.GET("/projects/current")).catch((e: unknown) => e);
      expect(Object.keys(statusByCode), "the code is one the spec knows").toContain(body.code);
      expect(isKnownError(error, body.code as KnownErrorCode), body.code).toBe(true);
      const known = error as StackAuthError;
      expect(known.status, body.code).toBe(statusByCode[body.code]);
      expect(known.error).toBe(body.error);
      expect(known.details).toEqual(body.details);
      expect(known.message).toContain(body.code);
    }
  });

  it("isKnownError narrows details to the code's shape", async () => {
    const { stack } = await clientAgainst((_req, res) =>
      knownError(res, 409, "USER_EMAIL_ALREADY_EXISTS", "A user with email ada@example.com already exists.", {
        email: "ada@example.com",
        would_work_if_email_was_verified: false,
      }),
    );
    const error = await unwrap(
      stack.POST("/auth/password/sign-up", { body: { email: "ada@example.com", password: "pw-123456" } }),
    ).catch((e: unknown) => e);
    if (!isKnownError(error, "USER_EMAIL_ALREADY_EXISTS")) throw new Error("expected USER_EMAIL_ALREADY_EXISTS");
    const email: string = error.details.email;
    expect(email).toBe("ada@example.com");
    expect(isKnownError(error, "USER_NOT_FOUND")).toBe(false);
  });

  it("an unknown code from a newer server is still a StackAuthError with that code", async () => {
    const { stack } = await clientAgainst((_req, res) => knownError(res, 400, "BRAND_NEW_ERROR", "Something new."));
    const error = await unwrap(stack.GET("/users/me")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackAuthError);
    expect((error as StackAuthError).code).toBe("BRAND_NEW_ERROR");
  });

  it("a known error whose header a proxy dropped (the deprecated connected-account route) is still read from its body", async () => {
    const { stack } = await clientAgainst((_req, res) =>
      sendJson(res, 400, { code: "OAUTH_CONNECTION_NOT_CONNECTED_TO_USER", error: "Not connected." }),
    );
    const error = await unwrap(
      stack.POST("/connected-accounts/{user_id}/{provider_id}/access-token", {
        params: { path: { user_id: "me", provider_id: "google" } },
        body: {},
      }),
    ).catch((e: unknown) => e);
    expect(isKnownError(error, "OAUTH_CONNECTION_NOT_CONNECTED_TO_USER")).toBe(true);
    expect(error).toMatchObject({ status: 400, error: "Not connected." });
  });

  it("an RFC 6749 error of the OAuth token endpoint ({error, error_description}, no code) is a plain typed error", async () => {
    const body = { error: "invalid_grant", error_description: "Invalid grant: authorization code is invalid" };
    const { stack } = await clientAgainst((_req, res) => sendJson(res, 400, body));
    const error = await unwrap(
      stack.POST("/auth/oauth/token", {
        body: {
          grant_type: "refresh_token",
          client_id: "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b",
          client_secret: "pck_x",
          refresh_token: "r".repeat(45),
        },
      }),
    ).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(StackAuthError);
    expect(error).toMatchObject({ status: 400, body });
  });

  it("a text/plain 404 is a typed NotFoundError carrying its status and text", async () => {
    const { admin } = await serverClientAgainst((_req, res) => sendText(res, 404, "Contact channel not found."));
    const error = await unwrap(
      admin.GET("/contact-channels/{user_id}/{contact_channel_id}", {
        params: { path: { user_id: "me", contact_channel_id: "3f0e2b1c-0000-4000-8000-000000000009" } },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, body: "Contact channel not found." });
    expect(error).not.toBeInstanceOf(StackAuthError);
  });

  it("a 500 with a request id in the text is a typed InternalServerError, not retried forever and never a crash", async () => {
    const text = "An unhandled error occurred. Please report this to the developer.\n\nRequest ID: 7yq2k4m9xz1vb6nd";
    const { admin, server } = await serverClientAgainst((_req, res) =>
      sendText(res, 500, text, { "x-stack-request-id": "7yq2k4m9xz1vb6nd" }),
    );
    const error = await unwrap(admin.GET("/projects/current")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, body: text, requestId: "7yq2k4m9xz1vb6nd" });
    expect(server.requests).toHaveLength(3); // a plain 500 is not a known error: retried twice, then typed
  });
});
