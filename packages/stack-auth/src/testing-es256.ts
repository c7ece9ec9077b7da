// ES256 (ECDSA on P-256 with SHA-256) signing for the fake's access tokens, synchronous so that
// `fake.sessions.create()` can hand out a signed JWT as it always handed out a token: WebCrypto signs only
// asynchronously, so the fake signs with @noble/curves (audited, plain JavaScript, on every runtime keyway supports).
import { p256 } from "@noble/curves/nist.js";
import { base64url } from "jose";

/** An ES256 key pair: its public half as a JWK, and a signer of JWS signing inputs. */
export interface Es256Key {
  readonly publicJwk: { readonly kty: "EC"; readonly crv: "P-256"; readonly x: string; readonly y: string };
  /** The JWS signature (r ‖ s, 64 bytes) of `data`. */
  sign(data: Uint8Array): Uint8Array<ArrayBuffer>;
}

/** A new random ES256 key pair. */
export function generateEs256Key(): Es256Key {
  const secretKey = p256.utils.randomSecretKey();
  // The uncompressed point: 0x04, then x and y, 32 bytes each.
  const point = p256.getPublicKey(secretKey, false);
  return {
    publicJwk: {
      kty: "EC",
      crv: "P-256",
      x: base64url.encode(point.subarray(1, 33)),
      y: base64url.encode(point.subarray(33)),
    },
    // Hedged, as WebCrypto's signatures are random: a token refreshed within the second of the one it replaces
    // (same claims) is still a token of its own, which the fake tells apart from the expired one.
    sign: (data) => new Uint8Array(p256.sign(data, secretKey, { extraEntropy: true })),
  };
}

/** A compact JWS of `payload` signed by `key`, with `header`'s fields beside `alg: "ES256"`. */
export function signJwt(key: Es256Key, header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
  const signingInput = `${encode({ alg: "ES256", ...header })}.${encode(payload)}`;
  return `${signingInput}.${base64url.encode(key.sign(new TextEncoder().encode(signingInput)))}`;
}
