import { sendJson } from "@keyway/test-server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigurationError, createStackerClient, searchAll } from "../src/index.js";
import { INTEGRATION_KEY, stackerAgainst } from "./setup.js";

const ZONES = Intl.supportedValuesOf("timeZone");

describe("the timezone option (X-Timezone)", () => {
  it.each(["Mars/Olympus", "America/LosAngeles", "+05:30", "-08:00", "PST8PDT/x", "Europe/Paris/x"])(
    "refuses %j when the client is made, naming the factory and the option, not the value",
    (timezone) => {
      const made = () => createStackerClient({ integrationKey: INTEGRATION_KEY, timezone });
      expect(made).toThrow(ConfigurationError);
      expect(made).toThrow(
        'createStackerClient: timezone is not an IANA time zone name (such as "America/Los_Angeles" or "UTC"); the value is not shown, in case it is a secret given to the wrong option',
      );
    },
  );

  it("accepts every zone the runtime knows, and sends it as given", async () => {
    const { stacker, server } = await stackerAgainst((_, res) => sendJson(res, 200, { _sid: "rec7wzphqrc9w7rii7h" }), {
      timezone: "Asia/Kathmandu",
    });
    fc.assert(
      fc.property(fc.constantFrom(...ZONES, "UTC", "utc", "Etc/GMT+5", "US/Pacific", " Europe/Paris "), (timezone) => {
        createStackerClient({ integrationKey: INTEGRATION_KEY, timezone });
      }),
    );
    await stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: "object.custom.orders", record_sid: "rec7wzphqrc9w7rii7h" } },
    });
    expect(server.requests[0]!.headers["x-timezone"]).toBe("Asia/Kathmandu");
  });

  it("refuses a per-search zone when searchAll is called, before any page is asked for", async () => {
    const { stacker, server } = await stackerAgainst((_, res) => sendJson(res, 200, { records: [] }));
    expect(() => searchAll(stacker, "object.custom.orders", {}, { timezone: "Pacific/Atlantis" })).toThrow(
      new ConfigurationError(
        'searchAll: timezone is not an IANA time zone name (such as "America/Los_Angeles" or "UTC"); the value is not shown, in case it is a secret given to the wrong option',
      ),
    );
    expect(server.requests).toHaveLength(0);
  });
});
