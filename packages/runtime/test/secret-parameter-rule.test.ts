import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { secretParameters } from "../src/index.js";

// The rule a client's secretParameters option makes: names like a secret's, plus `add` (or the list), minus `except`,
// each compared in any case, with or without `-` and `_`.
const NAMED_LIKE_SECRETS = ["code", "key", "token", "client_secret", "X-Webhook-Secret", "refresh_token", "otp"];
const PLAIN = ["user_id", "object_id", "country", "invite_hash", "X-Timezone"];

/** `name` in another spelling: another case, `-` and `_` moved. */
const respelled = (name: string) =>
  fc
    .tuple(fc.boolean(), fc.constantFrom("", "_", "-"))
    .map(
      ([upper, separator]) =>
        (upper ? name.toUpperCase() : name.toLowerCase()).replace(/[-_]/g, separator) +
        (separator === "" ? "" : separator),
    );

describe("secretParameters { add, except } (property-based)", () => {
  it("except takes a name out of the rule in any spelling, and leaves every other name as the rule has it", () => {
    const plain = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMED_LIKE_SECRETS).chain((name) => fc.tuple(fc.constant(name), respelled(name))),
        fc.constantFrom(...NAMED_LIKE_SECRETS, ...PLAIN),
        ([excepted, spelling], other) => {
          const isSecret = secretParameters({ except: [spelling] });
          expect(isSecret(excepted)).toBe(false);
          expect(isSecret(other)).toBe(plain(other) !== plain(excepted) && NAMED_LIKE_SECRETS.includes(other));
        },
      ),
    );
  });

  it("add, or a list, hides names the rule does not; both forms say the same of every name", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLAIN), fc.constantFrom(...PLAIN, ...NAMED_LIKE_SECRETS), (added, asked) => {
        const listed = secretParameters([added]);
        const viaAdd = secretParameters({ add: [added] });
        expect(viaAdd(asked)).toBe(listed(asked));
        expect(listed(added.toUpperCase())).toBe(true);
        expect(listed(asked)).toBe(asked === added || NAMED_LIKE_SECRETS.includes(asked));
      }),
    );
  });
});
