// Calls that meet a hostile server's answers, one record each: what a user's code sees of each.
import { createStackerClient, KeywayError, unwrap } from "@keyway/stacker";

/** What one call ended in: its data as JSON, or the name of its error and whether it showed the integration key. */
export interface WireOutcome {
  readonly data?: string;
  readonly error?: string;
  readonly showedKey?: boolean;
}

/**
 * Reads the records `wire0` to `wire<count - 1>` from the hostile server at `baseUrl`, once each.
 *
 * @example
 * ```ts
 * const outcomes = await hostileWire("http://127.0.0.1:8081", 40, "ik_smoke_7d2c9e");
 * ```
 */
export async function hostileWire(baseUrl: string, count: number, integrationKey: string): Promise<WireOutcome[]> {
  const stacker = createStackerClient({
    integrationKey,
    accountId: "acc_8f2d41",
    stackId: "app785vwedw46e3bx8",
    baseUrl,
    maxRetries: 0,
    timeout: 5_000,
  });
  const outcomes: WireOutcome[] = [];
  for (let n = 0; n < count; n++) {
    const call = stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: "object.custom.orders", record_sid: `wire${n}` } },
    });
    outcomes.push(
      await unwrap(call).then(
        (data) => ({ data: JSON.stringify(data) ?? "undefined" }),
        (error: unknown) => ({
          error: error instanceof KeywayError ? error.name : `not a KeywayError: ${textOf(error)}`,
          showedKey: `${textOf(error)} ${JSON.stringify(error)}`.includes(integrationKey),
        }),
      ),
    );
  }
  return outcomes;
}

function textOf(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
