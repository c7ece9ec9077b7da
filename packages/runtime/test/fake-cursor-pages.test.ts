import { describe, expect, it } from "vitest";
import { createFakeApi, type JsonSchema, type SpecData } from "../src/testing/index.js";
import { specDataOf } from "./testing-one-operation.js";

// A fake pages the items a test gives it with a cursor of the type the spec gives the next cursor, and reaches every
// item once, whatever ids they have.

type Paths = Record<string, never>;

function thingsSpec(next: JsonSchema): SpecData {
  return specDataOf({
    "GET /things": {
      id: "listThings",
      security: [],
      parameters: [
        { name: "after", in: "query", schema: next },
        { name: "limit", in: "query", schema: { type: "integer" } },
      ],
      responses: {
        "200": {
          contentType: "application/json",
          schema: {
            type: "object",
            required: ["items", "next"],
            properties: {
              items: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } },
              next: { anyOf: [next, { type: "null" }] },
            },
          },
          example: { items: [], next: null },
        },
      },
      pagination: { style: "cursor", in: "query", cursor: "after", limit: "limit", items: "items", nextCursor: "next" },
    },
  });
}

/** Every page the fake answers, following its next cursor from the first. */
async function pagesOf(fake: ReturnType<typeof createFakeApi<Paths>>) {
  const pages: { items: { id: string }[]; next: unknown }[] = [];
  let after: unknown = null;
  do {
    const query = after === null ? "" : `&after=${encodeURIComponent(String(after))}`;
    const response = await fake.fetch(`https://api.example.test/things?limit=2${query}`);
    expect(response.status, JSON.stringify(fake.violations)).toBe(200);
    const page = (await response.json()) as (typeof pages)[number];
    pages.push(page);
    after = page.next;
  } while (after !== null && pages.length < 10);
  return pages;
}

describe("fake API: cursor pages of a test's items", () => {
  it("writes a next cursor the spec types as an integer as a number", async () => {
    const fake = createFakeApi<Paths>({ spec: thingsSpec({ type: "integer" }), name: "Things" });
    fake.items("GET /things" as never, [{ id: "a" }, { id: "b" }, { id: "c" }] as never);
    const pages = await pagesOf(fake);
    expect(pages.map(({ items, next }) => [items.map(({ id }) => id), next])).toEqual([
      [["a", "b"], 2],
      [["c"], null],
    ]);
    expect(fake.violations).toEqual([]);
  });

  it("reaches every item once when items share an id, or have none", async () => {
    const fake = createFakeApi<Paths>({ spec: thingsSpec({ type: "string" }), name: "Things" });
    const same = Array.from({ length: 5 }, () => ({ id: "same" }));
    fake.items("GET /things" as never, same as never);
    expect((await pagesOf(fake)).flatMap(({ items }) => items)).toHaveLength(5);
    fake.reset();
    fake.items("GET /things" as never, [{}, {}, {}] as never);
    expect((await pagesOf(fake)).flatMap(({ items }) => items)).toHaveLength(3);
    expect(fake.violations).toEqual([]);
  });

  it("names the next page by its first item's id when every item has its own", async () => {
    const fake = createFakeApi<Paths>({ spec: thingsSpec({ type: "string" }), name: "Things" });
    fake.items("GET /things" as never, [{ id: "a" }, { id: "b" }, { id: "c" }] as never);
    expect((await pagesOf(fake)).map(({ next }) => next)).toEqual(["c", null]);
  });
});

describe("fake API: the counts a page of a test's items carries", () => {
  it("a total is the number of items, and a count equal to the example's number of items the page's", async () => {
    const spec = thingsSpec({ type: "string" });
    Object.assign(spec.operations["GET /things"]!.responses["200"]!, {
      example: { items: [{ id: "x" }, { id: "y" }], next: null, count: 2, total_count: 9, version: 7 },
    });
    const fake = createFakeApi<Paths>({ spec, name: "Things" });
    fake.items("GET /things" as never, [{ id: "a" }, { id: "b" }, { id: "c" }] as never);
    const pages = (await pagesOf(fake)) as unknown as Record<string, unknown>[];
    expect(pages.map((page) => [(page.items as unknown[]).length, page.count, page.total_count, page.version])).toEqual(
      [
        [2, 2, 3, 7],
        [1, 1, 3, 7],
      ],
    );
  });
});
