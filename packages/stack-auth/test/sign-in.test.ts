import { inspect } from "node:util";
import { sendJson } from "@keyway/test-server";
import { describe, expect, it } from "vitest";
import { ApiError, InvalidHeaderValueError, SignInError, unwrap } from "../src/index.js";
import { ACCESS_TOKEN, REFRESH_TOKEN, clientAgainst } from "./setup.js";

const ME = { id: "3f0e2b1c-0000-4000-8000-000000000001", display_name: "Ada" };
const SIGNED_IN = {
  access_token: "eyJ.MARKER_signed_in_access.sig",
  refresh_token: "MARKER_signed_in_refresh_0000000000000000000",
  user_id: ME.id,
};
const EARLIER = { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN };
const signInCall = (stack: Awaited<ReturnType<typeof clientAgainst>>["stack"]) =>
  stack.POST("/auth/password/sign-in", { body: { email: "ada@example.com", password: "correct horse" } });

/** Each answer a sign-in may give instead of a session, as the server sends it, and what the error says. */
const UNUSABLE: ReadonlyArray<[name: string, answer: (res: import("node:http").ServerResponse) => void, says: RegExp]> =
  [
    ["200 {}", (res) => sendJson(res, 200, {}), /no usable access_token \(got nothing\)/],
    ["200 null", (res) => sendJson(res, 200, null), /sign-in answered null instead of the session's tokens/],
    [
      "204 without a body",
      (res) => res.writeHead(204).end(),
      /sign-in answered no body instead of the session's tokens/,
    ],
    [
      "no refresh_token",
      (res) => sendJson(res, 200, { access_token: SIGNED_IN.access_token, user_id: ME.id }),
      /no usable refresh_token \(got nothing\)/,
    ],
    [
      "an empty refresh_token",
      (res) => sendJson(res, 200, { ...SIGNED_IN, refresh_token: "" }),
      /no usable refresh_token \(got an empty string\)/,
    ],
    [
      "a numeric access_token",
      (res) => sendJson(res, 200, { ...SIGNED_IN, access_token: 42 }),
      /no usable access_token \(got a number\)/,
    ],
  ];

describe("signIn stores only a usable session", () => {
  it.each(UNUSABLE)(
    "a sign-in answering %s is a SignInError saying what is missing, and the earlier session stays",
    async (_name, answer, says) => {
      const { stack, server } = await clientAgainst((req, res) =>
        req.url === "/auth/password/sign-in" ? answer(res) : sendJson(res, 200, ME),
      );
      const error = await stack.signIn(signInCall(stack)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SignInError);
      expect((error as SignInError).message).toMatch(says);
      expect((error as SignInError).message).toMatch(/the session was left as it was/);
      for (const token of [SIGNED_IN.access_token, SIGNED_IN.refresh_token, ACCESS_TOKEN, REFRESH_TOKEN])
        expect(inspect(error)).not.toContain(token);
      expect(await stack.getSession()).toEqual(EARLIER);
      // The next call goes out with the session the client had.
      expect(await unwrap(stack.GET("/users/me"))).toEqual(ME);
      expect(server.requests.at(-1)!.headers["x-stack-access-token"]).toBe(ACCESS_TOKEN);
    },
  );

  it("a client without a session stays signed out after an unusable sign-in answer", async () => {
    const { stack } = await clientAgainst((_req, res) => sendJson(res, 200, {}), { session: undefined });
    await expect(stack.signIn(signInCall(stack))).rejects.toBeInstanceOf(SignInError);
    expect(await stack.getSession()).toBeUndefined();
  });

  it.each([
    ["access_token", "X-Stack-Access-Token"],
    ["refresh_token", "X-Stack-Refresh-Token"],
  ])(
    "a sign-in answer whose %s holds a line break is a SignInError naming %s, never the token, and nothing is stored",
    async (field, header) => {
      const hostile = "MARKER_hostile_token\r\nX-Injected: yes";
      const { stack, server } = await clientAgainst((req, res) =>
        req.url === "/auth/password/sign-in"
          ? sendJson(res, 200, { ...SIGNED_IN, [field]: hostile })
          : sendJson(res, 200, ME),
      );
      const error = await stack.signIn(signInCall(stack)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SignInError);
      expect((error as Error).message).toBe(
        `Stack Auth's sign-in answer's ${field} cannot be sent as ${header} (it contains a line break (CR or LF)); the session was left as it was`,
      );
      expect((error as Error).cause).toMatchObject({ header, reason: "contains a line break (CR or LF)" });
      expect((error as Error).cause).toBeInstanceOf(InvalidHeaderValueError);
      expect(inspect(error)).not.toContain("MARKER_hostile_token");
      expect(await stack.getSession()).toEqual(EARLIER);
      await unwrap(stack.GET("/users/me"));
      expect(server.requests.at(-1)!.headers["x-stack-access-token"]).toBe(ACCESS_TOKEN);
      expect(server.requests.at(-1)!.headers).not.toHaveProperty("x-injected");
    },
  );

  it("a usable sign-in answer replaces the earlier session", async () => {
    const { stack } = await clientAgainst((_req, res) => sendJson(res, 200, SIGNED_IN));
    expect(await stack.signIn(signInCall(stack))).toEqual(SIGNED_IN);
    expect(await stack.getSession()).toEqual({
      accessToken: SIGNED_IN.access_token,
      refreshToken: SIGNED_IN.refresh_token,
    });
  });
});

describe("signed-in tokens never show in errors", () => {
  it("a later call whose 400 echoes both signed-in tokens shows [REDACTED] in its message, body, String and inspect", async () => {
    const { stack, server } = await clientAgainst(
      (req, res) => {
        if (req.url === "/auth/password/sign-in") return sendJson(res, 200, SIGNED_IN);
        // A server that quotes back the session it knows.
        sendJson(res, 400, { message: "bad request", session: [SIGNED_IN.access_token, SIGNED_IN.refresh_token] });
      },
      { session: undefined },
    );
    await stack.signIn(signInCall(stack));
    const error = await unwrap(stack.GET("/users/me")).catch((e: unknown) => e);
    expect(server.requests.at(-1)!.headers["x-stack-access-token"]).toBe(SIGNED_IN.access_token);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.body).toEqual({ message: "bad request", session: ["[REDACTED]", "[REDACTED]"] });
    expect(apiError.message).toContain("[REDACTED]");
    for (const shown of [apiError.message, JSON.stringify(apiError.body), String(apiError), inspect(apiError)]) {
      expect(shown).not.toContain(SIGNED_IN.access_token);
      expect(shown).not.toContain(SIGNED_IN.refresh_token);
    }
  });
});
