// What openapi-typescript writes for a small API: a user by id, paged users, and the header-auth sample's two operations.
export interface paths {
  "/users/{id}": {
    get: {
      parameters: { path: { id: string } };
      responses: {
        200: { content: { "application/json": components["schemas"]["User"] } };
        404: { content: { "application/json": { detail: string } } };
      };
    };
  };
  "/users": {
    get: {
      parameters: { query?: { limit?: number; cursor?: string } };
      responses: {
        200: {
          content: {
            "application/json": { items: components["schemas"]["User"][]; pagination: { next_cursor: string | null } };
          };
        };
      };
    };
  };
  "/hello": {
    get: { responses: { 200: { content: { "application/json": { message: string } } } } };
  };
  "/orders": {
    get: {
      parameters: { header?: { "X-Timezone"?: string } };
      responses: { 200: { content: { "application/json": { id: string }[] } } };
    };
  };
}

export interface components {
  schemas: { User: { id: string; display_name: string | null } };
}
