// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { itemFromAsk, type ChatItem } from '../../renderer/src/chat';
import { Timeline } from '../../renderer/src/components/Timeline';
import { ASK } from './fakeApi';

afterEach(cleanup);

const AT = new Date(2025, 0, 2, 9, 5).getTime();
const learner: ChatItem = { id: 1, at: AT, kind: 'learner', text: 'What is <b>Glacier</b>?' };
const answer = { id: 2, at: AT, ...itemFromAsk('What is a security group?', ASK) } as ChatItem;

describe('Timeline', () => {
  it('is a named log with learner and tutor bubbles, avatars and timestamps', () => {
    render(<Timeline items={[learner, answer]} label="Messages in #ask-anything" />);
    const log = screen.getByRole('log', { name: 'Messages in #ask-anything' });
    const you = within(log).getByRole('article', { name: 'You' });
    expect(you.className).toContain('learner');
    // HTML in a message is text, never markup
    expect(you.textContent).toContain('What is <b>Glacier</b>?');
    expect(you.querySelector('b')).toBeNull();
    const tutor = within(log).getByRole('article', { name: 'Tutor' });
    expect(tutor.textContent).toContain('Nimbus');
    expect(within(tutor).getByText('Security Groups', { selector: 'strong' })).toBeTruthy();
    const time = tutor.querySelector('time');
    expect(time?.textContent).toBe('09:05');
    expect(time?.getAttribute('datetime')).toBe(new Date(AT).toISOString());
    expect(within(tutor).getByRole('list', { name: 'Sources' })).toBeTruthy();
  });

  it('shows a typing indicator while the answer is computed', () => {
    render(<Timeline items={[learner, { id: 3, at: AT, kind: 'typing' }]} />);
    const status = within(screen.getByRole('log')).getByRole('status');
    expect(status.textContent).toContain('Nimbus is typing');
    expect(status.querySelector('.dots')).not.toBeNull();
  });

  it('shows the empty hint, then abstentions with a "teach me" action and errors as alerts', async () => {
    const onTeach = vi.fn();
    const { rerender } = render(<Timeline items={[]} empty={<p>Ask me anything</p>} />);
    expect(screen.getByText('Ask me anything')).toBeTruthy();
    const abstained: ChatItem = {
      id: 4,
      at: AT,
      kind: 'answer',
      question: 'what is elastic beanstalk?',
      abstained: true,
      markdown: "The notes don't cover this.",
      sources: [],
      offerTopic: 'Beanstalk',
    };
    rerender(
      <Timeline items={[abstained, { id: 5, at: AT, kind: 'error', message: 'engine down' }]} actions={{ onTeach }} />,
    );
    expect(screen.queryByText('Ask me anything')).toBeNull();
    expect(screen.getByText('Not in the notes')).toBeTruthy();
    // nothing cited: no chips and nothing to bookmark
    expect(screen.queryByRole('list', { name: 'Sources' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Bookmark' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: /Teach me this topic/ }));
    expect(onTeach).toHaveBeenCalledWith('Beanstalk');
    expect(screen.getByRole('alert').textContent).toBe('engine down');
  });

  it('offers a bookmark toggle on cited answers that reflects the bookmarked state', async () => {
    const onToggleBookmark = vi.fn();
    const { rerender } = render(<Timeline items={[answer]} actions={{ onToggleBookmark }} />);
    await userEvent.click(screen.getByRole('button', { name: 'Bookmark' }));
    expect(onToggleBookmark).toHaveBeenCalledWith(expect.objectContaining({ question: 'What is a security group?' }));
    rerender(<Timeline items={[answer]} actions={{ onToggleBookmark, isBookmarked: () => true }} />);
    const remove = screen.getByRole('button', { name: 'Remove bookmark' });
    expect(remove.getAttribute('aria-pressed')).toBe('true');
  });

  it('renders lesson headers, and question cards open only when they are the open question', () => {
    const items: ChatItem[] = [
      {
        id: 6,
        at: AT,
        kind: 'lesson',
        phaseId: 'phase1',
        lessonId: 'l1',
        title: 'Amazon S3',
        goals: ['Explain classes'],
      },
      {
        id: 7,
        at: AT,
        kind: 'question',
        question: {
          id: 'q1',
          lessonId: 'l1',
          kind: 'short',
          prompt: 'Why S3?',
          ref: { sectionId: 's', headingPath: [] },
        },
      },
      { id: 8, at: AT, kind: 'done', lessonId: 'l1', next: { phaseId: 'phase1', lessonId: 'l2', title: 'Amazon EC2' } },
    ];
    const { rerender } = render(<Timeline items={items} />);
    expect(screen.getByRole('article', { name: 'Lesson: Amazon S3' })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Your answer' }) as HTMLInputElement).disabled).toBe(true);
    rerender(<Timeline items={items} actions={{ openQuestionId: 'q1' }} />);
    expect((screen.getByRole('textbox', { name: 'Your answer' }) as HTMLInputElement).disabled).toBe(false);
    expect(screen.getByRole('note').textContent).toContain('Next up: Amazon EC2');
  });
});
