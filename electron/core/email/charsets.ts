import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';
import { detectAll } from 'jschardet';

/**
 * Reading header bytes whose charset nobody states: raw 8-bit bytes in a header (RFC 6532 allows only UTF-8
 * there; old mailers wrote GB2312, Shift_JIS or Latin-1), and encoded words whose bytes do not fit the charset
 * they name. The message's own declared charsets come first, then UTF-8, then what a detector makes of the
 * bytes themselves, and Windows-1252 (which reads any byte) last, so nothing is ever refused.
 */

/** Charsets that cannot hold 8-bit bytes; raw bytes in such a message are in the charset's 8-bit sibling. */
const JAPANESE = /^(iso-?2022-?jp.*|csiso2022jp|shift[_-]?jis|sjis|cp932|windows-31j|ms932|x-sjis|euc-?jp)$/i;
const JAPANESE_FALLBACKS = ['shift_jis', 'euc-jp'];
const LAST_RESORT = 'windows-1252';

type Decode = (bytes: Uint8Array) => string;

/**
 * A strict decoder for the charset: Node's own (the WHATWG set), else iconv-lite's (CP949, TIS-620, UTF-7 …),
 * whose replacement characters count as a failure. Null for a charset neither knows ("unknown-8bit").
 */
export function decoderFor(charset: string): Decode | null {
  const name = charset.trim().toLowerCase();
  try {
    const decoder = new TextDecoder(name, { fatal: true });
    return (bytes) => decoder.decode(bytes);
  } catch {
    if (!iconv.encodingExists(name)) return null;
    return (bytes) => {
      const text = iconv.decode(Buffer.from(bytes), name);
      if (text.includes('\ufffd')) throw new Error(`not ${name}`);
      return text;
    };
  }
}

/** The bytes in that charset, or null when they do not fit it (or it is unknown). */
export function decodes(bytes: Uint8Array, charset: string): string | null {
  const decode = decoderFor(charset);
  if (!decode) return null;
  try {
    return decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The charsets to try first for header bytes that do not fit where they are: what the message itself declares
 * (its Content-Type, else the first charset named in any part), Japanese mail's 8-bit encodings when the
 * message is Japanese (Zammad's order), then UTF-8.
 */
export function fallbackCharsets(declared: readonly string[]): string[] {
  const chain: string[] = [];
  for (const charset of declared) {
    if (JAPANESE.test(charset)) chain.push(...JAPANESE_FALLBACKS);
    else if (!/^(us-)?ascii$/i.test(charset)) chain.push(charset.toLowerCase());
  }
  chain.push('utf-8');
  return [...new Set(chain)];
}

/** The charset a detector reads the bytes as, when they decode in it; its best guess, however short the text. */
export function detectedCharset(bytes: Uint8Array): string | null {
  for (const { encoding } of detectAll(Buffer.from(bytes)).slice(0, 3)) {
    if (encoding && !/^(ascii|utf-8)$/i.test(encoding) && decodes(bytes, encoding) !== null) return encoding;
  }
  return null;
}

/** The bytes as text: in the first charset of the chain they fit, else as detected, else as Windows-1252. */
export function decodeWithFallbacks(bytes: Uint8Array, chain: readonly string[]): string {
  for (const charset of chain) {
    const text = decodes(bytes, charset);
    if (text !== null) return text;
  }
  const detected = detectedCharset(bytes);
  return (detected && decodes(bytes, detected)) ?? new TextDecoder(LAST_RESORT).decode(bytes);
}
