// Finds, in the source of a Stack Auth e2e test file, each inline snapshot of a response and the
// `niceBackendFetch` call that response came from. Only what can be read without running the test
// is matched: the snapshot's subject is a variable (or its `.body`), its last assignment before
// the snapshot, in the same test, is `await niceBackendFetch(<literal URL>, <literal options>)`.
// Everything else is skipped with a reason.

/** @typedef {{ line: number, subject: string, bodyOnly: boolean, text: string }} Snapshot */
/** @typedef {{ method: string, url: string, accessType: string | null, at: number }} Request */

const SNAPSHOT = /\.toMatchInlineSnapshot\(/g;

/**
 * Every `toMatchInlineSnapshot(` of a file: the snapshot, or why it is not one of a response.
 * @returns {({ at: number, line: number } & ({ snapshot: Snapshot } | { skipped: string }))[]}
 */
export function snapshotsOf(source) {
  return [...source.matchAll(SNAPSHOT)].map((match) => {
    const at = match.index;
    const line = source.slice(0, at).split("\n").length;
    const test = [...source.slice(0, at).matchAll(/(?<![\w$.])(?:it|test)(?:\.(\w+))?\s*\(/g)].at(-1);
    if (test && (test[1] === "todo" || test[1] === "skip"))
      return { at, line, skipped: "the test never runs (it.todo, it.skip): its snapshot is not a response" };
    const subject = /expect\(\s*([A-Za-z_$][\w$]*)(\.body)?\s*\)\s*$/.exec(source.slice(Math.max(0, at - 200), at));
    if (!subject) return { at, line, skipped: "the snapshot is not of a variable or its .body" };
    const open = at + match[0].length;
    const rest = source.slice(open).trimStart();
    if (!rest.startsWith("`")) return { at, line, skipped: "the snapshot has no text" };
    const start = source.indexOf("`", open);
    const end = templateEnd(source, start);
    const text = source.slice(start + 1, end);
    return { at, line, snapshot: { line, subject: subject[1], bodyOnly: subject[2] !== undefined, text } };
  });
}

/**
 * What a snapshot's subject was last set to before the snapshot, in the same test and unchanged since:
 * the index of its assignment and where the assigned expression starts; or why it cannot be told.
 * @returns {{ index: number, value: number } | { skipped: string }}
 */
function assignmentOf(source, at, subject) {
  const escaped = subject.replace(/\$/g, "\\$");
  const assignment = new RegExp(`(?<![\\w$.])${escaped}\\s*=(?![=>])`, "g");
  const last = [...source.slice(0, at).matchAll(assignment)].at(-1);
  if (!last) return { skipped: "the subject is not assigned before the snapshot (a parameter or destructured)" };
  const between = source.slice(last.index, at);
  if (/\n\s*(?:it|test)(?:\.\w+)?\(|\n\s*(?:export\s+)?(?:async\s+)?function\s+[\w$]+\s*\(/.test(between))
    return { skipped: "the subject is assigned in another test or function" };
  if (new RegExp(`(?<![\\w$.])${escaped}(?:\\.[\\w$]+|\\[[^\\]]+\\])+\\s*=(?![=>])`).test(between))
    return { skipped: "the test rewrote the response before its snapshot" };
  return { index: last.index, value: skipSpace(source, last.index + last[0].length) };
}

/** Whether a snapshot's subject is a webhook Stack Auth sent, as `Webhook.findWebhookAttempt` reads it from Svix. */
export function isWebhookAttempt(source, at, subject) {
  const assigned = assignmentOf(source, at, subject);
  return "value" in assigned && /^await\s+Webhook\.findWebhookAttempt\(/.test(source.slice(assigned.value));
}

/**
 * The request a snapshot's subject answers, or why it cannot be told.
 * @returns {Request | { skipped: string }}
 */
export function requestOf(source, at, subject) {
  const assigned = assignmentOf(source, at, subject);
  if ("skipped" in assigned) return assigned;
  const call = /^await\s+niceBackendFetch\(/.exec(source.slice(assigned.value));
  if (!call) return { skipped: "the subject is not the response of niceBackendFetch" };
  const urlStart = skipSpace(source, assigned.value + call[0].length);
  const url = urlAt(source, urlStart);
  if (!url) return { skipped: "the URL is not a literal" };
  let next = skipSpace(source, url.end);
  /** @type {Record<string, string>} */
  let options = {};
  if (source[next] === ",") {
    next = skipSpace(source, next + 1);
    if (source[next] === "{") {
      const parsed = literalOptions(source, next);
      if (typeof parsed === "string") return { skipped: parsed };
      options = parsed;
    } else if (source[next] !== ")") return { skipped: "the options are not an object literal" };
  }
  const method = options.method ?? '"GET"';
  const accessType = options.accessType;
  if (!/^["'][A-Z]+["']$/i.test(method)) return { skipped: "the method is not a literal" };
  if (accessType !== undefined && !/^["'](client|server|admin)["']$|^null$/.test(accessType))
    return { skipped: "the access type is not a literal" };
  const quotedAccess = accessType && accessType !== "null" ? accessType.slice(1, -1) : null;
  return { method: method.slice(1, -1).toUpperCase(), url: url.value, accessType: quotedAccess, at: assigned.index };
}

/**
 * The URL written at `at`: a string or template literal, a template tagged `urlString` (which only
 * encodes what it interpolates), or `new URL(<literal>, STACK_BACKEND_BASE_URL)`.
 */
function urlAt(source, at) {
  if (source.startsWith("urlString`", at)) return literalAt(source, at + "urlString".length);
  const constructed = /^new\s+URL\(\s*/.exec(source.slice(at));
  if (!constructed) return literalAt(source, at);
  const url = literalAt(source, at + constructed[0].length);
  const base = url && /^\s*,\s*STACK_BACKEND_BASE_URL\s*\)/.exec(source.slice(url.end));
  return base ? { value: url.value, end: url.end + base[0].length } : undefined;
}

/** A string or template literal at `at`: its text, with each `${…}` replaced by `${}`. */
function literalAt(source, at) {
  const quote = source[at];
  if (quote === '"' || quote === "'") {
    const end = stringEnd(source, at);
    return { value: source.slice(at + 1, end), end: end + 1 };
  }
  if (quote !== "`") return undefined;
  const end = templateEnd(source, at);
  let value = "";
  for (let i = at + 1; i < end; i++) {
    if (source.startsWith("${", i)) {
      i = balancedEnd(source, i + 1, "{", "}");
      value += "${}";
    } else value += source[i];
  }
  return { value, end: end + 1 };
}

/**
 * The top-level keys of an object literal whose values are short literals, as source text; a
 * string naming why not when a key the request depends on is not written out.
 */
function literalOptions(source, at) {
  const end = balancedEnd(source, at, "{", "}");
  const text = source.slice(at + 1, end);
  /** @type {Record<string, string>} */
  const options = {};
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"' || char === "'") i = stringEnd(text, i);
    else if (char === "`") i = templateEnd(text, i);
    else if ("{[(".includes(char)) depth++;
    else if ("}])".includes(char)) depth--;
    else if (depth === 0) {
      const key = /^(method|accessType)\s*:\s*/.exec(text.slice(i));
      if (key && (i === 0 || /[\s,{]/.test(text[i - 1]))) {
        const value = /^(?:"[^"]*"|'[^']*'|null\b)/.exec(text.slice(i + key[0].length));
        if (!value) return `the ${key[1]} is not a literal`;
        options[key[1]] = value[0];
        i += key[0].length + value[0].length - 1;
      } else if (
        key === null &&
        /^(method|accessType)\s*(?:,|$)/.test(text.slice(i)) &&
        /[\s,{]/.test(text[i - 1] ?? " ")
      )
        return "the method or access type is not a literal";
      else if (/^\.\.\./.test(text.slice(i))) return "the options are spread from elsewhere";
    }
  }
  return options;
}

function skipSpace(source, at) {
  while (/\s/.test(source[at] ?? "")) at++;
  return at;
}

/** The index of the quote that closes the string starting at `at`. */
function stringEnd(source, at) {
  const quote = source[at];
  let i = at + 1;
  while (i < source.length && source[i] !== quote) i += source[i] === "\\" ? 2 : 1;
  return i;
}

/** The index of the backtick that closes the template literal starting at `at`. */
function templateEnd(source, at) {
  let i = at + 1;
  while (i < source.length && source[i] !== "`") {
    if (source[i] === "\\") i += 2;
    else if (source.startsWith("${", i)) i = balancedEnd(source, i + 1, "{", "}") + 1;
    else i++;
  }
  return i;
}

/** The index of the bracket that closes the one at `at`, skipping strings and templates. */
function balancedEnd(source, at, open, close) {
  let depth = 0;
  for (let i = at; i < source.length; i++) {
    const char = source[i];
    if (char === '"' || char === "'") i = stringEnd(source, i);
    else if (char === "`") i = templateEnd(source, i);
    else if (char === open) depth++;
    else if (char === close && --depth === 0) return i;
  }
  return source.length;
}

/** The status a body-only snapshot's response was asserted to have between its request and it, if any. */
export function assertedStatus(source, from, at, subject) {
  const escaped = subject.replace(/\$/g, "\\$");
  const match = new RegExp(`expect\\(\\s*${escaped}\\.status\\s*\\)\\.(?:toBe|toEqual)\\(\\s*(\\d{3})\\s*\\)`).exec(
    source.slice(from, at),
  );
  return match ? Number(match[1]) : undefined;
}
