// What openapi-typescript writes for the Orders API that the generic packages' doc examples call.
export interface paths {
  "/orders": {
    get: {
      parameters: { query?: { limit?: number; cursor?: string } };
      responses: {
        200: {
          content: { "application/json": { items: components["schemas"]["Order"][]; next_cursor: string | null } };
        };
      };
    };
  };
  "/orders/{order_id}": {
    get: {
      parameters: { path: { order_id: string } };
      responses: {
        200: { content: { "application/json": components["schemas"]["Order"] } };
        404: { content: { "application/json": { detail: string } } };
      };
    };
  };
  "/orders/{order_id}/attachments/{name}": {
    put: {
      parameters: { path: { order_id: string; name: string } };
      requestBody: {
        content: {
          "application/octet-stream":
            | string
            | ArrayBuffer
            | ArrayBufferView
            | { readonly size: number; readonly type: string; arrayBuffer(): Promise<ArrayBuffer> }
            | { getReader(): unknown };
        };
      };
      responses: { 200: { content: { "application/json": { size: number } } } };
    };
  };
  "/orders/report": {
    get: {
      parameters: { header?: { "X-Range"?: { from?: string; to?: string } } };
      responses: { 200: { content: { "text/csv": string } } };
    };
  };
  "/orders/bulk": {
    post: {
      requestBody: { content: { "application/json": components["schemas"]["Order"][] } };
      responses: { 200: { content: { "application/json": { created: number } } } };
    };
  };
}

export interface components {
  schemas: { Order: { id: string; total: number } };
}
