import { inspect } from "node:util";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import {
  WebhookMissingHeaderError,
  WebhookPayloadError,
  WebhookSignatureError,
  WebhookTimestampError,
  WebhookVerificationError,
  verifyWebhook,
} from "../src/webhooks.js";

const SECRET = `whsec_${Buffer.from("keyway-test-signing-secret-0123456789").toString("base64")}`;
const OTHER_SECRET = `whsec_${Buffer.from("another-endpoint-secret-9876543210ab").toString("base64")}`;
const event = {
  type: "team_membership.created",
  data: { team_id: "7a1d0c2e-0000-4000-8000-000000000002", user_id: "3f0e2b1c-0000-4000-8000-000000000001" },
};

/** Signs like Stack Auth's Svix delivery does, with the maintained library. */
function signed(body: string, { secret = SECRET, at = new Date(), id = "msg_2mXq1ZkY8" } = {}) {
  const signature = new Webhook(secret).sign(id, at, body);
  return { "svix-id": id, "svix-timestamp": String(Math.floor(at.getTime() / 1000)), "svix-signature": signature };
}

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("verifyWebhook", () => {
  const body = JSON.stringify(event);

  it("accepts a payload signed by the maintained library and returns the typed event", () => {
    const verified = verifyWebhook(body, signed(body), SECRET);
    expect(verified).toEqual(event);
    if (verified.type === "team_membership.created") expect(verified.data.team_id).toBe(event.data.team_id);
  });

  it("accepts Headers objects, byte bodies, and several signatures (secret rotation)", () => {
    const headers = signed(body);
    const rotated = `${signed(body, { secret: OTHER_SECRET })["svix-signature"]} ${headers["svix-signature"]}`;
    expect(
      verifyWebhook(new TextEncoder().encode(body), new Headers({ ...headers, "svix-signature": rotated }), SECRET),
    ).toEqual(event);
  });

  it("allows 5 minutes of clock skew", () => {
    const fourMinutesAgo = new Date(Date.now() - 4 * 60_000);
    expect(verifyWebhook(body, signed(body, { at: fourMinutesAgo }), SECRET)).toEqual(event);
  });

  it("a changed byte fails with WebhookSignatureError", () => {
    const headers = signed(body);
    const tampered = body.replace("000000000001", "000000000003");
    expect(tampered).not.toBe(body);
    expect(tampered.length).toBe(body.length);
    expect(() => verifyWebhook(tampered, headers, SECRET)).toThrow(WebhookSignatureError);
  });

  it("a wrong secret fails with WebhookSignatureError", () => {
    expect(() => verifyWebhook(body, signed(body, { secret: OTHER_SECRET }), SECRET)).toThrow(WebhookSignatureError);
  });

  it("a stale timestamp (6 minutes old) fails with WebhookTimestampError", () => {
    const stale = new Date(Date.now() - 6 * 60_000);
    expect(() => verifyWebhook(body, signed(body, { at: stale }), SECRET)).toThrow(WebhookTimestampError);
  });

  it("a missing header fails with WebhookMissingHeaderError naming it", () => {
    const { "svix-timestamp": _, ...headers } = signed(body);
    expect(() => verifyWebhook(body, headers, SECRET)).toThrow(WebhookMissingHeaderError);
    expect(() => verifyWebhook(body, headers, SECRET)).toThrow(/"svix-timestamp"/);
  });

  it("each failure has its own class, all of them WebhookVerificationError", () => {
    const failures = [
      () => verifyWebhook(body.replace("team", "tеam"), signed(body), SECRET),
      () => verifyWebhook(body, signed(body, { at: new Date(Date.now() - 3_600_000) }), SECRET),
      () => verifyWebhook(body, {}, SECRET),
    ].map((fn) => {
      try {
        fn();
      } catch (error) {
        return error;
      }
      return undefined;
    });
    expect(failures.every((e) => e instanceof WebhookVerificationError)).toBe(true);
    expect(new Set(failures.map((e) => (e as object).constructor)).size).toBe(3);
  });

  it("a signed body that is not an event fails with WebhookPayloadError", () => {
    const notAnEvent = JSON.stringify({ hello: "world" });
    expect(() => verifyWebhook(notAnEvent, signed(notAnEvent), SECRET)).toThrow(WebhookPayloadError);
  });

  it("a signed body that is not JSON fails with WebhookPayloadError, quoting none of it", () => {
    const marker = "tok_MARKER_8d1f0c2b";
    const fragments = Array.from({ length: marker.length - 3 }, (_, at) => marker.slice(at, at + 4));
    // JSON.parse's own message quotes the text around where it fails, wherever that is.
    for (const notJson of [
      marker,
      `{"token": ${marker}}`,
      `{"token": "${marker}"`,
      `${marker}"}`,
      `[1, 2, ${marker}`,
    ]) {
      const error = catchError(() => verifyWebhook(notJson, signed(notJson), SECRET));
      expect(error).toBeInstanceOf(WebhookPayloadError);
      expect((error as Error).message).toBe("The webhook body is not valid JSON");
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
      const shown = `${String(error)} ${inspect(error, { depth: 5 })} ${String((error as Error).cause)}`;
      for (const fragment of fragments) expect(shown).not.toContain(fragment);
    }
  });

  it("a missing secret is a configuration error, not a verification failure", () => {
    expect(() => verifyWebhook(body, signed(body), "")).toThrow(/signing secret/);
  });
});
