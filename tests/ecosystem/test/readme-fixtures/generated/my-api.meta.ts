// What `pnpm generate` writes next to the types: the security schemes and each operation's metadata.
import type { ClientMeta } from "@keyway/runtime";

export const apiMeta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "GET /users/{id}": { id: "getUser", security: [["ApiKey"]] },
    "GET /users": {
      id: "listUsers",
      security: [["ApiKey"]],
      pagination: {
        style: "cursor",
        in: "query",
        cursor: "cursor",
        limit: "limit",
        items: "items",
        nextCursor: "pagination.next_cursor",
      },
    },
  },
} as const satisfies ClientMeta<"ApiKey">;
