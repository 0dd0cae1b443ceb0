import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../renderer/src/chat';
import { Timeline } from '../../renderer/src/components/Timeline';

const render = (messages: ChatMessage[]): string => renderToStaticMarkup(createElement(Timeline, { messages }));

describe('chat timeline', () => {
  it('is a live log with learner and tutor bubbles and citation chips', () => {
    const out = render([
      { id: 1, role: 'learner', text: 'What is <b>Glacier</b>?' },
      {
        id: 2,
        role: 'tutor',
        status: 'answer',
        response: {
          abstained: false,
          answer: '**Storage Classes** [1]\n\nGlacier is for archives.',
          citations: [
            { marker: 1, chunkId: 'c1', headingPath: ['Phase 2', 'Amazon S3', 'Storage Classes'], text: 'x' },
          ],
          ms: 3,
        },
      },
    ]);
    expect(out).toContain('role="log"');
    expect(out).toContain('class="bubble learner"');
    expect(out).toContain('What is &lt;b&gt;Glacier&lt;/b&gt;?');
    expect(out).toContain('class="bubble tutor"');
    expect(out).toContain(
      '<li class="chip" title="x"><span class="chip-marker">[1]</span> Amazon S3 › Storage Classes</li>',
    );
  });

  it('marks abstentions and errors distinctly', () => {
    const out = render([
      {
        id: 1,
        role: 'tutor',
        status: 'answer',
        response: { abstained: true, answer: "The notes don't cover this, so I won't guess.", citations: [], ms: 1 },
      },
      { id: 2, role: 'tutor', status: 'error', error: { code: 'engine-unavailable', message: 'models missing' } },
    ]);
    expect(out).toContain('class="bubble tutor abstained"');
    expect(out).toContain('Not in the notes');
    expect(out).not.toContain('class="citations"');
    expect(out).toContain('class="bubble tutor error"');
  });
});
