import { describe, expect, it } from "vitest";
import { createStackerClient } from "../src/index.js";
import { createStackerFake } from "../src/testing.js";
import { ACCOUNT_ID, INTEGRATION_KEY, STACK_ID } from "./setup.js";

const CREDENTIALS = { integrationKey: INTEGRATION_KEY, accountId: ACCOUNT_ID, stackId: STACK_ID };

const SEARCH_PATH = "/api/external/objects/{object_sid}/search/";
const SEARCH = `POST ${SEARCH_PATH}` as const;
const ORDERS = [
  { _sid: "rec0000000000000001", orders__number: "SO-1", orders__total: 12.5 },
  { _sid: "rec0000000000000002", orders__number: "SO-2, rush", orders__note: 'says "hi"\nthen leaves' },
  { _sid: "rec0000000000000003", orders__number: "SO-3", orders__total: null },
];

function setup() {
  const fake = createStackerFake();
  const stacker = createStackerClient({ ...CREDENTIALS, fetch: fake.fetch, maxRetries: 0 });
  return { fake, stacker };
}

async function searchCsv(stacker: ReturnType<typeof setup>["stacker"], body: { start?: number; count?: number }) {
  const { data, response } = await stacker.POST(SEARCH_PATH, {
    params: { path: { object_sid: "object.custom.orders" } },
    body,
    headers: { Accept: "text/csv" },
    parseAs: "text",
  });
  return { csv: data, status: response.status, contentType: response.headers.get("content-type") };
}

describe("fake.items pages a search asked for as CSV", () => {
  it("answers the page of the test's records as CSV, a header of their fields, then a row each", async () => {
    const { fake, stacker } = setup();
    fake.items(SEARCH, ORDERS);
    const { csv, status, contentType } = await searchCsv(stacker, { start: 0, count: 2 });
    expect({ status, contentType }).toEqual({ status: 200, contentType: "text/csv" });
    expect(csv).toBe(
      [
        "_sid,orders__number,orders__total,orders__note",
        "rec0000000000000001,SO-1,12.5,",
        'rec0000000000000002,"SO-2, rush",,"says ""hi""\nthen leaves"',
        "",
      ].join("\n"),
    );
    fake.verify();
  });

  it("answers a later page from its start, and an empty page after the last", async () => {
    const { fake, stacker } = setup();
    fake.items(SEARCH, ORDERS);
    expect((await searchCsv(stacker, { start: 2, count: 2 })).csv).toBe(
      "_sid,orders__number,orders__total\nrec0000000000000003,SO-3,\n",
    );
    expect((await searchCsv(stacker, { start: 3, count: 2 })).csv).toBe("");
    fake.verify();
  });

  it("still answers JSON pages to a call that asks for JSON", async () => {
    const { fake, stacker } = setup();
    fake.items(SEARCH, ORDERS);
    const { data } = await stacker.POST(SEARCH_PATH, {
      params: { path: { object_sid: "object.custom.orders" } },
      body: { start: 1, count: 1 },
    });
    expect(data).toMatchObject({ records: [ORDERS[1]] });
    fake.verify();
  });
});
