// What `pnpm generate` writes next to the Orders API's types.
import type { ClientMeta } from "@keyway/runtime";

export const apiMeta = {
  securitySchemes: {
    ApiKey: { header: "X-Acme-Key", secret: true },
    AccountId: { header: "X-Account-Id", secret: false },
  },
  operations: {
    "GET /orders": {
      id: "listOrders",
      security: [["ApiKey", "AccountId"], ["ApiKey"]],
      pagination: {
        style: "cursor",
        in: "query",
        cursor: "cursor",
        limit: "limit",
        items: "items",
        nextCursor: "next_cursor",
      },
    },
    "GET /orders/{order_id}": { id: "getOrder", security: [["ApiKey"]] },
    "PUT /orders/{order_id}/attachments/{name}": {
      id: "attachFile",
      security: [["ApiKey"]],
      bodyMedia: "application/octet-stream",
    },
    "GET /orders/report": {
      id: "getReport",
      security: [["ApiKey"]],
      header: { "X-Range": { style: "simple", explode: false } },
      successBody: "text",
    },
    "POST /orders/bulk": { id: "createOrders", security: [["ApiKey"]] },
  },
  headerAliases: { zenith: { "X-Acme-Key": "X-Zenith-Key" } },
} as const satisfies ClientMeta<"ApiKey" | "AccountId">;
