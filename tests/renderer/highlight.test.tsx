// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { highlightedNodes, normalise } from '../../renderer/src/markdown/highlight';
import { Markdown } from '../../renderer/src/markdown/Markdown';
import { parseMarkdown } from '../../renderer/src/markdown/parse';

afterEach(cleanup);

const marked = (source: string, highlight: string): string[] => {
  const { container } = render(<Markdown source={source} highlight={highlight} />);
  return [...container.querySelectorAll('[data-highlight]')].map((e) => e.textContent ?? '');
};

describe('passage highlighting', () => {
  it('compares normalised text: case, markers, punctuation and spacing ignored', () => {
    expect(normalise('- **Security Groups**:  are *stateful*!')).toBe('security groups are stateful');
  });

  it('marks the list items a chunk quotes, not their neighbours', () => {
    const source = 'Intro.\n\n- **A** first item here\n- **B** second item here\n- C third item here';
    expect(marked(source, '- **B** second item here\n- C third item here')).toEqual([
      'B second item here',
      'C third item here',
    ]);
  });

  it('marks paragraphs and table rows, even with the repeated table header', () => {
    const source =
      'Para one is here.\n\nPara two is here.\n\n| Type | Use |\n|---|---|\n| Standard | hot data |\n| Glacier | archive |';
    expect(marked(source, '| Type | Use |\n|---|---|\n| Glacier | archive |')).toEqual(['Glacierarchive']);
    expect(marked(source, 'Para two is here.')).toEqual(['Para two is here.']);
  });

  it('marks the paragraph holding a passage cut from it, and nothing for an unknown passage', () => {
    const source = 'First sentence of a long paragraph. Second sentence that the chunk holds alone.';
    expect(marked(source, 'Second sentence that the chunk holds alone.')).toHaveLength(1);
    expect(marked(source, 'Something entirely different.')).toEqual([]);
    expect(highlightedNodes(parseMarkdown(source), null).size).toBe(0);
  });

  it('does not mark short items by accident', () => {
    expect(marked('- S3\n- EC2 instances and more', 'Amazon S3 offers storage.')).toEqual([]);
  });
});

describe('fenced code', () => {
  it('renders a fenced block verbatim, never as Markdown or HTML', () => {
    const { container } = render(<Markdown source={'Run:\n\n```bash\necho "**hi**" <b>x</b>\n```\nafter'} />);
    const code = container.querySelector('pre.md-code code');
    expect(code?.textContent).toBe('echo "**hi**" <b>x</b>');
    expect(container.querySelector('b, strong')).toBeNull();
    expect(container.querySelectorAll('p')).toHaveLength(2);
  });
});
