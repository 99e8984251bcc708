import { describe, expect, it } from 'vitest';
import { rewriteCssUrls } from '../../renderer/src/message/css-addresses.ts';
import { contentIdOf, framePolicy, urlKind } from '../../renderer/src/message/remote-content.ts';
import type { UrlResolver } from '../../renderer/src/message/remote-content.ts';
import { formatFileSize } from '../../renderer/src/common/file-size.ts';

describe('what a URL in an email would fetch', () => {
  const cases = [
    ['data:image/png;base64,AAAA', 'data'],
    ['DATA:image/gif;base64,AAAA', 'data'],
    ['data:text/html,<script>', 'other'],
    ['cid:plan@example.com', 'cid'],
    ['https://images.example.com/a.png', 'remote'],
    [' HTTPS://images.example.com/a.png', 'remote'],
    ['http://tracker.example.com/p.gif', 'insecure'],
    ['//tracker.example.com/p.gif', 'insecure'],
    ['logo.png', 'other'],
    ['/api/invoke/session/get', 'other'],
    ['javascript:alert(1)', 'other'],
  ] as const;
  for (const [url, kind] of cases) it(`${url} is ${kind}`, () => expect(urlKind(url)).toBe(kind));

  it('reads the Content-ID of a cid: URL as stored, escapes and brackets aside', () => {
    expect(contentIdOf('cid:Plan@Example.com')).toBe('plan@example.com');
    expect(contentIdOf('cid:%3Cplan%40example.com%3E')).toBe('plan@example.com');
    expect(contentIdOf('cid:%E0%A4%A')).toBe('%e0%a4%a');
  });
});

describe('style sheets in an email', () => {
  const resolve: UrlResolver = (url) => (url.startsWith('cid:') ? 'data:image/png;base64,AA' : null);

  it('resolves every url(), quoted or not, and drops @import', () => {
    const css = `@import url("https://x.example/a.css"); .a { background: #fff url(https://x.example/b.png) no-repeat }
      .b { background-image: url('cid:plan') } .c { list-style: url( "http://x.example/c.png" ) }`;
    const rewritten = rewriteCssUrls(css, resolve);
    expect(rewritten).not.toContain('x.example');
    expect(rewritten).toContain('background: #fff none no-repeat');
    expect(rewritten).toContain('background-image: url("data:image/png;base64,AA")');
    expect(rewritten).not.toContain('@import');
  });

  // Each hides an address from a pattern looking for "@import" or "url(": CSS escapes (\\40 is "@", \\69 "i",
  // \\75 "u", a backslash before any other letter is that letter), comments, case, and functions other than
  // url() that take an address. A browser reads every one of them as the fetch it spells.
  const hidden = [
    '@\\69mport "https://tracker.example/a.css"; p { color: red }',
    '@IMPORT url(https://tracker.example/a.css); p { color: red }',
    '@import/**/"https://tracker.example/a.css"; p { color: red }',
    '@media screen { @import "https://tracker.example/a.css"; } p { color: red }',
    '\\40 import url(https://tracker.example/a.css); p { color: red }',
    'p { color: red; background: u\\rl(https://tracker.example/b.png) }',
    'p { color: red; background: \\75 rl(https://tracker.example/b.png) }',
    'p { color: red; background: U\\52 L( https://tracker.example/b.png ) }',
    'p { color: red; background: url(/* x */"https://tracker.example/b.png") }',
    'p { color: red; background: u\\rl("https://tracker.example/b.png") }',
    "p { color: red; background: url('https://tracker.ex\\61mple/b.png') }",
    'p { color: red; background: image-set("https://tracker.example/b.png" 1x) }',
    'p { color: red; background: -webkit-image-set("https://tracker.example/b.png" 1x) }',
    'p { color: red; background: cross-fade(url(cid:plan), "https://tracker.example/b.png", 50%) }',
    'p { color: red; background: src("https://tracker.example/b.png") }',
    'p { color: red; background: url(https://tracker.example/b.png\\) }',
  ];
  for (const css of hidden) {
    it(`fetches nothing from ${css}`, () => {
      const rewritten = rewriteCssUrls(css, resolve);
      expect(rewritten).not.toMatch(/tracker|ex\\61mple/);
      expect(rewritten).not.toMatch(/import/i);
      expect(rewritten).toContain('color: red');
    });
  }

  it('keeps what the mail styles, escapes and all, where nothing is fetched', () => {
    const css = '.a\\:b { content: "\\201C"; color: #333 } /* note */ .c { background: url(cid:plan) 0 0/cover }';
    expect(rewriteCssUrls(css, resolve)).toBe(
      '.a\\:b { content: "\\201C"; color: #333 } /* note */ .c { background: url("data:image/png;base64,AA") 0 0/cover }',
    );
  });

  it('cannot be broken out of by a quote in a resolved address', () => {
    expect(rewriteCssUrls('a{b:url(x)}', () => 'https://e.example/a") ; x: url("y')).toBe(
      'a{b:url("https://e.example/a\\") ; x: url(\\"y")}',
    );
  });

  it('gives the frame a policy of its own that lets https images in only when asked', () => {
    expect(framePolicy(false)).toContain('img-src data:;');
    expect(framePolicy(true)).toContain('img-src data: https:;');
    expect(framePolicy(true)).toContain("default-src 'none'");
  });
});

describe('file sizes', () => {
  for (const [bytes, text] of [
    [0, '0 bytes'],
    [1, '1 byte'],
    [812, '812 bytes'],
    [14_336, '14 KB'],
    [3_355_443, '3.2 MB'],
    [25 * 1024 * 1024, '25 MB'],
  ] as const) {
    it(`shows ${bytes} as ${text}`, () => expect(formatFileSize(bytes)).toBe(text));
  }
});
