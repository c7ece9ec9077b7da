/** One part of a multipart form: text (typed `type` where given, such as JSON's), or a file under `filename`. */
export type FormPart =
  | { readonly name: string; readonly text: string; readonly type?: string }
  | { readonly name: string; readonly file: Blob; readonly filename: string };

/**
 * A `multipart/form-data` body of `parts`, written as the HTML standard's multipart/form-data encoding algorithm writes
 * a FormData (line breaks in names and text made CRLF; `"`, CR and LF in a name or filename escaped as `%22`, `%0D`,
 * `%0A`; other text as UTF-8), but with what FormData cannot say: a text part's own `Content-Type`
 * (`application/json`), which FormData gives a part only by making it a file, with a filename. A `Blob` whose `type` is
 * the form's, boundary included, which fetch sends as the request's `Content-Type` when none is set, and whose files
 * are read as it is sent, not copied, on every runtime (Node, Bun, Deno, workerd, browsers).
 */
export function multipartBody(parts: Iterable<FormPart>): Blob {
  const boundary = `----keyway-${randomHex()}`;
  const chunks: BlobPart[] = [];
  for (const part of parts) {
    const disposition = `--${boundary}\r\nContent-Disposition: form-data; name="${escapedName(part.name)}"`;
    if ("file" in part) {
      // The File API blanks a type with a character outside printable ASCII (Node, Bun and Deno do); one that did not
      // could add a header here.
      const type = /^[\x20-\x7e]+$/.test(part.file.type) ? part.file.type : "application/octet-stream";
      chunks.push(
        `${disposition}; filename="${escapedQuoted(part.filename)}"\r\nContent-Type: ${type}\r\n\r\n`,
        part.file,
        "\r\n",
      );
    } else {
      const type = part.type ? `\r\nContent-Type: ${part.type}` : "";
      chunks.push(`${disposition}${type}\r\n\r\n${withCrlf(part.text)}\r\n`);
    }
  }
  chunks.push(`--${boundary}--\r\n`);
  return new Blob(chunks, { type: `multipart/form-data; boundary=${boundary}` });
}

/** A field's name in its part's header: its line breaks made CRLF (as a FormData's entries are), then escaped. */
function escapedName(name: string): string {
  return escapedQuoted(withCrlf(name));
}

/** Text in a quoted header parameter, as the HTML standard escapes it: `"` `%22`, CR `%0D`, LF `%0A`. */
function escapedQuoted(text: string): string {
  return /["\r\n]/.test(text) ? text.replace(/["\r\n]/g, (character) => QUOTED_ESCAPES[character]!) : text;
}

const QUOTED_ESCAPES: { readonly [character: string]: string } = { '"': "%22", "\r": "%0D", "\n": "%0A" };

/** `text` with each CR, LF or CRLF as CRLF, as the HTML standard writes a form's names and text values. */
function withCrlf(text: string): string {
  return /[\r\n]/.test(text) ? text.replace(/\r\n|\r|\n/g, "\r\n") : text;
}

/** 24 random hex digits: a boundary no part's bytes are going to hold by chance. */
function randomHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
