// Turns what the e2e snapshot serializer stripped back into values of the type the API sent, so a
// recorded body can still be checked against a schema: a stripped UUID becomes a fixed UUID, a
// stripped `*_millis` field a fixed epoch-milliseconds number. Every value put in is listed with
// its JSON pointer and the placeholder it replaces, so a reader can tell data from stand-ins.
import { Instance, Placeholder } from "./nicified.mjs";

const EPOCH_MILLIS = 1767225600000;

/** What the serializer strips by field name (stripFields / stripFieldsIfString), as the value the API sends. */
const STRIPPED_FIELDS = {
  access_token:
    "eyJhbGciOiJFUzI1NiIsImtpZCI6ImUyZSJ9.eyJzdWIiOiJlMmUwZTJlMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDEifQ.c2lnbmF0dXJl",
  // 45 characters, as Stack Auth issues them.
  refresh_token: "e2erefreshtoken000000000000000000000000000000",
  refresh_token_id: "e2e0e2e0-0000-4000-8000-000000000002",
  refreshTokenId: "e2e0e2e0-0000-4000-8000-000000000002",
  expires_in: 3600,
  exp: 1767225600,
  iat: 1767222000,
  last_four: "1234",
  attempt_code: "e2e-attempt-code",
  nonce: "e2e-nonce",
  authorization_code: "e2e-authorization-code",
  secret: "e2e-secret",
  token: "e2e-token",
  port: 8102,
  responseStatusCode: 200,
  responseDurationMs: 1,
  wall_clock_time: 1,
  cpu_time: 1,
  publishable_client_key: "pck_e2e0000000000000000000000000000000000000000000",
  secret_server_key: "ssk_e2e0000000000000000000000000000000000000000000",
  super_secret_admin_key: "sak_e2e0000000000000000000000000000000000000000000",
  secret_api_key: "sk_e2e00000000000000000000000000000000000000000000",
};

/** Placeholders the serializer writes inside strings, and what stands in for them. */
const STRING_REPLACEMENTS = [
  [/<stripped UUID>/g, "e2e0e2e0-0000-4000-8000-000000000001"],
  [/<\$NEXT_PUBLIC_STACK_PORT_PREFIX>/g, "81"],
  [/%3C%24NEXT_PUBLIC_STACK_PORT_PREFIX%3E/g, "81"],
  [/<stripped query param>|%3Cstripped(?:\+|%20)query(?:\+|%20)param%3E/g, "e2e-stripped"],
  [/<stripped code>/g, "E2E000"],
  [/<stripped svix message id>/g, "msg_e2e000000000000000000000000"],
  [/<stripped time>/g, "1.0"],
  [/<stripped (?:interaction|auth) UID>/g, "e2e-uid"],
  [/(\w+)_<stripped [^>]*API key>/g, "$1_e2e0000000000000000000000000000000000000000"],
];

/** A body that cannot be restored: it holds a value of a kind JSON has not, or a stand-in of unknown type. */
export class Unrestorable extends Error {}

/**
 * Restores a snapshot body to JSON.
 * @returns {{ body: unknown, placeholders: { pointer: string, was: string }[] }}
 * @throws {Unrestorable}
 */
export function restoreBody(value) {
  /** @type {{ pointer: string, was: string }[]} */
  const placeholders = [];
  const restore = (node, pointer, key) => {
    if (node instanceof Placeholder) {
      const field = /^stripped field '(.+)'$/.exec(node.text)?.[1];
      if (!field || key !== field) throw new Unrestorable(`<${node.text}> at ${pointer || "(body)"}`);
      const stand = field.endsWith("_millis") ? EPOCH_MILLIS : STRIPPED_FIELDS[field];
      if (stand === undefined) throw new Unrestorable(`<${node.text}>: a stripped field of unknown type`);
      placeholders.push({ pointer, was: `<${node.text}>` });
      return stand;
    }
    if (node instanceof Instance) throw new Unrestorable(`a ${node.name} instance at ${pointer || "(body)"}`);
    if (typeof node === "string") {
      const restored = STRING_REPLACEMENTS.reduce((text, [pattern, stand]) => text.replace(pattern, stand), node);
      if (restored !== node) placeholders.push({ pointer, was: node });
      return restored;
    }
    if (Array.isArray(node)) return node.map((item, i) => restore(item, `${pointer}/${i}`, String(i)));
    if (node && typeof node === "object")
      return Object.fromEntries(
        Object.entries(node).map(([k, v]) => [
          k,
          restore(v, `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, k),
        ]),
      );
    return node;
  };
  return { body: restore(value, "", null), placeholders };
}
