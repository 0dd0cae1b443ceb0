// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuestionCard } from '../../renderer/src/components/QuestionCard';
import { QUESTION, VERDICT } from './fakeApi';

afterEach(cleanup);

const SHORT = {
  ...QUESTION,
  id: 'q2',
  kind: 'short' as const,
  prompt: 'Name the stateless filter.',
  choices: undefined,
};

describe('QuestionCard', () => {
  it('renders choices as buttons in a group; a click answers with the choice', async () => {
    const onAnswer = vi.fn();
    render(<QuestionCard question={QUESTION} open onAnswer={onAnswer} />);
    const card = screen.getByRole('article', { name: 'Check question' });
    expect(within(card).getByText('stateful', { selector: 'strong' })).toBeTruthy();
    const group = within(card).getByRole('group', { name: 'Choices' });
    expect(within(group).getAllByRole('button')).toHaveLength(2);
    await userEvent.click(within(group).getByRole('button', { name: /Network ACLs/ }));
    expect(onAnswer).toHaveBeenCalledWith('Network ACLs');
  });

  it('takes a short answer in a labelled input; Check submits it', async () => {
    const onAnswer = vi.fn();
    render(<QuestionCard question={SHORT} open onAnswer={onAnswer} />);
    const check = screen.getByRole('button', { name: 'Check' }) as HTMLButtonElement;
    expect(check.disabled).toBe(true);
    await userEvent.type(screen.getByRole('textbox', { name: 'Your answer' }), ' NACL {Enter}');
    expect(onAnswer).toHaveBeenCalledWith('NACL');
  });

  it('shows the answer being checked, then the verdict with its feedback, and locks the card', () => {
    const { rerender } = render(
      <QuestionCard question={QUESTION} open={false} answer="Security groups" onAnswer={() => {}} />,
    );
    expect(screen.getByRole('status').textContent).toContain('Checking your answer');
    const chosen = screen.getByRole('button', { name: /Security groups/ });
    expect(chosen.getAttribute('aria-pressed')).toBe('true');
    rerender(<QuestionCard question={QUESTION} open answer="Security groups" verdict={VERDICT} onAnswer={() => {}} />);
    const verdict = screen.getByRole('region', { name: 'Verdict' });
    expect(verdict.textContent).toContain('Correct');
    expect(verdict.textContent).toContain('security groups remember connections');
    expect(verdict.textContent).not.toContain('Expected');
    // answered: even if still "open", no second answer
    for (const b of screen.getAllByRole('button')) expect((b as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows what was expected when the answer was not right', () => {
    const wrong = { ...VERDICT, questionId: 'q2', result: 'not-yet' as const, feedback: 'Look again.' };
    render(<QuestionCard question={SHORT} open={false} answer="ALB" verdict={wrong} onAnswer={() => {}} />);
    const verdict = screen.getByRole('region', { name: 'Verdict' });
    expect(verdict.textContent).toContain('Not yet');
    expect(verdict.textContent).toContain('Expected: Security groups');
    expect((screen.getByRole('textbox', { name: 'Your answer' }) as HTMLInputElement).value).toBe('ALB');
  });
});
