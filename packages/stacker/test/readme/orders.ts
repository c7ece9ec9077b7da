// orders.ts: the code under test
import { unwrap, type StackerClient } from "@keyway/stacker";

export async function orderTotal(stacker: StackerClient, recordSid: string): Promise<number> {
  const order = await unwrap(
    stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: "object.custom.orders", record_sid: recordSid } },
    }),
  );
  return Number(order["orders__total"] ?? 0);
}
