/**
 * Mail arrives with LF (Unix, mbox), CRLF (the wire, IMAP, Windows) and CR alone (classic Mac OS mailers and
 * what they saved). The header reader and mailparser know LF and CRLF; a CR-only message would read as one
 * endless header line, with no sender, no subject and no body. Such a message is read with each bare CR as a
 * CRLF; the stored raw message keeps its own bytes.
 */

const CR = 0x0d;
const LF = 0x0a;
/** How far into a message its first line break is looked for: a header line is far shorter. */
const FIRST_BREAK_WITHIN = 64 * 1024;

/** Whether the message's lines end in CR alone: its first line break is a CR not followed by an LF. */
export function endsLinesWithCrAlone(raw: Buffer): boolean {
  const head = raw.subarray(0, FIRST_BREAK_WITHIN);
  const cr = head.indexOf(CR);
  if (cr < 0) return false;
  const lf = head.indexOf(LF);
  return (lf < 0 || cr < lf) && raw[cr + 1] !== LF;
}

/** Every bare CR as CR LF (CR LF pairs as they are). */
function crToCrlf(raw: Buffer): Buffer {
  let bare = 0;
  for (let at = raw.indexOf(CR); at >= 0; at = raw.indexOf(CR, at + 1)) if (raw[at + 1] !== LF) bare++;
  const out = Buffer.allocUnsafe(raw.length + bare);
  let from = 0;
  let to = 0;
  for (let at = raw.indexOf(CR); at >= 0; at = raw.indexOf(CR, at + 1)) {
    if (raw[at + 1] === LF) continue;
    to += raw.copy(out, to, from, at + 1);
    out[to++] = LF;
    from = at + 1;
  }
  raw.copy(out, to, from);
  return out;
}

/** The message with line feeds the readers understand: itself unless its lines end in CR alone. */
export function withLineFeeds(raw: Buffer): Buffer {
  return endsLinesWithCrAlone(raw) ? crToCrlf(raw) : raw;
}
