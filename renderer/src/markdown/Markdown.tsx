import { Fragment, useMemo, type ReactNode } from 'react';
import { highlightedNodes } from './highlight';
import { parseMarkdown, type Block, type Inline, type ListBlock } from './parse';

/**
 * Renders Markdown as React elements only. Text goes through React's escaping and no HTML string
 * is ever injected (no dangerouslySetInnerHTML), so `<script>` or `javascript:` in an answer is
 * shown as the literal text it is.
 */
export function Markdown({ source, highlight }: { source: string; highlight?: string | null }): ReactNode {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  const hl = useMemo(() => highlightedNodes(blocks, highlight), [blocks, highlight]);
  return <div className="markdown">{blocks.map((b, i) => renderBlock(b, i, hl))}</div>;
}

/** Marks the passage a citation quotes; the reader scrolls to the first `[data-highlight]`. */
const HL = { className: 'md-hl', 'data-highlight': 'true' } as const;

function renderBlock(block: Block, key: number, hl: Set<object>): ReactNode {
  switch (block.type) {
    case 'paragraph': {
      const p = <p key={key}>{renderInlines(block.content)}</p>;
      return hl.has(block) ? (
        <div key={key} {...HL}>
          {p}
        </div>
      ) : (
        p
      );
    }
    case 'code': {
      const pre = (
        <pre key={key} className="md-code">
          <code>{block.text}</code>
        </pre>
      );
      return hl.has(block) ? (
        <div key={key} {...HL}>
          {pre}
        </div>
      ) : (
        pre
      );
    }
    case 'heading': {
      // Inside a chat bubble the largest heading is an h3: the page's h1 is the app title.
      const Tag = (['h3', 'h4', 'h5', 'h6'] as const)[Math.min(block.level, 4) - 1];
      return <Tag key={key}>{renderInlines(block.content)}</Tag>;
    }
    case 'list':
      return renderList(block, key, hl);
    case 'quote':
      return <blockquote key={key}>{block.blocks.map((b, i) => renderBlock(b, i, hl))}</blockquote>;
    case 'table':
      return (
        <div className="md-table" key={key}>
          <table>
            <thead>
              <tr>
                {block.header.map((cell, c) => (
                  <th key={c} scope="col" style={alignStyle(block.align[c])}>
                    {renderInlines(cell)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r} {...(hl.has(row) ? HL : {})}>
                  {row.map((cell, c) => (
                    <td key={c} style={alignStyle(block.align[c])}>
                      {renderInlines(cell)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

function renderList(list: ListBlock, key: number, hl: Set<object>): ReactNode {
  const items = list.items.map((item, i) => (
    <li key={i} {...(hl.has(item) ? HL : {})}>
      {renderInlines(item.content)}
      {item.children.map((l, j) => renderList(l, j, hl))}
    </li>
  ));
  if (!list.ordered) return <ul key={key}>{items}</ul>;
  return (
    <ol key={key} start={list.start === 1 ? undefined : list.start}>
      {items}
    </ol>
  );
}

function alignStyle(align: 'left' | 'center' | 'right' | null): { textAlign: 'left' | 'center' | 'right' } | undefined {
  return align ? { textAlign: align } : undefined;
}

function renderInlines(nodes: Inline[]): ReactNode {
  return nodes.map((node, i) => <Fragment key={i}>{renderInline(node)}</Fragment>);
}

function renderInline(node: Inline): ReactNode {
  switch (node.type) {
    case 'text':
      return node.text;
    case 'strong':
      return <strong>{renderInlines(node.children)}</strong>;
    case 'em':
      return <em>{renderInlines(node.children)}</em>;
    case 'code':
      return <code>{node.text}</code>;
    case 'cite':
      return <sup className="md-cite">[{node.marker}]</sup>;
  }
}
