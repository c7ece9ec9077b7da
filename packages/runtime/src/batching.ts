import { KeywayError } from "./keyway-errors.js";
import { shownSetting } from "./internal/shown.js";

/**
 * Splits `items` into consecutive batches of at most `size` items, keeping order.
 *
 * @example
 * ```ts
 * for (const batch of chunk(orders, 100)) {
 *   await unwrap(client.POST("/orders/bulk", { body: batch }));
 * }
 * ```
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new KeywayError(`Batch size must be a positive integer, got ${shownSetting(size)}`);
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
