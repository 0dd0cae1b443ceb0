// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerKey, answerTarget, bookmarkIndex, plainSnippet, sectionKey } from '../../renderer/src/app/bookmarks';
import { BookmarksChannel } from '../../renderer/src/components/BookmarksChannel';
import { BOOKMARKS } from './fakeApi';

afterEach(cleanup);

const phaseName = (id: string) => ({ phase1: '#1 core-services', phase2: '#2 databases-storage' })[id] ?? id;

describe('BookmarksChannel', () => {
  it('groups bookmarks by phase with status badges, snippets, notes and answers', () => {
    render(<BookmarksChannel groups={BOOKMARKS} phaseName={phaseName} onOpen={() => {}} onRemove={() => {}} />);
    const phase1 = screen.getByRole('region', { name: '#1 core-services' });
    const moved = within(phase1).getByRole('article', { name: 'Amazon VPC › Security Groups vs NACLs' });
    expect(within(moved).getByText('Moved')).toBeTruthy();
    expect(within(moved).getByText('Security Groups are stateful.')).toBeTruthy();
    expect(moved.textContent).toContain('Note: exam favourite');
    const missing = within(phase1).getByRole('article', { name: 'Old Section' });
    expect(within(missing).getByText('Missing')).toBeTruthy();
    expect((within(missing).getByRole('button', { name: 'Open in reader' }) as HTMLButtonElement).disabled).toBe(true);
    const phase2 = screen.getByRole('region', { name: '#2 databases-storage' });
    const answer = within(phase2).getByRole('article', { name: 'Amazon RDS' });
    expect(answer.textContent).toContain('“what is rds?”');
    expect(within(answer).getByText('managed', { selector: 'strong' })).toBeTruthy();
    // an exact anchor has no status badge
    expect(within(answer).queryByText(/Moved|Changed|Missing/)).toBeNull();
  });

  it('opens and removes a bookmark', async () => {
    const onOpen = vi.fn();
    const onRemove = vi.fn();
    render(<BookmarksChannel groups={BOOKMARKS} phaseName={phaseName} onOpen={onOpen} onRemove={onRemove} />);
    const moved = screen.getByRole('article', { name: 'Amazon VPC › Security Groups vs NACLs' });
    await userEvent.click(within(moved).getByRole('button', { name: 'Open in reader' }));
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'b1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove bookmark: Old Section' }));
    expect(onRemove).toHaveBeenCalledWith(expect.objectContaining({ id: 'b2' }));
  });

  it('has an empty state and a loading state', () => {
    const { rerender } = render(
      <BookmarksChannel groups={[]} phaseName={phaseName} onOpen={() => {}} onRemove={() => {}} />,
    );
    expect(screen.getByText('No bookmarks yet.')).toBeTruthy();
    rerender(<BookmarksChannel groups={null} phaseName={phaseName} onOpen={() => {}} onRemove={() => {}} />);
    expect(screen.getByText('Loading bookmarks…')).toBeTruthy();
  });
});

describe('bookmark keys', () => {
  it('indexes section and answer bookmarks the way the service matches them', () => {
    const index = bookmarkIndex(BOOKMARKS);
    expect(index.get(sectionKey('sec-sg'))).toBe('b1');
    expect(index.get(answerKey('  WHAT is RDS? ', 'RDS is a **managed** database.'))).toBe('b3');
    expect(index.has(answerKey('what is rds?', 'other markdown'))).toBe(false);
  });

  it('builds an answer target from its chunk citations, none when nothing is cited', () => {
    const chip = { key: 'k', label: 'A', headingPath: ['P', 'A'], chunkId: 'c1', sectionId: 's1' };
    expect(answerTarget('q', 'md', [chip])).toEqual({
      target: {
        kind: 'answer',
        answer: { question: 'q', markdown: 'md', citations: [{ chunkId: 'c1', headingPath: ['P', 'A'] }] },
      },
    });
    expect(answerTarget('q', 'md', [])).toBeNull();
    expect(plainSnippet('- **Bold** and `code` | cell')).toBe('Bold and code cell');
  });
});
