import { describe, expect, it } from "vitest";
import { secretParameters } from "../src/index.js";

// An outside review of the names secretParameters' rule hides by default: names APIs give a key, a signing secret or a
// bearer assertion in a query, a header or a path (ipstack's and mediastack's `?access_key=`, a service account's
// `private_key`, AWS's `SecretAccessKey`, `?jwt=` on WebSocket and video APIs, OAuth's `client_assertion`), beside
// names that end alike and hold no secret.
describe("secretParameters' default rule", () => {
  const isSecret = secretParameters();

  it("hides the names of keys, signing secrets and assertions in any spelling", () => {
    const secret = ["access_key", "X-Access-Key", "private_key", "privateKey", "secret_key", "SecretAccessKey"];
    const more = ["aws_secret_access_key", "jwt", "JWT", "client_assertion", "SAMLAssertion"];
    expect([...secret, ...more].filter((name) => !isSecret(name))).toEqual([]);
  });

  it("leaves the names that only end alike or name a key's id shown", () => {
    const plain = ["idempotency_key", "sort_key", "partition_key", "access_key_id", "AWSAccessKeyIdHint", "jwt_id"];
    expect(plain.filter(isSecret)).toEqual([]);
  });
});
