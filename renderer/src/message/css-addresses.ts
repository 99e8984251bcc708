import { tokenize, TokenType } from '@csstools/css-tokenizer';
import type { CSSToken } from '@csstools/css-tokenizer';
import type { UrlResolver } from './remote-content.ts';

/**
 * An email's CSS with every address it would fetch decided by `resolve`: each url() is kept, replaced or
 * turned into `none` (which reads as "no image" wherever an image is allowed), and @import is dropped (it
 * would fetch a whole sheet). The CSS is read as the browser reads it, by a tokenizer that follows the CSS
 * Syntax spec, so escapes (`@\69mport`, `u\rl(`, `\75 rl(`), comments and case hide nothing; everything
 * else is written back byte for byte. The frame's Content-Security-Policy stays the second wall.
 */
export function rewriteCssUrls(css: string, resolve: UrlResolver): string {
  const tokens = tokenize({ css });
  let out = '';
  for (let at = 0; at < tokens.length;) {
    const token = tokens[at]!;
    const name = decodedName(token);
    if (name === 'import' || name === '@import') {
      at = endOfStatement(tokens, at);
      continue;
    }
    if (token[0] === TokenType.URL) {
      out += cssUrl(resolve(String(token[4].value).trim()));
      at += 1;
    } else if (token[0] === TokenType.BadURL) {
      out += 'none';
      at += 1;
    } else if (token[0] === TokenType.Function && ADDRESS_FUNCTIONS.has(name)) {
      const end = endOfFunction(tokens, at);
      const address = tokens.slice(at + 1, end).find((inside) => inside[0] === TokenType.String);
      out += cssUrl(address ? resolve(String(address[4].value).trim()) : null);
      at = end + 1;
    } else if (token[0] === TokenType.Function && IMAGE_FUNCTIONS.has(name)) {
      // Their plain strings are addresses too; mail has no need of them, so the whole image goes.
      out += 'none';
      at = endOfFunction(tokens, at) + 1;
    } else {
      out += token[1];
      at += 1;
    }
    // A replacement must not run into the name that follows it (`url(x)no-repeat` is two tokens).
    if (/[\w-]$/.test(out) && startsName(tokens[at])) out += ' ';
  }
  return out;
}

/** Functions whose one string is the address to fetch. */
const ADDRESS_FUNCTIONS = new Set(['url', 'src']);
/** Functions that fetch the strings they are given, whatever their prefix. */
const IMAGE_FUNCTIONS = new Set(
  ['image', 'image-set', 'cross-fade', 'element'].flatMap((name) => [name, `-webkit-${name}`, `-moz-${name}`]),
);

/** The name of an at-rule, function or identifier with its escapes read, in lower case; '' for other tokens. */
function decodedName(token: CSSToken): string {
  switch (token[0]) {
    case TokenType.AtKeyword:
    case TokenType.Function:
    case TokenType.Ident:
      return token[4].value.toLowerCase();
    default:
      return '';
  }
}

function startsName(token: CSSToken | undefined): boolean {
  return token !== undefined && /^[\w\\-]/.test(token[1]);
}

/** `url("…")` with the address escaped for a CSS string, or `none` when it is not to be fetched. */
function cssUrl(address: string | null): string {
  if (address === null) return 'none';
  return `url("${address.replace(/["\\\n]/g, (c) => `\\${c === '\n' ? 'a ' : c}`)}")`;
}

const OPENERS = new Set<string>([TokenType.Function, TokenType.OpenParen, TokenType.OpenSquare, TokenType.OpenCurly]);
const CLOSERS = new Set<string>([TokenType.CloseParen, TokenType.CloseSquare, TokenType.CloseCurly]);

/** The index of the `)` that closes the function opened at `start` (the last token if it is never closed). */
function endOfFunction(tokens: readonly CSSToken[], start: number): number {
  let depth = 0;
  for (let at = start; at < tokens.length; at++) {
    const type = tokens[at]![0];
    if (OPENERS.has(type)) depth += 1;
    else if (CLOSERS.has(type) && --depth === 0) return at;
  }
  return tokens.length - 1;
}

/**
 * Where the statement that starts at `start` ends, as the browser ends an at-rule: after its `;`, after its
 * `{…}` block, or where its enclosing block closes (which is kept).
 */
function endOfStatement(tokens: readonly CSSToken[], start: number): number {
  let depth = 0;
  for (let at = start; at < tokens.length; at++) {
    const type = tokens[at]![0];
    if (OPENERS.has(type)) depth += 1;
    else if (CLOSERS.has(type)) {
      if (depth === 0) return at;
      depth -= 1;
      if (depth === 0 && type === TokenType.CloseCurly) return at + 1;
    } else if (depth === 0 && type === TokenType.Semicolon) return at + 1;
  }
  return tokens.length;
}
