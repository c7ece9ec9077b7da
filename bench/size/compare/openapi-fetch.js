// Bare openapi-fetch doing the same: create a client, make one call.
import createClient from "openapi-fetch";

const client = createClient({
  baseUrl: "https://api.go.stackerhq.com",
  headers: { "X-Integration-Key": "YOUR_INTEGRATION_KEY" },
});
const { data } = await client.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
  params: { path: { object_sid: "object.custom.orders", record_sid: "rec_example" } },
});
console.log(data);
