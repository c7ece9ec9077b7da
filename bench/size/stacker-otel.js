// @keyway/stacker traced by @keyway/otel: create a client with the instrumentation, make one call.
// @opentelemetry/api is left out: it is a peer dependency the application already bundles with its SDK.
import { openTelemetry } from "@keyway/otel";
import { createStackerClient } from "@keyway/stacker";

const stacker = createStackerClient({
  integrationKey: "YOUR_INTEGRATION_KEY",
  accountId: "acc_example",
  stackId: "app_example",
  instrumentation: openTelemetry(),
});
const { data } = await stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
  params: { path: { object_sid: "object.custom.orders", record_sid: "rec_example" } },
});
console.log(data);
