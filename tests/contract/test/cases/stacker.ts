import type { apiMeta, StackerClient } from "@keyway/stacker";
import type { CaseTable } from "../contract-case.js";

/** Every operation of specs/stacker.yaml, called as an integration would. */
export const stackerCases: CaseTable<typeof apiMeta, StackerClient> = {
  "GET /api/external/hello/": (stacker) => stacker.GET("/api/external/hello/"),
  "GET /api/external/accounts/": (stacker) => stacker.GET("/api/external/accounts/"),
  "GET /api/external/stacks/": (stacker) => stacker.GET("/api/external/stacks/"),
  "GET /api/external/objects/": (stacker) => stacker.GET("/api/external/objects/"),
  "GET /api/external/objects/{object_sid}/action-buttons/": (stacker) =>
    stacker.GET("/api/external/objects/{object_sid}/action-buttons/", {
      params: { path: { object_sid: "object.custom.orders" } },
    }),
  "GET /api/external/objects/{object_sid}/fields/": (stacker) =>
    stacker.GET("/api/external/objects/{object_sid}/fields/", {
      params: { path: { object_sid: "object.custom.orders" } },
    }),
  "POST /api/external/objects/{object_sid}/search/": (stacker) =>
    stacker.POST("/api/external/objects/{object_sid}/search/", {
      params: { path: { object_sid: "object.custom.orders" } },
      body: {
        search: "SO-105",
        filters: [
          { target: "orders__status", operation: "in", value: ["pending", "shipped"] },
          { target: "orders__order_date", operation: "withinlast", value: 30 },
        ],
        include_fields: ["orders__order_number", "orders__status", "orders__total"],
        order_by: "-orders__order_date",
        start: 0,
        count: 100,
      },
    }),
  "POST /api/external/objects/{object_sid}/records/": (stacker) =>
    stacker.POST("/api/external/objects/{object_sid}/records/", {
      params: { path: { object_sid: "object.custom.orders" } },
      body: {
        orders__order_number: "SO-10517",
        orders__order_date: "2025-12-01",
        orders__customer: "rec3vg2gpynfxe34sr3",
        orders__status: "pending",
        orders__total: 89.9,
      },
    }),
  "GET /api/external/objects/{object_sid}/records/{record_sid}/": (stacker) =>
    stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: {
        path: { object_sid: "object.custom.orders", record_sid: "rec7wzphqrc9w7rii7h" },
        // Sent as JSON text (`content: application/json` in the spec).
        query: { include_fields: ["orders__order_number", "orders__status"] },
      },
    }),
  "PATCH /api/external/objects/{object_sid}/records/{record_sid}/": (stacker) =>
    stacker.PATCH("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: "object.custom.orders", record_sid: "rec7wzphqrc9w7rii7h" } },
      body: { orders__status: "delivered", include_fields: ["orders__status"] },
    }),
  "DELETE /api/external/objects/{object_sid}/records/{record_sid}/": (stacker) =>
    stacker.DELETE("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: "object.custom.orders", record_sid: "rec7wzphqrc9w7rii7h" } },
    }),
  "POST /api/external/objects/{object_sid}/bulk-records/": (stacker) =>
    stacker.POST("/api/external/objects/{object_sid}/bulk-records/", {
      params: { path: { object_sid: "object.custom.orders" } },
      body: [
        { _sid: "rec7wzphqrc9w7rii7h", orders__status: "delivered" },
        {
          orders__order_number: "SO-10518",
          orders__order_date: "2025-12-02",
          orders__customer: "rec3vg2gpynfxe34sr3",
          orders__status: "pending",
          orders__total: 412,
        },
      ],
    }),
};
