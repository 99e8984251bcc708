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

const BLOCK = /^begin [0-7]{3,4} ([^\r\n]+)\r?\n((?:[^\r\n]*\r?\n)*?)end[ \t]*(?:\r?\n|$)/gm;

/** Takes `begin … end` blocks out of a plain-text body: the text without them, and the files they hold. */
export function extractUuencodedFiles(text: string): { text: string; files: UuencodedFile[] } {
  if (!text.startsWith('begin ') && !text.includes('\nbegin ')) return { text, files: [] };
  const files: UuencodedFile[] = [];
  const rest = text.replace(BLOCK, (block, name: string, body: string) => {
    const content = uudecode(body);
    if (!content) return block;
    files.push({ name: name.trim(), content });
    return '';
  });
  return { text: rest, files };
}
