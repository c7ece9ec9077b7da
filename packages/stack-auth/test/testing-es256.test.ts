import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateEs256Key, sha256 } from "../src/testing-es256.js";

// The fake signs its tokens synchronously with arithmetic of its own; WebCrypto, which users' verifiers use, must agree.
describe("the fake's ES256 signing agrees with WebCrypto", () => {
  it("hashes any bytes as SHA-256 does", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (data) => {
        expect(sha256(data)).toEqual(new Uint8Array(await crypto.subtle.digest("SHA-256", data)));
      }),
    );
  });

  it("signs any bytes so that WebCrypto verifies them against the public key, and nothing else", async () => {
    const key = generateEs256Key();
    const publicKey = await crypto.subtle.importKey(
      "jwk",
      key.publicJwk,
      { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["verify"],
    );
    const verify = (signature: BufferSource, data: BufferSource) =>
      crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, publicKey, signature, data);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.nat(), async (data, flip) => {
        const signature = key.sign(data);
        expect(await verify(signature, data)).toBe(true);
        const altered = signature.slice();
        altered[flip % altered.length]! ^= 1;
        expect(await verify(altered, data)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});
