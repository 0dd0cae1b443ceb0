// @vitest-environment jsdom
/**
 * Hostile Markdown/HTML, as a learner might import it into a self-learned topic: the Markdown
 * component must render it as inert text (no element that could run or navigate, no event-handler
 * attribute, no would-be script ever executing) and must stay fast on inputs built to make a
 * naive parser quadratic or exponential (huge tables, deep nesting, megabyte lines, marker floods).
 */
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Markdown } from '../../renderer/src/markdown/Markdown';
import { normalise } from '../../renderer/src/markdown/highlight';
import { parseMarkdown } from '../../renderer/src/markdown/parse';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

afterEach(cleanup);
beforeEach(() => {
  delete window.__pwned;
});

/** Renders and returns the container, failing on anything executable or navigable in the output. */
function renderInert(source: string, highlight?: string): HTMLElement {
  const { container } = render(<Markdown source={source} highlight={highlight} />);
  assertInert(container);
  return container;
}

function assertInert(container: HTMLElement): void {
  const bad = container.querySelectorAll(
    'script, iframe, frame, object, embed, img, svg, math, video, audio, source, link, meta, style, base, form, input, button, a, [href], [src], [srcdoc], [formaction], [style*="url("]',
  );
  expect([...bad].map((e) => e.outerHTML.slice(0, 80))).toEqual([]);
  const handlers: string[] = [];
  for (const el of container.querySelectorAll('*'))
    for (const attr of el.attributes) if (/^on/i.test(attr.name)) handlers.push(`${el.tagName} ${attr.name}`);
  expect(handlers).toEqual([]);
  expect(window.__pwned).toBeUndefined();
}

const HOSTILE_HTML = [
  '<script>window.__pwned = 1</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror="window.__pwned = 2">',
  '<svg onload="window.__pwned = 3"><circle r=1 /></svg>',
  '<iframe src="javascript:window.__pwned = 4"></iframe>',
  '<iframe srcdoc="<script>parent.__pwned = 5</script>"></iframe>',
  '<a href="javascript:window.__pwned = 6">click</a>',
  '<div onclick="window.__pwned = 7" onmouseover="window.__pwned = 7">hover</div>',
  '<body onload=window.__pwned=8>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=9>',
  '<object data="data:text/html,<script>parent.__pwned=10</script>"></object>',
  '<style>@import "//evil.example/x.css"; body{background:url(javascript:alert(1))}</style>',
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
].join('\n\n');

const HOSTILE_LINKS = [
  '[click me](javascript:window.__pwned=11)',
  '[data](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xMjwvc2NyaXB0Pg==)',
  '[spaced]( javascript:alert(1) "title")',
  '[ref link][r]\n\n[r]: javascript:alert(1)',
  '![image](javascript:alert(1))',
  '![x](x" onerror="window.__pwned=13)',
  '<javascript:alert(1)>',
  '<data:text/html,<script>alert(1)</script>>',
  '<https://evil.example/?q=1>',
  'https://evil.example/bare-url javascript:alert(1)',
  '[entity](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))',
  '[hex](&#x6A;avascript&#x3A;alert(1)) [tab](java\tscript:alert(1)) [nl](java&#10;script:alert(1))',
  '&lt;script&gt;window.__pwned=14&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;',
  '`<script>window.__pwned=15</script>` **<img src=x onerror=alert(1)>** *<svg onload=alert(1)>*',
  '| <script>alert(1)</script> | <img src=x onerror=alert(1)> |\n|---|---|\n| [x](javascript:alert(1)) | <iframe src=x> |',
  '- <script>alert(1)</script>\n  - <img src=x onerror=alert(1)>',
  '> <svg onload=alert(1)>\n> [x](javascript:alert(1))',
  '```html\n<script>window.__pwned=16</script>\n```',
].join('\n\n');

/**
 * Times one input: the parse alone, then parse + React render into jsdom (the inertness scan comes
 * after and is not timed).
 */
function timed(source: string): { parseMs: number; ms: number; container: HTMLElement } {
  let t = performance.now();
  parseMarkdown(source);
  const parseMs = performance.now() - t;
  t = performance.now();
  const { container } = render(<Markdown source={source} />);
  const ms = performance.now() - t;
  assertInert(container);
  return { parseMs, ms, container };
}

