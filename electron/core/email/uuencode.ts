/**
 * uuencode, as older mailers and scripts still send files: a part with `Content-Transfer-Encoding:
 * x-uuencode`, or a `begin 644 report.csv … end` block in a plain-text body. mailparser passes both through
 * as text; an agent wants the file.
 */

/** The bytes of uuencoded lines (with or without their begin and end lines), or null when they are not uuencode. */
export function uudecode(text: string): Buffer | null {
  const lines = text.split(/\r?\n/);
  const begin = lines.findIndex((line) => line.trim() !== '');
  if (begin >= 0 && /^begin\s+[0-7]{3,4}\s/.test(lines[begin]!)) lines.splice(0, begin + 1);
  const chunks: Buffer[] = [];
  for (const line of lines) {
    if (line === '' || line === 'end') continue;
    const length = (line.charCodeAt(0) - 32) & 63;
    if (length === 0) break;
    const decoded = decodeLine(line, length);
    if (!decoded) return null;
    chunks.push(decoded);
  }
  return chunks.length ? Buffer.concat(chunks) : null;
}

function decodeLine(line: string, length: number): Buffer | null {
  const out = Buffer.alloc(length);
  // Some encoders drop trailing spaces; a missing character is a zero.
  const value = (i: number) => {
    const code = i < line.length ? line.charCodeAt(i) : 32;
    return code >= 32 && code <= 96 ? (code - 32) & 63 : -1;
  };
  let written = 0;
  for (let i = 1; written < length; i += 4) {
    const [a, b, c, d] = [value(i), value(i + 1), value(i + 2), value(i + 3)];
    if (a < 0 || b < 0 || c < 0 || d < 0) return null;
    const bytes = [(a << 2) | (b >> 4), ((b & 15) << 4) | (c >> 2), ((c & 3) << 6) | d];
    for (const byte of bytes) if (written < length) out[written++] = byte & 255;
  }
  return out;
}

export interface UuencodedFile {
  readonly name: string;
  readonly content: Buffer;
}

const BEGIN = /^begin [0-7]{3,4} (.+)$/;
const END = /^end[ \t]*$/;

/**
 * Takes `begin … end` blocks out of a plain-text body: the text without them, and the files they hold. One pass
 * over the lines: a `begin` with no `end` after it ends the search, so no text costs more than one reading.
 */
export function extractUuencodedFiles(text: string): { text: string; files: UuencodedFile[] } {
  if (!text.startsWith('begin ') && !text.includes('\nbegin ')) return { text, files: [] };
  const lines = text.split('\n');
  const bare = (i: number) => lines[i]!.replace(/\r$/, '');
  const kept: string[] = [];
  const files: UuencodedFile[] = [];
  let at = 0;
  while (at < lines.length) {
    const begin = BEGIN.exec(bare(at));
    if (!begin) {
      kept.push(lines[at++]!);
      continue;
    }
    let end = at + 1;
    while (end < lines.length && !END.test(bare(end))) end++;
    if (end === lines.length) {
      for (; at < lines.length; at++) kept.push(lines[at]!);
      break;
    }
    const content = uudecode(lines.slice(at + 1, end).join('\n'));
    if (content) files.push({ name: begin[1]!.trim(), content });
    else for (let line = at; line <= end; line++) kept.push(lines[line]!);
    at = end + 1;
  }
  return files.length ? { text: kept.join('\n'), files } : { text, files };
}
