import { describe, expect, it } from "vitest";
import { signWebhook } from "../src/testing.js";

// Stack Auth sends only events of the spec's shape; a test that signs another tests a delivery that never comes.
describe("signWebhook signs only events Stack Auth could send", () => {
  it("refuses data that breaks the event's schema, naming the field and the rule, not the value", () => {
    const sign = () =>
      signWebhook({ type: "user.deleted", data: { id: "not-a-user-id-s3cret", teams: "none" } as never });
    expect(sign).toThrow(TypeError);
    expect(sign).toThrow(
      /^signWebhook: the user\.deleted event's data breaks the spec: event\/data\/id: .*event\/data\/teams: type/s,
    );
    expect(sign).not.toThrow(/s3cret/);
  });

  it("refuses data missing a property the event requires", () => {
    expect(() =>
      signWebhook({ type: "team_membership.created", data: { team_id: crypto.randomUUID() } as never }),
    ).toThrow(/event\/data: required property "user_id"/);
  });
});