describe('hostile Markdown renders inert', () => {
  it('raw HTML (script, img onerror, svg onload, iframe, object, style, form, meta) stays literal text', () => {
    const container = renderInert(HOSTILE_HTML);
    const text = container.textContent ?? '';
    // Shown as the characters the learner wrote, not interpreted.
    expect(text).toContain('<script>window.__pwned = 1</script>');
    expect(text).toContain('<img src=x onerror="window.__pwned = 2">');
    expect(text).toContain('<svg onload="window.__pwned = 3">');
    expect(text).toContain('<iframe src="javascript:window.__pwned = 4"></iframe>');
  });

  it('javascript:/data: links, autolinks, images and entity tricks yield no link or image, only text', () => {
    const container = renderInert(HOSTILE_LINKS);
    const text = container.textContent ?? '';
    expect(text).toContain('[click me](javascript:window.__pwned=11)');
    expect(text).toContain('<javascript:alert(1)>');
    // Entities are not decoded into markup (React escapes whatever text there is).
    expect(text).toContain('&lt;script&gt;');
    expect(text).toContain('&#106;&#97;');
    // Code spans and fences keep their content as text.
    expect(container.querySelector('code')?.textContent).toBe('<script>window.__pwned=15</script>');
    expect(container.querySelector('pre code')?.textContent).toBe('<script>window.__pwned=16</script>');
  });

  it('a highlight (citation passage) made of hostile text marks nothing executable either', () => {
    renderInert(HOSTILE_HTML + '\n\n' + HOSTILE_LINKS, '<img src=x onerror="window.__pwned = 2">');
  });

  it('an unclosed code fence swallows the rest verbatim instead of failing or hanging', () => {
    const source =
      'Intro\n\n```js\n<script>window.__pwned=17</script>\n' + '<img src=x onerror=alert(1)>\n'.repeat(20_000);
    const { ms, container } = timed(source);
    expect(container.querySelectorAll('pre')).toHaveLength(1);
    expect(container.querySelector('pre')?.textContent).toContain('<script>window.__pwned=17</script>');
    expect(ms).toBeLessThan(1500);
  });
});

/*
 * Time bounds, each ~5× what was measured on the dev container (vitest, jsdom, cold JIT), so a
 * quadratic regression (10× the input ⇒ 100× the time; here inputs are thousands of units) fails:
 *   5,000-row table      parse ~45 ms  (bound 250)   parse + render ~700 ms (bound 3,500)
 *   1,000-deep list      parse ~5 ms   (bound 50)    parse + render ~160 ms (bound 1,000)
 *   1 MB literal line    parse ~100 ms (bound 500)   parse + render ~600 ms (bound 3,000)
 *   marker floods, deep quotes, unclosed fence: parse + render ≤ ~270 ms (bound 1,500)
 * jsdom's DOM is most of the render time (the browser test checks the real page stays responsive).
 * Before the fixes in parse.ts/highlight.ts, `*a ` × 10,000 took ~900 ms in parse alone and grew
 * quadratically, 5,000 nested `>` overflowed the stack, and matching a citation against a code
 * block of 20,000 blank lines took ~200 ms (quadratic) in `normalise`.
 */
const BOUND_MS = 1500;

