// The page the browser test loads: a web app that uses Stack Auth with client access (the
// signed-in user's session) and, on a trusted internal page, Stacker with its secret key.
// It renders what the typed calls return, and what the smoke program's uploads (bodies that are not JSON, through a
// client of @keyway/runtime's own) saw against the page's own origin, then marks <body data-state="done">.
import { createStackAuthClient, createStackAuthServerClient, unwrap } from "@keyway/stack-auth";
import { createStackerClient, listItems } from "@keyway/stacker";
import { uploads } from "../../../ecosystem/test/consumer/uploads.js";
import { CREDENTIALS } from "./credentials.js";

const mocks = new URLSearchParams(location.search);

/** Appends `<output id="…">text</output>` to the page. */
function show(id: string, text: string): void {
  const output = document.createElement("output");
  output.id = id;
  output.textContent = text;
  document.body.append(output);
}

/** What creating a Stack Auth server client in this page does: "created", or the error it throws. */
function tryServerClient(dangerouslyAllowBrowser: boolean): string {
  try {
    createStackAuthServerClient({
      projectId: CREDENTIALS.stackProjectId,
      secretServerKey: CREDENTIALS.stackSecretServerKey,
      baseUrl: mocks.get("stackAuth")!,
      dangerouslyAllowBrowser,
    });
    return "created";
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

async function main(): Promise<void> {
  const stack = createStackAuthClient({
    projectId: CREDENTIALS.stackProjectId,
    publishableClientKey: CREDENTIALS.stackPublishableClientKey,
    session: CREDENTIALS.stackSession,
    baseUrl: mocks.get("stackAuth")!,
  });
  const me = await unwrap(stack.GET("/users/me"));
  show("user", `${me.display_name ?? "(no name)"} <${me.primary_email ?? "no email"}>`);
  const project = await unwrap(stack.GET("/projects/current"));
  show("project", project.display_name);

  // The integration key is a secret every visitor could read: only an explicit opt-in allows it here.
  const stacker = createStackerClient({
    integrationKey: CREDENTIALS.stackerIntegrationKey,
    accountId: CREDENTIALS.stackerAccountId,
    stackId: CREDENTIALS.stackerStackId,
    baseUrl: mocks.get("stacker")!,
    dangerouslyAllowBrowser: true,
  });
  const fields = await unwrap(
    stacker.GET("/api/external/objects/{object_sid}/fields/", {
      params: { path: { object_sid: "object.custom.orders" } },
    }),
  );
  show(
    "fields",
    listItems(fields, "fields")
      .map((field) => field.api_name)
      .join(", "),
  );
  const record = await unwrap(
    stacker.GET("/api/external/objects/{object_sid}/records/{record_sid}/", {
      params: { path: { object_sid: "object.custom.orders", record_sid: "rec7wzphqrc9w7rii7h" } },
    }),
  );
  show("record", record._sid ?? "(no _sid)");

  show("server-client-without-opt-in", tryServerClient(false));
  show("server-client-with-opt-in", tryServerClient(true));
  show("uploads", JSON.stringify(await uploads(location.origin, "browser")));
}

main().then(
  () => {
    document.body.dataset.state = "done";
  },
  (error: unknown) => {
    show("failure", error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    document.body.dataset.state = "failed";
  },
);
