import type { ResponseData, SpecData } from "../src/testing/index.js";

/** A spec of one public operation, `GET /orders`, answering `responses`: the fake tests' smallest API. */
export function ordersSpec(responses: Record<string, ResponseData>): SpecData {
  return {
    basePath: "",
    securitySchemes: {},
    operations: { "GET /orders": { id: "listOrders", security: [], parameters: [], responses } },
    responses: {},
    schemas: {},
  };
}
