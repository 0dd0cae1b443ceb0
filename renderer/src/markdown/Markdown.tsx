import { Fragment, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline, type ListBlock } from './parse';

/**
 * Renders Markdown as React elements only. Text goes through React's escaping and no HTML string
 * is ever injected (no dangerouslySetInnerHTML), so `<script>` or `javascript:` in an answer is
 * shown as the literal text it is.
 */
export function Markdown({ source }: { source: string }): ReactNode {
  return <div className="markdown">{parseMarkdown(source).map(renderBlock)}</div>;
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return <p key={key}>{renderInlines(block.content)}</p>;
    case 'heading': {
      // Inside a chat bubble the largest heading is an h3: the page's h1 is the app title.
      const Tag = (['h3', 'h4', 'h5', 'h6'] as const)[Math.min(block.level, 4) - 1];
      return <Tag key={key}>{renderInlines(block.content)}</Tag>;
    }
    case 'list':
      return renderList(block, key);
    case 'quote':
      return <blockquote key={key}>{block.blocks.map(renderBlock)}</blockquote>;
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
                <tr key={r}>
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

function renderList(list: ListBlock, key: number): ReactNode {
  const items = list.items.map((item, i) => (
    <li key={i}>
      {renderInlines(item.content)}
      {item.children.map(renderList)}
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
