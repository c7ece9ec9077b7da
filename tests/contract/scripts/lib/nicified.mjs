// Reads the text of a Stack Auth e2e inline snapshot back into a value. The snapshots are written by
// stack-shared's `nicify` (apps/e2e/tests/snapshot-serializer.ts): JSON-like with trailing commas,
// `Name { … }` for class instances, `<…>` for values the serializer stripped or hid, and
// deindent`…` for strings with line breaks. Anything else (references, dates, depth cut-offs) is
// refused with a reason, so a snapshot is only used when it reads back exactly.

/** A value the serializer replaced: `<stripped field 'x'>`, `<setting cookie …>`, … (its text, without the brackets). */
export class Placeholder {
  /** @param {string} text */
  constructor(text) {
    this.text = text;
  }
}

/** An instance printed with its class name, e.g. `NiceResponse { … }` or `Headers { … }`. */
export class Instance {
  /** @param {string} name @param {Record<string, unknown>} fields @param {boolean} hidden */
  constructor(name, fields, hidden) {
    this.name = name;
    this.fields = fields;
    /** Whether the serializer hid some of its fields (`<some fields may have been hidden>`). */
    this.hidden = hidden;
  }
}

const HIDDEN = "some fields may have been hidden";

/** Undoes the escaping of a template literal's text (`\\`, `` \` ``, `\${`). */
export function unescapeTemplate(text) {
  return text.replace(/\\([\\`$])/g, "$1");
}

/**
 * Parses the text of one snapshot (already unescaped from its template literal).
 * @returns {unknown} the value; plain objects for `{ … }`, {@link Instance} for a named one
 * @throws {Error} naming what it cannot read
 */
export function parseNicified(text) {
  const reader = new Reader(text);
  const value = reader.value();
  reader.skipSpace();
  if (!reader.done()) reader.fail("text after the value");
  return value;
}

class Reader {
  /** @param {string} text */
  constructor(text) {
    this.text = text;
    this.at = 0;
  }

  done() {
    return this.at >= this.text.length;
  }

  fail(what) {
    throw new Error(`${what} at ${JSON.stringify(this.text.slice(this.at, this.at + 40))}`);
  }

  skipSpace() {
    while (!this.done() && /\s/.test(this.text[this.at])) this.at++;
  }

  /** @param {string} token */
  eat(token) {
    this.skipSpace();
    if (!this.text.startsWith(token, this.at)) return false;
    this.at += token.length;
    return true;
  }

  value() {
    this.skipSpace();
    const rest = this.text.slice(this.at);
    const literal = /^(?:-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w.])|true\b|false\b|null\b)/i.exec(rest);
    if (literal) {
      this.at += literal[0].length;
      return JSON.parse(literal[0]);
    }
    if (rest.startsWith('"')) return this.string();
    if (rest.startsWith("deindent`")) return this.deindented();
    if (rest.startsWith("<")) return new Placeholder(this.angled());
    if (rest.startsWith("[")) return this.array();
    if (rest.startsWith("{")) return this.object(null);
    const named = /^([A-Z]\w*) \{/.exec(rest);
    if (named) {
      this.at += named[1].length;
      return this.object(named[1]);
    }
    return this.fail("a value nicify writes that is not read back (undefined, a reference, a date, a cut-off)");
  }

  /** A JSON string. */
  string() {
    const match = /^"(?:[^"\\]|\\.)*"/.exec(this.text.slice(this.at));
    if (!match) return this.fail("an unterminated string");
    this.at += match[0].length;
    return JSON.parse(match[0]);
  }

  /** `<…>`, nested brackets and quoted text included; returns the text between the outer brackets. */
  angled() {
    const start = this.at;
    let depth = 0;
    while (!this.done()) {
      const char = this.text[this.at];
      if (char === '"') {
        this.string();
        continue;
      }
      this.at++;
      if (char === "<") depth++;
      else if (char === ">" && --depth === 0) return this.text.slice(start + 1, this.at - 1);
    }
    return this.fail("an unterminated <…>");
  }

  /** deindent`…`, optionally followed by `+ "\n"`, as nicify writes a string with line breaks. */
  deindented() {
    this.at += "deindent`".length;
    // Its text is escaped once more than the snapshot's: a backtick in it reads \`.
    const closing = /(?<!\\)(?:\\\\)*`/.exec(this.text.slice(this.at));
    if (!closing) return this.fail("an unterminated deindent`…`");
    const close = this.at + closing.index + closing[0].length - 1;
    const lines = this.text.slice(this.at, close).split("\n").slice(1, -1);
    this.at = close + 1;
    const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)[0].length));
    let value = unescapeTemplate(lines.map((line) => line.slice(indent)).join("\n"));
    if (this.eat('+ "\\n"')) value += "\n";
    return value;
  }

  array() {
    this.eat("[");
    const items = [];
    while (!this.eat("]")) {
      items.push(this.value());
      if (!this.eat(",") && !this.text.slice(this.at).trimStart().startsWith("]")) this.fail("a list item");
    }
    return items;
  }

  /** @param {string | null} name */
  object(name) {
    this.eat("{");
    /** @type {Record<string, unknown>} */
    const fields = {};
    let hidden = false;
    while (!this.eat("}")) {
      this.skipSpace();
      if (this.text.startsWith(`<${HIDDEN}>`, this.at)) {
        this.at += HIDDEN.length + 2;
        hidden = true;
      } else {
        const key = this.string();
        if (!this.eat(":")) this.fail("a colon after a key");
        fields[key] = this.value();
      }
      if (!this.eat(",") && !this.text.slice(this.at).trimStart().startsWith("}")) this.fail("an object entry");
    }
    if (name) return new Instance(name, fields, hidden);
    if (hidden) this.fail("hidden fields in a plain object");
    return fields;
  }
}
