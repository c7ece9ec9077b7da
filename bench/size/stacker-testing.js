// A test of an app: the client with the fake of @keyway/stacker/testing as its fetch.
import { createStackerClient } from "@keyway/stacker";
import { createStackerFake } from "@keyway/stacker/testing";

const fake = createStackerFake();
const stacker = createStackerClient({
  integrationKey: "test-key",
  accountId: "acc_example",
  stackId: "app_example",
  fetch: fake.fetch,
});
console.log(await stacker.GET("/api/external/hello/"));
