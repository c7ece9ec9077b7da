import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateEs256Key } from "../src/testing-es256.js";

// The fake signs its tokens synchronously; WebCrypto, which users' verifiers use, must verify what it signs.
describe("the fake's ES256 signing agrees with WebCrypto", () => {
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
