/**
 * What a server's URL parser reads for `value` sent where `allowReserved` keeps its percent-encoded triples (RFC 6570's
 * reserved expansion): each triple decoded once, as UTF-8 where it spells some (`%C3%A9`, é) and U+FFFD where it does
 * not (`%ab`), everything else as it is; `value` itself where reserved characters are not kept.
 */
export function readBack(value: string, allowReserved: boolean): string {
  if (!allowReserved) return value;
  const sent = value
    .split(/(%[0-9A-Fa-f]{2})/)
    .map((piece, index) => (index % 2 === 1 ? piece : encodeURIComponent(piece)))
    .join("");
  return new URLSearchParams(`v=${sent}`).get("v")!;
}
