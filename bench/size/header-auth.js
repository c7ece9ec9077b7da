// The smallest real use of @keyway/header-auth: openapi-fetch (its peer dependency, not
// counted) with the middleware for a one-operation API, and one call.
import { createHeaderAuth } from "@keyway/header-auth";
import createClient from "openapi-fetch";

const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: { "GET /hello": { id: "getHello", security: [["ApiKey"]] } },
};
const client = createClient({ baseUrl: "https://api.example.com" });
client.use(createHeaderAuth({ meta, credentials: { ApiKey: "YOUR_API_KEY" } }));
const { data } = await client.GET("/hello");
console.log(data);
