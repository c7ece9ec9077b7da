// A page that tests code against the test kit's fake, as an app's browser tests would: no server, the fake as the
// client's fetch. It renders what each step saw: a spec example, a dropped connection, a handler past the timeout,
// and the statuses the fake recorded.
import { createStackerClient, type StackerClient } from "@keyway/stacker";
import { createStackerFake } from "@keyway/stacker/testing";

const OBJECTS = "GET /api/external/objects/";
const fake = createStackerFake();
const stacker: StackerClient = createStackerClient({
  integrationKey: "ik_test_page",
  accountId: "acc_test",
  stackId: "app_test",
  fetch: fake.fetch,
  dangerouslyAllowBrowser: true,
  maxRetries: 0,
  timeout: 500,
});

/** The name of the error a call failed with, or what it answered. */
const outcome = (call: Promise<{ data?: unknown }>) =>
  call.then(
    ({ data }) => `answered: ${JSON.stringify(data)}`,
    (error: unknown) => (error instanceof Error ? error.name : String(error)),
  );

function render(id: string, text: string): void {
  const output = document.createElement("output");
  output.id = id;
  output.textContent = text;
  document.body.append(output);
}

async function run(): Promise<void> {
  render("example", await outcome(stacker.GET("/api/external/hello/")));
  fake.disconnect(OBJECTS, { times: 1 });
  render("dropped", await outcome(stacker.GET("/api/external/objects/")));
  // Waits for the app to give up, or 10 s: a fake that ignored the timeout would answer then.
  fake.on(OBJECTS, ({ request }) => {
    return new Promise((answer) => {
      const late = setTimeout(() => answer([]), 10_000);
      request.signal.addEventListener("abort", () => (clearTimeout(late), answer([])), { once: true });
    });
  });
  render("slow", await outcome(stacker.GET("/api/external/objects/")));
  render(
    "statuses",
    fake
      .calls(OBJECTS)
      .map((call) => call.status)
      .join(","),
  );
  render("violations", String(fake.violations.length));
}

void run().then(
  () => (document.body.dataset.state = "done"),
  (error: unknown) => render("failed", String(error)),
);
