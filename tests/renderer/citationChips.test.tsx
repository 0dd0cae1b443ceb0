// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chipsFromCitations, chipsFromRefs, itemsFromEvent } from '../../renderer/src/chat';
import { CitationChips } from '../../renderer/src/components/CitationChips';
import { ASK } from './fakeApi';

afterEach(cleanup);

describe('CitationChips', () => {
  it('lists the sources as buttons; a click opens the cited chunk', async () => {
    const onOpen = vi.fn();
    render(<CitationChips sources={chipsFromCitations(ASK.citations)} onOpen={onOpen} />);
    const list = screen.getByRole('list', { name: 'Sources' });
    const chip = within(list).getByRole('button', { name: '[1] Amazon VPC › Security Groups vs NACLs' });
    await userEvent.click(chip);
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ chunkId: 'chunk-sg' }));
  });

  it('renders nothing without sources', () => {
    const { container } = render(<CitationChips sources={[]} onOpen={() => {}} />);
    expect(container.innerHTML).toBe('');
  });

  it('numbers a tutor answer’s refs and keeps a lesson message’s quote for the reader', () => {
    const refs = [{ sectionId: 's1', chunkId: 'c1', headingPath: ['P', 'A'] }];
    expect(chipsFromRefs(refs, true)[0]).toMatchObject({ marker: 1, chunkId: 'c1', sectionId: 's1', label: 'A' });
    const [message] = itemsFromEvent({ type: 'message', role: 'tutor', markdown: 'quoted', refs });
    expect(message.kind === 'tutor' && message.sources[0]).toMatchObject({ quote: 'quoted' });
    expect(message.kind === 'tutor' && message.sources[0].marker).toBeUndefined();
  });
});
