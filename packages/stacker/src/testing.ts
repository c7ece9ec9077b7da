// @keyway/stacker/testing: a fake Stacker API for the tests of apps that use @keyway/stacker.
// Only this entry point imports the spec data, so it never enters an app's bundle.
import { checkOptions, type OptionNames, type SecretParameterOption } from "@keyway/runtime";
import { createFakeApi, type FakeApi } from "@keyway/runtime/testing";
import type { paths } from "./generated/stacker.js";
import { specData } from "./generated/stacker.spec-data.js";

export { FakeApiError, FakeReply } from "@keyway/runtime/testing";
export type {
  FailOptions,
  FakeApi,
  FakeCall,
  FakeHandler,
  FakeHandlers,
  FakeRequest,
  HandlerOptions,
} from "@keyway/runtime/testing";

/** A fake Stacker API, typed by the client's operations. */
export type StackerFake = FakeApi<paths>;

/** What {@link createStackerFake} takes. */
export interface StackerFakeOptions {
  /**
   * The `secretParameters` of the client under test (see `createStackerClient`), for the fake to hide what that client
   * hides: a recorded call prints each secret parameter's value as "[REDACTED]" (its URL, `params`, a header), and a
   * violation tells only its type; a name in `except` prints as sent. The credentials stay hidden whatever it says.
   *
   * @example
   * ```ts
   * import { createStackerClient } from "@keyway/stacker";
   * import { createStackerFake } from "@keyway/stacker/testing";
   *
   * const secretParameters = ["record_sid"]; // the app's record ids are secret
   * const fake = createStackerFake({ secretParameters });
   * const stacker = createStackerClient({ integrationKey: "test-key", accountId: "acc_1", stackId: "app_1", fetch: fake.fetch, secretParameters });
   * ```
   */
  readonly secretParameters?: SecretParameterOption;
}

const FAKE_OPTIONS: OptionNames<StackerFakeOptions> = { secretParameters: "optional" };

/**
 * Creates a fake Stacker API: give `fake.fetch` to `createStackerClient` and every operation
 * answers with its spec example, unless the test says otherwise with `on`, `fail` or `items`.
 * Every request is checked against the spec (credentials, parameters, body); `fake.verify()`
 * throws if one broke it.
 *
 * @example
 * ```ts
 * import { createStackerClient } from "@keyway/stacker";
 * import { createStackerFake } from "@keyway/stacker/testing";
 *
 * const fake = createStackerFake();
 * const stacker = createStackerClient({ integrationKey: "test-key", accountId: "acc_1", stackId: "app_1", fetch: fake.fetch });
 * fake.fail("GET /api/external/objects/{object_sid}/records/{record_sid}/", 404);
 * ```
 */
export function createStackerFake(options: StackerFakeOptions = {}): StackerFake {
  const factory = "createStackerFake";
  // A misspelled option would print the secrets it names.
  checkOptions(factory, options, FAKE_OPTIONS);
  return createFakeApi<paths>({ spec: specData, name: "Stacker", factory, secretParameters: options.secretParameters });
}
