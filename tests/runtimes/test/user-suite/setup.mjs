// The fakes and clients each of the user's suites starts from, with keys a test's output must never show.
import { createStackerClient } from "@keyway/stacker";
import { createStackerFake } from "@keyway/stacker/testing";
import { createStackAuthServerClient } from "@keyway/stack-auth/server";
import { createStackAuthFake } from "@keyway/stack-auth/testing";

export const STACK_SERVER_KEY = "ssk_live_9Qm2xTfR7cVb";
export const STACKER_KEY = "sk_stacker_4Hd8qLw2ZpNe";

/** Stacker's operation that creates a record, which the app calls once per user. */
export const RECORDS = "POST /api/external/objects/{object_sid}/records/";

/** The user's guard after each test: a request (or a handler's answer) that broke either spec fails the test. */
export function verifyBoth({ stackFake, stackerFake }) {
  stackFake.verify();
  stackerFake.verify();
}

export function setUp() {
  const stackFake = createStackAuthFake({ access: "server", secretServerKey: STACK_SERVER_KEY });
  const stackerFake = createStackerFake();
  const stack = createStackAuthServerClient({
    projectId: "test-project",
    secretServerKey: STACK_SERVER_KEY,
    fetch: stackFake.fetch,
    maxRetries: 0,
  });
  const stacker = createStackerClient({
    integrationKey: STACKER_KEY,
    accountId: "acc_1",
    stackId: "app_1",
    fetch: stackerFake.fetch,
    maxRetries: 0,
  });
  return { stackFake, stackerFake, stack, stacker };
}

/** Users as the spec's example has them (read from a fake of their own), with the emails a test gives. */
export async function usersLike(emails) {
  const examples = createStackAuthFake({ access: "server" });
  const stack = createStackAuthServerClient({
    projectId: "test-project",
    secretServerKey: "ssk_test",
    fetch: examples.fetch,
  });
  const { data } = await stack.GET("/users");
  const example = data.items[0];
  return emails.map((email, index) => ({
    ...example,
    id: `3b2f1c9e-8a4d-4f6b-9c1e-5d7a2b8e4f1${index}`,
    primary_email: email,
    display_name: `User ${index}`,
  }));
}
