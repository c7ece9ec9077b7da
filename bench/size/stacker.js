// The smallest real use of @keyway/stacker: create a client, make one call.
import { createStackerClient } from "@keyway/stacker";

const stacker = createStackerClient({
  integrationKey: "YOUR_INTEGRATION_KEY",
  accountId: "acc_example",
  stackId: "app_example",
});
const { data } = await stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
  params: { path: { object_sid: "object.custom.orders", record_sid: "rec_example" } },
});
console.log(data);
