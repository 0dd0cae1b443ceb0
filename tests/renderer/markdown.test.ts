import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../renderer/src/markdown/Markdown';
import { parseMarkdown } from '../../renderer/src/markdown/parse';

const html = (source: string): string => renderToStaticMarkup(createElement(Markdown, { source }));

describe('markdown renderer', () => {
  it('renders paragraphs, bold, italic, code and citation markers', () => {
    expect(html('**Amazon S3** [1]\n\nStores *objects* in `buckets`.\nSecond line.')).toBe(
      '<div class="markdown"><p><strong>Amazon S3</strong> <sup class="md-cite">[1]</sup></p>' +
        '<p>Stores <em>objects</em> in <code>buckets</code>. Second line.</p></div>',
    );
  });

  it('leaves snake_case and lone asterisks alone', () => {
    expect(html('use max_items_count and 2 * 3 * 4')).toBe(
      '<div class="markdown"><p>use max_items_count and 2 * 3 * 4</p></div>',
    );
  });

  it('renders bullet and numbered lists, nested by indentation', () => {
    const out = html(
      '- **EC2**: virtual servers\n  - General Purpose (e.g., t3)\n  - Compute Optimized\n- S3\n\n1. First\n2. Second',
    );
    expect(out).toBe(
      '<div class="markdown"><ul><li><strong>EC2</strong>: virtual servers' +
        '<ul><li>General Purpose (e.g., t3)</li><li>Compute Optimized</li></ul></li><li>S3</li></ul>' +
        '<ol><li>First</li><li>Second</li></ol></div>',
    );
  });

  it('keeps an ordered list start and joins lazy continuation lines', () => {
    expect(html('3. Third\n   still third\n4. Fourth')).toBe(
      '<div class="markdown"><ol start="3"><li>Third still third</li><li>Fourth</li></ol></div>',
    );
  });

  it('renders pipe tables with header, alignment and padded rows', () => {
    const out = html('| Feature | ALB | NLB |\n| --- | :---: | ---: |\n| OSI Layer | 7 | 4 |\n| **Routing** | Yes |');
    expect(out).toContain('<thead><tr><th scope="col">Feature</th>');
    expect(out).toContain('<th scope="col" style="text-align:center">ALB</th>');
    expect(out).toContain('<td style="text-align:right">4</td>');
    expect(out).toContain('<tr><td><strong>Routing</strong></td><td style="text-align:center">Yes</td>');
    // Extra cells are dropped: every row has the header's column count.
    const [table] = parseMarkdown('| a | b |\n|---|---|\n| 1 | 2 | 3 |');
    expect(table.type === 'table' && table.rows.map((r) => r.length)).toEqual([2]);
  });

  it('renders headings below the page title level', () => {
    expect(html('# Title\n### Sub')).toBe('<div class="markdown"><h3>Title</h3><h5>Sub</h5></div>');
  });

  it('shows HTML and script URLs as inert text', () => {
    const out = html('<script>alert(1)</script> and <img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('href');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('[click](javascript:alert(1))');
  });

  it('keeps escaped markup characters literal', () => {
    expect(html('\\*not italic\\* and a \\| pipe')).toBe(
      '<div class="markdown"><p>*not italic* and a | pipe</p></div>',
    );
  });
  it('renders a blockquote with Markdown inside, never a literal ">"', () => {
    const out = html('Not quite.\n\n> **Flexibility**: choose the mix.\n> Second line');
    expect(out).toContain('<blockquote><p><strong>Flexibility</strong>: choose the mix. Second line</p></blockquote>');
    expect(out).not.toContain('&gt;');
  });
});
