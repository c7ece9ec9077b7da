import { ConfigurationError } from "@keyway/runtime";
import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { WebhookVerificationError, verifyWebhook } from "../src/webhooks.js";

// A framework hands a webhook's headers over in its own shape: Node's record, the runtime's Headers, or the Headers
// class of the fetch library it bundles (node-fetch, undici from npm), which is not this runtime's `Headers`. Each
// delivery Svix signed is the same delivery, whatever the shape.

const SECRET = `whsec_${Buffer.from("keyway-header-sources-secret-0123456789").toString("base64")}`;
const body = JSON.stringify({ type: "user.deleted", data: { id: "3f0e2b1c-0000-4000-8000-000000000001", teams: [] } });

function signed(id = "msg_2mXq1ZkY8") {
  const at = new Date();
  return {
    "svix-id": id,
    "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
    "svix-signature": new Webhook(SECRET).sign(id, at, body),
  };
}

/** The Headers of a fetch library other than the runtime's (node-fetch's, npm undici's): `get` ignores case. */
class LibraryHeaders {
  readonly #values = new Map<string, string>();
  constructor(init: Record<string, string>) {
    for (const [name, value] of Object.entries(init)) this.#values.set(name.toLowerCase(), value);
  }
  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }
}

const SHAPES = {
  "the runtime's Headers": (headers: Record<string, string>) => new Headers(headers),
  "another fetch library's Headers": (headers: Record<string, string>) => new LibraryHeaders(headers),
  "a Map": (headers: Record<string, string>) => new Map(Object.entries(headers)),
  "a record": (headers: Record<string, string>) => headers,
};

/** The header names spelled in a drawn mix of upper and lower case. */
const spelled = (headers: Record<string, string>, upper: readonly boolean[]) =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      [...name].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join(""),
      value,
    ]),
  );

describe("a webhook's headers in the shape its framework hands them over", () => {
  it.each(Object.entries(SHAPES))("%s verifies, its header names spelled in any case (property)", (_, shape) => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }), (upper) => {
        expect(verifyWebhook(body, shape(spelled(signed(), upper)), SECRET).type).toBe("user.deleted");
      }),
      { numRuns: 50 },
    );
  });

  it.each(Object.entries(SHAPES))("%s of a changed body is still refused as the sender's problem", (_, shape) => {
    expect(() => verifyWebhook(`${body} `, shape(signed()), SECRET)).toThrow(WebhookVerificationError);
  });

  it("a list of header pairs is the server's own mistake, a ConfigurationError, not a delivery refused", () => {
    const thrown = (() => {
      try {
        verifyWebhook(body, Object.entries(signed()) as never, SECRET);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect(thrown).not.toBeInstanceOf(WebhookVerificationError);
    expect((thrown as Error).message).toBe(
      "verifyWebhook: the request's headers are required (a Headers object or req.headers)",
    );
  });
});
