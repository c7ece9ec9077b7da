// What `pnpm generate` writes for the Orders API's fake.
import type { SpecData } from "@keyway/runtime/testing";

const order = { $ref: "#/components/schemas/Order" };
export const specData: SpecData = {
  basePath: "",
  securitySchemes: { ApiKey: { header: "X-Acme-Key", secret: true } },
  operations: {
    "GET /orders/{order_id}": {
      id: "getOrder",
      security: [["ApiKey"]],
      parameters: [{ name: "order_id", in: "path", required: true, schema: { type: "string" } }],
      responses: { "200": { contentType: "application/json", schema: order } },
    },
  },
  responses: {},
  schemas: {
    Order: {
      type: "object",
      required: ["id", "total"],
      properties: { id: { type: "string" }, total: { type: "number" } },
    },
  },
};
