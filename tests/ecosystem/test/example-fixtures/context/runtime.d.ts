// What the generic packages' doc examples take from the page they are on or the reader's program: the Orders
// API's client and fake, and values of the surrounding code.
type paths = import("../generated/orders.js").paths;
declare const apiMeta: typeof import("../generated/orders.meta.js").apiMeta;
declare const specData: import("@keyway/runtime/testing").SpecData;

/** An Orders client as a client package makes it (see `pnpm new-client`). */
type OrdersClient = import("openapi-fetch").Client<paths> & {
  withOptions(overrides: Pick<import("@keyway/runtime").BaseClientOptions, "timeout" | "maxRetries">): OrdersClient;
};
declare const client: OrdersClient;
declare const fake: import("@keyway/runtime/testing").FakeApi<paths>;
declare const pagination: import("@keyway/runtime").PaginationMeta;
declare const orders: import("../generated/orders.js").components["schemas"]["Order"][];
declare function handle(order: unknown): void;
declare function saveOrders(page: readonly unknown[]): Promise<void>;
declare function currentAccount(): Promise<string>;
declare const vault: { read(name: string, options: { signal?: AbortSignal | undefined }): Promise<string> };
declare const form: { get(name: string): string };
declare const settings: { tenant: string; traceId: string };
declare const keyFromUser: string;
declare const userInput: string;
declare const order_id: string;
declare const apiKey: string;
declare const accountId: string;
declare const baseUrl: string;
declare const url: string;
declare const request: Request;
declare const responseText: string;
declare const metrics: { timing(name: string, milliseconds: number, tags?: Record<string, unknown>): void };
declare const logger: { warn(...values: unknown[]): void; debug(...values: unknown[]): void };
declare const cancelButton: { onclick: (() => void) | null };
declare const expect: typeof import("vitest").expect;
declare const afterEach: typeof import("vitest").afterEach;

// A client package made with `pnpm new-client`, for the examples of the runtime's test kit.
declare module "@keyway/orders/testing" {
  export function createOrdersFake(): import("@keyway/runtime/testing").FakeApi<{}>;
}
