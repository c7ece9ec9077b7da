import { createHmac } from "node:crypto";
import { type IncomingHttpHeaders, request } from "node:http";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { server } from "./setup.js";
import {
  WebhookPayloadError,
  WebhookSignatureError,
  WebhookVerificationError,
  verifyWebhook,
} from "../src/webhooks.js";

const KEY = Buffer.from("keyway-adversarial-signing-key-0123456789");
const SECRET = `whsec_${KEY.toString("base64")}`;
const OTHER_KEY = Buffer.from("another-endpoint-key-9876543210abcdef");
const BOM = [0xef, 0xbb, 0xbf];
const utf8 = (text: string) => [...new TextEncoder().encode(text)];

/** Svix's scheme, over the body's bytes exactly as sent: base64 HMAC-SHA256 of `${id}.${timestamp}.` and the body. */
function svixSignature(body: Uint8Array, id: string, timestamp: string, key = KEY): string {
  const digest = createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest("base64");
  return `v1,${digest}`;
}

function delivery(
  body: Uint8Array,
  { id = "msg_2mXq1ZkY8", key = KEY, timestamp = String(Math.floor(Date.now() / 1000)) } = {},
) {
  return { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": svixSignature(body, id, timestamp, key) };
}

function verifyError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

const event = { type: "user.deleted", data: { id: "3f0e2b1c-0000-4000-8000-000000000001", teams: [] } };

/** A Stack Auth event's JSON in UTF-8, some of them led by a byte-order mark. */
const eventBodies = fc
  .record({
    bom: fc.boolean(),
    type: fc.string({ minLength: 1, maxLength: 20 }),
    data: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  })
  .map(({ bom, type, data }) => {
    const json = JSON.stringify({ type, data });
    // The event as JSON carries it (-0 arrives as 0).
    return { event: JSON.parse(json) as unknown, bytes: new Uint8Array([...(bom ? BOM : []), ...utf8(json)]) };
  });

describe("the signature covers the body's bytes exactly as sent", () => {
  it("a body led by a byte-order mark verifies over its bytes, as bytes or as the string they read", () => {
    const bytes = new Uint8Array([...BOM, ...utf8(JSON.stringify(event))]);
    const headers = delivery(bytes);
    expect(verifyWebhook(bytes, headers, SECRET)).toEqual(event);
    expect(verifyWebhook(`\uFEFF${JSON.stringify(event)}`, headers, SECRET)).toEqual(event);
    // The mark is signed: the same JSON without it is another body.
    expect(() => verifyWebhook(JSON.stringify(event), headers, SECRET)).toThrow(WebhookSignatureError);
  });

  it("bytes that are not UTF-8 are a WebhookPayloadError, even where they would read as the signed text", () => {
    const signedText = { type: "user.updated", data: { display_name: "Ad\uFFFD" } };
    const signedBytes = new TextEncoder().encode(JSON.stringify(signedText));
    const headers = delivery(signedBytes);
    expect(verifyWebhook(signedBytes, headers, SECRET)).toEqual(signedText);
    // U+FFFD's three bytes swapped for one byte that is not UTF-8: decoded leniently, both read "Ad\uFFFD".
    const at = signedBytes.indexOf(0xef);
    for (const stray of [[0xff], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
      const tampered = new Uint8Array([...signedBytes.slice(0, at), ...stray, ...signedBytes.slice(at + 3)]);
      const error = verifyError(() => verifyWebhook(tampered, headers, SECRET));
      expect(error).toBeInstanceOf(WebhookPayloadError);
      expect((error as Error).message).toBe("The webhook body is not UTF-8 text, as Stack Auth's JSON events are");
    }
  });

  it("a signed delivery is accepted, and any single-byte change of its body, id, timestamp or signature is refused", () => {
    const changedAt = (text: string, at: number, code: number) =>
      `${text.slice(0, at)}${String.fromCharCode(code)}${text.slice(at + 1)}`;
    fc.assert(
      fc.property(
        eventBodies,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.integer({ min: 0x20, max: 0x7e }),
        ({ event, bytes }, position, xor, ascii) => {
          const headers = delivery(bytes);
          expect(verifyWebhook(bytes, headers, SECRET)).toEqual(event);
          expect(verifyWebhook(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes), headers, SECRET)).toEqual(
            event,
          );

          const body = bytes.slice();
          body[position % body.length]! ^= xor;
          expect(verifyError(() => verifyWebhook(body, headers, SECRET))).toBeInstanceOf(WebhookVerificationError);
          for (const name of ["svix-id", "svix-timestamp", "svix-signature"] as const) {
            const value = headers[name];
            const at = position % value.length;
            if (value.charCodeAt(at) === ascii) continue;
            const changed = { ...headers, [name]: changedAt(value, at, ascii) };
            expect(verifyError(() => verifyWebhook(bytes, changed, SECRET))).toBeInstanceOf(WebhookVerificationError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("any order of signatures in the header is accepted when one of them is this endpoint's", () => {
    fc.assert(
      fc.property(
        eventBodies,
        fc.array(fc.constantFrom("other-key", "garbage-v1", "v2", "no-version"), { maxLength: 4 }),
        fc.nat(),
        ({ event, bytes }, others, at) => {
          const headers = delivery(bytes);
          const digest = headers["svix-signature"].slice("v1,".length);
          const decoys = others.map(
            (kind) =>
              ({
                "other-key": delivery(bytes, { key: OTHER_KEY })["svix-signature"],
                "garbage-v1": `v1,${Buffer.alloc(32, 7).toString("base64")}`,
                v2: `v2,${digest}`,
                "no-version": digest,
              })[kind],
          );
          decoys.splice(at % (decoys.length + 1), 0, headers["svix-signature"]);
          const signature = decoys.join(" ");
          expect(verifyWebhook(bytes, { ...headers, "svix-signature": signature }, SECRET)).toEqual(event);
          expect(verifyWebhook(bytes, new Headers({ ...headers, "svix-signature": signature }), SECRET)).toEqual(event);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("a signature header sent as several lines", () => {
  /**
   * What a Node server reads of `signed`, a delivery sent from 127.0.0.1 with its `svix-signature` header once per
   * signature.
   */
  async function received(bytes: Uint8Array, signed: ReturnType<typeof delivery>, signatures: readonly string[]) {
    const { "svix-signature": _, ...headers } = signed;
    let read: { body: Uint8Array; headers: IncomingHttpHeaders } | undefined;
    const receiver = await server((recorded, res, raw) => {
      read = { body: recorded.body, headers: raw.headers };
      res.end();
    });
    await new Promise<void>((resolve, reject) => {
      const sent = request(receiver.url, {
        method: "POST",
        headers: { ...headers, "svix-signature": [...signatures] },
      });
      sent.on("response", (response) => response.resume().on("end", resolve)).on("error", reject);
      sent.end(bytes);
    });
    return read!;
  }

  it("is accepted whichever line holds this endpoint's signature, from Node's headers or a Headers object", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(event));
    // One delivery, so that every line is signed for the timestamp sent, whenever a second ticks by.
    const signed = delivery(bytes);
    const valid = signed["svix-signature"];
    const otherKey = delivery(bytes, { key: OTHER_KEY, timestamp: signed["svix-timestamp"] })["svix-signature"];
    const decoys = [otherKey, "v1,bad", "v2,abc"];
    for (const decoy of decoys)
      for (const signatures of [
        [valid, decoy],
        [decoy, valid],
      ]) {
        const { body, headers } = await received(bytes, signed, signatures);
        expect(verifyWebhook(body, headers, SECRET)).toEqual(event);
        const joined = new Headers();
        for (const [name, value] of Object.entries(headers)) if (typeof value === "string") joined.set(name, value);
        expect(verifyWebhook(body, joined, SECRET)).toEqual(event);
      }
  });
});

describe("a signed body that is not a Stack Auth event", () => {
  it("`data` that is an array, not an object, is a WebhookPayloadError", () => {
    for (const notAnEvent of [
      { type: "user.created", data: [] },
      { type: "user.created", data: [{ id: "3f0e2b1c-0000-4000-8000-000000000001" }] },
    ]) {
      const bytes = new TextEncoder().encode(JSON.stringify(notAnEvent));
      const error = verifyError(() => verifyWebhook(bytes, delivery(bytes), SECRET));
      expect(error).toBeInstanceOf(WebhookPayloadError);
      expect((error as Error).message).toBe(
        "The webhook body is not a Stack Auth event: expected JSON with a string `type` and a `data` object",
      );
    }
  });
});
