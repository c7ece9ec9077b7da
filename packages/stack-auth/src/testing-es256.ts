// ES256 (ECDSA on P-256 with SHA-256) signing for the fake's access tokens, synchronous so that
// `fake.sessions.create()` can hand out a signed JWT as it always handed out a token. WebCrypto signs only
// asynchronously, so the arithmetic is written out here; its randomness is WebCrypto's. For test keys only: it takes
// no care against timing attacks, and nothing but the fake's own throwaway keys ever goes through it.

/** The P-256 curve (FIPS 186-4 D.1.2.3): y² = x³ - 3x + b over the field of `P`, and its group order `N`. */
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const G: Point = {
  x: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
  y: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
  z: 1n,
};

/** A point in Jacobian coordinates (x / z², y / z³); `z` 0 is the point at infinity. */
interface Point {
  readonly x: bigint;
  readonly y: bigint;
  readonly z: bigint;
}

/** An ES256 key pair: its public half as a JWK, and a signer of JWS signing inputs. */
export interface Es256Key {
  readonly publicJwk: { readonly kty: "EC"; readonly crv: "P-256"; readonly x: string; readonly y: string };
  /** The JWS signature (r ‖ s, 64 bytes) of `data`. */
  sign(data: Uint8Array): Uint8Array<ArrayBuffer>;
}

/** A new random ES256 key pair. */
export function generateEs256Key(): Es256Key {
  const secret = randomScalar();
  const [x, y] = toAffine(multiply(G, secret));
  return {
    publicJwk: { kty: "EC", crv: "P-256", x: base64url(bytesOf(x)), y: base64url(bytesOf(y)) },
    sign: (data) => signDigest(secret, sha256(data)),
  };
}

/** A compact JWS of `payload` signed by `key`, with `header`'s fields beside `alg: "ES256"`. */
export function signJwt(key: Es256Key, header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const encode = (value: unknown) => base64url(new TextEncoder().encode(JSON.stringify(value)));
  const signingInput = `${encode({ alg: "ES256", ...header })}.${encode(payload)}`;
  return `${signingInput}.${base64url(key.sign(new TextEncoder().encode(signingInput)))}`;
}

function signDigest(secret: bigint, digest: Uint8Array): Uint8Array<ArrayBuffer> {
  const z = bigintOf(digest) % N;
  for (;;) {
    const k = randomScalar();
    const r = toAffine(multiply(G, k))[0] % N;
    const s = (inverse(k, N) * ((z + r * secret) % N)) % N;
    if (r !== 0n && s !== 0n) return concat(bytesOf(r), bytesOf(s));
  }
}

/** A uniformly random scalar in [1, N). */
function randomScalar(): bigint {
  for (;;) {
    const candidate = bigintOf(crypto.getRandomValues(new Uint8Array(32)));
    if (candidate > 0n && candidate < N) return candidate;
  }
}

const mod = (value: bigint, modulus = P) => {
  const rest = value % modulus;
  return rest < 0n ? rest + modulus : rest;
};

function power(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  for (let b = mod(base, modulus), e = exponent; e > 0n; e >>= 1n, b = (b * b) % modulus)
    if (e & 1n) result = (result * b) % modulus;
  return result;
}

/** The inverse of `value` modulo the prime `modulus` (Fermat). */
const inverse = (value: bigint, modulus: bigint) => power(value, modulus - 2n, modulus);

function double({ x, y, z }: Point): Point {
  if (z === 0n || y === 0n) return { x: 1n, y: 1n, z: 0n };
  const delta = mod(z * z);
  const gamma = mod(y * y);
  const beta = mod(x * gamma);
  const alpha = mod(3n * (x - delta) * (x + delta)); // a = -3
  const x3 = mod(alpha * alpha - 8n * beta);
  return {
    x: x3,
    y: mod(alpha * (4n * beta - x3) - 8n * gamma * gamma),
    z: mod((y + z) * (y + z) - gamma - delta),
  };
}

function add(p: Point, q: Point): Point {
  if (p.z === 0n) return q;
  if (q.z === 0n) return p;
  const pz2 = mod(p.z * p.z);
  const qz2 = mod(q.z * q.z);
  const u1 = mod(p.x * qz2);
  const u2 = mod(q.x * pz2);
  const s1 = mod(p.y * qz2 * q.z);
  const s2 = mod(q.y * pz2 * p.z);
  if (u1 === u2) return s1 === s2 ? double(p) : { x: 1n, y: 1n, z: 0n };
  const h = mod(u2 - u1);
  const r = mod(s2 - s1);
  const h2 = mod(h * h);
  const h3 = mod(h2 * h);
  const x3 = mod(r * r - h3 - 2n * u1 * h2);
  return { x: x3, y: mod(r * (u1 * h2 - x3) - s1 * h3), z: mod(h * p.z * q.z) };
}

function multiply(point: Point, scalar: bigint): Point {
  let result: Point = { x: 1n, y: 1n, z: 0n };
  for (let bit = BigInt(scalar.toString(2).length - 1); bit >= 0n; bit--) {
    result = double(result);
    if ((scalar >> bit) & 1n) result = add(result, point);
  }
  return result;
}

function toAffine({ x, y, z }: Point): [bigint, bigint] {
  const zInverse = inverse(z, P);
  const zInverse2 = mod(zInverse * zInverse);
  return [mod(x * zInverse2), mod(y * zInverse2 * zInverse)];
}

/** `value` as 32 big-endian bytes. */
function bytesOf(value: bigint): Uint8Array {
  const bytes = new Uint8Array(32);
  for (let i = 31, rest = value; i >= 0; i--, rest >>= 8n) bytes[i] = Number(rest & 0xffn);
  return bytes;
}

function bigintOf(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(a.length + b.length);
  bytes.set(a);
  bytes.set(b, a.length);
  return bytes;
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** SHA-256's round constants (FIPS 180-4 4.2.2). */
const K = Uint32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** SHA-256 of `data` (FIPS 180-4), synchronous as WebCrypto's digest is not. */
export function sha256(data: Uint8Array): Uint8Array {
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(data.length / 0x20000000));
  view.setUint32(padded.length - 4, (data.length * 8) >>> 0);
  const hash = Uint32Array.from([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  const rotate = (value: number, by: number) => (value >>> by) | (value << (32 - by));
  for (let block = 0; block < padded.length; block += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(block + t * 4);
    for (let t = 16; t < 64; t++) {
      const s0 = rotate(w[t - 15]!, 7) ^ rotate(w[t - 15]!, 18) ^ (w[t - 15]! >>> 3);
      const s1 = rotate(w[t - 2]!, 17) ^ rotate(w[t - 2]!, 19) ^ (w[t - 2]! >>> 10);
      w[t] = w[t - 16]! + s0 + w[t - 7]! + s1;
    }
    let [a, b, c, d, e, f, g, h] = hash as unknown as [number, number, number, number, number, number, number, number];
    for (let t = 0; t < 64; t++) {
      const t1 = h + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & f) ^ (~e & g)) + K[t]! + w[t]!;
      const t2 = (rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      [h, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + t2) | 0];
    }
    for (const [i, value] of [a, b, c, d, e, f, g, h].entries()) hash[i] = hash[i]! + value;
  }
  const digest = new Uint8Array(32);
  const digestView = new DataView(digest.buffer);
  for (const [i, value] of hash.entries()) digestView.setUint32(i * 4, value);
  return digest;
}
