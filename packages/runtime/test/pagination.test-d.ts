import createClient from "openapi-fetch";
import { expectTypeOf, test } from "vitest";
import { paginate, type PageIterator, type PaginationMeta } from "../src/index.js";

interface User {
  id: string;
}
interface paths {
  "/users": {
    get: {
      parameters: { query?: { limit?: number; cursor?: string; order?: "asc" | "desc" } };
      responses: {
        200: { content: { "application/json": { items: User[]; pagination: { next_cursor: string | null } } } };
      };
    };
  };
  "/search": {
    post: {
      requestBody: { content: { "application/json": { start?: number; count?: number; text?: string } } };
      responses: { 200: { content: { "application/json": { records: User[] } } } };
    };
  };
}

const client = createClient<paths>({ baseUrl: "https://api.example.com" });
const cursor: PaginationMeta = {
  style: "cursor",
  in: "query",
  cursor: "cursor",
  limit: "limit",
  items: "items",
  nextCursor: "pagination.next_cursor",
};
const offset: PaginationMeta = { style: "offset", in: "body", offset: "start", limit: "count", items: "records" };

test("the page request passes to an openapi-fetch call as it is, without a cast", () => {
  expectTypeOf(paginate<User>(cursor, (init) => client.GET("/users", init))).toEqualTypeOf<PageIterator<User>>();
  void paginate(cursor, (init) => client.GET("/users", init), { params: { query: { limit: 100 } } });
  // Like any inferred generic, an inline string widens: `as const` keeps a literal the operation requires.
  void paginate(cursor, (init) => client.GET("/users", init), {
    params: { query: { limit: 100, order: "desc" as const } },
  });
  void paginate(offset, (init) => client.POST("/search", init), { body: { text: "ada", count: 50 } });
  void paginate<User, { body: { text: string } }>(offset, (init) => client.POST("/search", { body: init.body }), {
    body: { text: "ada" },
  });
});

test("pages() hands out each page's items, typed as the item iterator's", () => {
  const users = paginate<User>(cursor, (init) => client.GET("/users", init));
  expectTypeOf(users.pages()).toEqualTypeOf<AsyncIterableIterator<readonly User[], void, undefined>>();
});

test("a page request the operation does not take does not compile", () => {
  // @ts-expect-error: the query has no `size`
  void paginate(cursor, (init) => client.GET("/users", init), { params: { query: { size: 100 } } });
  // @ts-expect-error: `text` is a string
  void paginate(offset, (init) => client.POST("/search", init), { body: { text: 42 } });
});
