import { describe, expect, it } from 'vitest';
import { isSafeUrl, sanitizeMarkdown, sanitizeTitle } from '../../../electron/core/learn/sanitize';
import { cleanText, decodeImport } from '../../../electron/core/learn/textInput';
import { LearnError } from '../../../electron/core/learn/types';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof LearnError ? err.code : 'other';
  }
  return undefined;
}

describe('sanitizeMarkdown', () => {
  it('removes script, style and iframe elements with their content', () => {
    const out = sanitizeMarkdown('a <script>alert(1)</script> b <STYLE>x{}</STYLE> c <iframe src="x"></iframe> d');
    expect(out).toBe('a  b  c  d');
  });

  it('removes unclosed and reassembled tags', () => {
    expect(sanitizeMarkdown('x <script src=evil.js> y')).toBe('x  y');
    expect(sanitizeMarkdown('<scr<script></script>ipt>alert(1)</script>')).not.toMatch(/<script/i);
  });

  it('drops event-handler attributes and unsafe URLs from other tags', () => {
    const out = sanitizeMarkdown(
      '<img src="javascript:alert(1)" onerror="alert(2)" alt="pic"> <a href="https://aws.amazon.com" onclick=go()>ok</a>',
    );
    expect(out).toBe('<img alt="pic"> <a href="https://aws.amazon.com">ok</a>');
  });

  it('neutralises javascript: links but keeps their text; safe links stay', () => {
    expect(sanitizeMarkdown('see [x](javascript:alert(1)) now')).toBe('see x now');
    expect(sanitizeMarkdown('[y](&#106;avascript:alert(1))')).toBe('y');
    expect(sanitizeMarkdown('![pic](data:text/html;base64,xx)')).toBe('pic');
    expect(sanitizeMarkdown('<javascript:alert(1)>')).toBe('');
    expect(sanitizeMarkdown('[ref]: javascript:alert(1)\ntext')).toBe('\ntext');
    expect(sanitizeMarkdown('plain javascript:void(0) text')).toBe('plain void(0) text');
    const safe = 'Read [the docs](https://docs.aws.amazon.com/athena/) or [this](#top) or <https://aws.amazon.com>.';
    expect(sanitizeMarkdown(safe)).toBe(safe);
  });

  it('judges URLs by scheme, ignoring tricks with case, whitespace and entities', () => {
    expect(isSafeUrl('https://x')).toBe(true);
    expect(isSafeUrl('mailto:a@b.c')).toBe(true);
    expect(isSafeUrl('./relative/path.md')).toBe(true);
    expect(isSafeUrl('JaVa\tScRiPt:alert(1)')).toBe(false);
    expect(isSafeUrl('&#x6A;avascript&colon;alert(1)')).toBe(false);
    expect(isSafeUrl('vbscript:x')).toBe(false);
  });

  it('reads attributes after a slash or a quote as browsers do, and links with brackets in their text', () => {
    expect(sanitizeMarkdown('<img/src=x/onerror=alert(1)>')).toBe('<img/src=x/>');
    expect(sanitizeMarkdown('<a title="x"onclick="go()">t</a>')).toBe('<a title="x">t</a>');
    expect(sanitizeMarkdown('[see [the] docs](data:text/html,evil)')).not.toContain('data:');
    expect(sanitizeMarkdown('[a](data:text/html,evil "never closed')).not.toContain('data:');
    const nested = '[see [the] docs](https://aws.amazon.com)';
    expect(sanitizeMarkdown(nested)).toBe(nested);
  });

  // Imports are up to 200 KB and are cleaned on the engine's queue: each shape below took seconds
  // (quadratic backtracking: 18 s for the brackets) before the patterns were made linear.
  it.each([
    ['unclosed brackets', '['.repeat(200_000)],
    ['brackets closed once at the end', '['.repeat(200_000) + ']'],
    ['tag openers without ">"', '<a '.repeat(66_000)],
    ['scheme-like openers', '<a:'.repeat(66_000)],
    ['script openers with a wrong closer', '<script>'.repeat(25_000) + '</scriptx>'],
    ['unclosed (title)s', '[a](b ('.repeat(28_000)],
    ['a tag of whitespace', '<a' + ' '.repeat(200_000) + 'x>'],
    ['label brackets over many lines', '[\n'.repeat(100_000) + ']: x'],
  ])('stays linear on hostile input: %s', (_what, text) => {
    const t0 = performance.now();
    const out = sanitizeMarkdown(text);
    sanitizeTitle(text);
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(out).not.toMatch(/<script/i);
  });

  it('makes titles plain text', () => {
    expect(sanitizeTitle('Athena <b onclick="x()">fast</b> [docs](javascript:x)')).toBe('Athena fast docs');
  });
});

describe('text input checks', () => {
  it('rejects invalid UTF-8, UTF-16 and binary data with typed errors', () => {
    expect(codeOf(() => decodeImport(Uint8Array.from([0x41, 0xc3, 0x28, 0x42]), 1000))).toBe('encoding');
    expect(codeOf(() => decodeImport(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]), 1000))).toBe('encoding');
    expect(codeOf(() => decodeImport(Uint8Array.from([0x41, 0x00, 0x42]), 1000))).toBe('binary');
    expect(codeOf(() => decodeImport(new Uint8Array(2000).fill(0x41), 1000))).toBe('too-large');
    expect(decodeImport(Buffer.from('Athena — SQL', 'utf8'), 1000)).toBe('Athena — SQL');
  });

  it('rejects text full of control characters, repairs mojibake and tidies lines', () => {
    expect(codeOf(() => cleanText('a\u0001b\u0002c\u0003d\u0004e\u0005f'))).toBe('binary');
    expect(codeOf(() => cleanText('a\u0000b'))).toBe('binary');
    expect(cleanText('\uFEFFServerless ‚Äî pay per query\r\n\r\n\r\nend  ')).toBe('Serverless — pay per query\n\nend');
  });
});