describe('hostile Markdown renders in bounded time', () => {
  it('a 5,000-row pipe table', () => {
    const source =
      '| # | payload | link |\n|---|:---:|---:|\n' +
      Array.from(
        { length: 5000 },
        (_, i) => `| ${i} | <img src=x onerror=window.__pwned=${i}> | [x](javascript:alert(${i})) |`,
      ).join('\n');
    const { parseMs, ms, container } = timed(source);
    expect(container.querySelectorAll('tbody tr')).toHaveLength(5000);
    expect(parseMs).toBeLessThan(250);
    expect(ms).toBeLessThan(3500);
  });

  it('a list nested 1,000 levels deep', () => {
    const source = Array.from(
      { length: 1000 },
      (_, i) => `${'  '.repeat(i)}- level ${i} <script>window.__pwned=${i}</script>`,
    ).join('\n');
    const { parseMs, ms, container } = timed(source);
    expect(container.querySelectorAll('ul')).toHaveLength(1000);
    expect(container.querySelectorAll('li')).toHaveLength(1000);
    expect(parseMs).toBeLessThan(50);
    expect(ms).toBeLessThan(1000);
  });

  it('quotes nested 5,000 levels deep (capped: no stack overflow)', () => {
    const { ms, container } = timed('> '.repeat(5000) + '<script>window.__pwned=1</script>');
    expect(container.querySelectorAll('blockquote').length).toBeLessThanOrEqual(16);
    expect(container.textContent).toContain('<script>window.__pwned=1</script>');
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('a 1 MB single line of literal HTML', () => {
    const source = '<img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>'
      .repeat(20_000)
      .slice(0, 1_000_000);
    expect(source.length).toBe(1_000_000);
    const { parseMs, ms, container } = timed(source);
    expect(container.querySelectorAll('p')).toHaveLength(1);
    expect(parseMs).toBeLessThan(500);
    expect(ms).toBeLessThan(3000);
  });

  it('a 1 MB single line dense with Markdown: parse is fast and parse + render scales linearly', () => {
    const line = (n: number): string => 'a **b** <i onmouseover=alert(1)>c</i> `d` [1] _e_ '.repeat(20_000).slice(0, n);
    const t = performance.now();
    parseMarkdown(line(1_000_000));
    expect(performance.now() - t).toBeLessThan(500); // measured ~100 ms
    // Rendering it makes ~80,000 elements, which jsdom needs ~3.5 s for (~0.5 s per 100 KB): linear,
    // but too slow for an absolute bound, so compare: 10× the input may cost ~10× (measured ~7×),
    // where a quadratic renderer would cost ~100×.
    const small = timed(line(100_000)).ms;
    const large = timed(line(1_000_000)).ms;
    expect(large).toBeLessThan(small * 25);
  });

  const floods: Record<string, string> = {
    '10,000 *': '*'.repeat(10_000),
    '10,000 _': '_'.repeat(10_000),
    '10,000 openers "*a "': '*a '.repeat(10_000),
    '10,000 openers "_a "': '_a '.repeat(10_000),
    '10,000 openers "**a "': '**a '.repeat(10_000),
    '10,000 "*_"': '*_'.repeat(10_000),
    '10,000 "* "': '* '.repeat(10_000),
    '10,000 "`"': '`'.repeat(10_000),
    '10,000 "[1"': '[1'.repeat(10_000),
    '10,000 "\\*"': '\\*'.repeat(10_000),
    'heading of 10,000 spaces and #': '# a' + ' #'.repeat(10_000) + ' x',
    'table separator of 10,000 cells': '| a |\n|' + '---|'.repeat(10_000) + ' x',
    'line of 100,000 spaces': ' '.repeat(100_000) + 'x',
    '50,000 lazy list continuations': '- a\n' + 'b *c\n'.repeat(50_000),
  };
  for (const [name, source] of Object.entries(floods))
    it(`backtracking bait: ${name}`, () => {
      const { ms } = timed(source);
      expect(ms).toBeLessThan(BOUND_MS);
    });

  it('parse alone scales linearly on the old quadratic case (10× input costs ~10×, not ~100×)', () => {
    const time = (n: number): number => {
      const src = '*a '.repeat(n / 3);
      const t = performance.now();
      parseMarkdown(src);
      return performance.now() - t;
    };
    // Best of three, after a warm-up: measured ~8 ms for 100,000 markers and ~95 ms for 1,000,000
    // (~12×); before the fix 10,000 alone took ~900 ms, and 10× input cost ~100×.
    const best = (n: number): number => Math.max(Math.min(time(n), time(n), time(n)), 1);
    time(10_000);
    const small = best(100_000);
    const large = best(1_000_000);
    expect(large).toBeLessThan(small * 40);
  });

  it('highlight matching on 50,000 blank lines stays fast (normalise was quadratic there)', () => {
    const t = performance.now();
    normalise(' \n'.repeat(50_000));
    renderInert('```\n' + '\n'.repeat(50_000) + 'x\n```', 'x y');
    expect(performance.now() - t).toBeLessThan(BOUND_MS);
  });
});
