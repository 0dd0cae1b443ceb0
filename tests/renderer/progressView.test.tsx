// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProgressView, type ProgressSummaryDto } from '../../renderer/src/components/ProgressView';

const summary = (over: Partial<ProgressSummaryDto> = {}): ProgressSummaryDto => ({
  phases: [
    { phaseId: 'phase1', title: 'Core Services', lessons: 8, done: 3, mastery: 0.4 },
    { phaseId: 'phase2', title: 'Storage and Databases', lessons: 5, done: 0, mastery: 0 },
    { phaseId: 'phase3', title: 'Security', lessons: 4, done: 4, mastery: 0.966 },
  ],
  current: { phaseId: 'phase1', lessonId: 'l-s3', title: 'Amazon S3' },
  suggestedNext: { phaseId: 'phase2', lessonId: 'l-rds', title: 'Amazon RDS' },
  reviewDue: 3,
  ...over,
});

function setup(s: ProgressSummaryDto | null) {
  const onOpenPhase = vi.fn<(phaseId: string) => void>();
  const onOpenReview = vi.fn<() => void>();
  const user = userEvent.setup();
  render(<ProgressView summary={s} onOpenPhase={onOpenPhase} onOpenReview={onOpenReview} />);
  return { user, onOpenPhase, onOpenReview };
}

afterEach(cleanup);

describe('ProgressView', () => {
  it('shows a loading state until the summary arrives', () => {
    setup(null);
    expect(screen.getByRole('heading', { level: 2, name: 'Your progress' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Loading your progress…');
    expect(screen.queryAllByRole('meter')).toHaveLength(0);
  });

  it('draws one labelled mastery meter per phase with its percent and lessons done', () => {
    setup(summary());
    const meters = screen.getAllByRole('meter') as HTMLMeterElement[];
    expect(meters.map((m) => m.value)).toEqual([0.4, 0, 0.966]);
    const s3 = screen.getByRole('meter', { name: 'Mastery of Core Services' }) as HTMLMeterElement;
    expect(s3.value).toBe(0.4);
    expect(s3.getAttribute('aria-valuetext')).toBe('40%');
    const rows = screen.getAllByRole('listitem');
    expect(rows).toHaveLength(3);
    expect(within(rows[0]).getByRole('heading', { level: 4 }).textContent).toBe('Core Services');
    expect(within(rows[0]).getByText('40% mastery')).toBeTruthy();
    expect(within(rows[0]).getByText('3 of 8 lessons')).toBeTruthy();
    expect(within(rows[2]).getByText('97% mastery')).toBeTruthy();
    expect(within(rows[1]).getByText('0 of 5 lessons')).toBeTruthy();
    expect(screen.getByText('7 of 17 lessons done')).toBeTruthy();
  });

  it('clamps out-of-range mastery to 0..100%', () => {
    setup(summary({ phases: [{ phaseId: 'p', title: 'P', lessons: 1, done: 1, mastery: 1.7 }] }));
    expect((screen.getByRole('meter') as HTMLMeterElement).value).toBe(1);
    expect(screen.getByText('100% mastery')).toBeTruthy();
  });

  it('opens a phase from its row and from the current and suggested lessons', async () => {
    const { user, onOpenPhase } = setup(summary());
    await user.click(screen.getByRole('button', { name: 'Open Storage and Databases' }));
    expect(onOpenPhase).toHaveBeenLastCalledWith('phase2');
    expect(screen.getByText('Amazon S3')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Continue with Amazon S3' }));
    expect(onOpenPhase).toHaveBeenLastCalledWith('phase1');
    await user.click(screen.getByRole('button', { name: 'Start Amazon RDS' }));
    expect(onOpenPhase).toHaveBeenLastCalledWith('phase2');
    expect(onOpenPhase).toHaveBeenCalledTimes(3);
  });

  it('offers the review when questions are due', async () => {
    const { user, onOpenReview } = setup(summary({ reviewDue: 3 }));
    expect(screen.getByText('3 questions are due for review.')).toBeTruthy();
    const review = screen.getByRole('button', { name: 'Review now' }) as HTMLButtonElement;
    expect(review.disabled).toBe(false);
    await user.click(review);
    expect(onOpenReview).toHaveBeenCalledTimes(1);
  });

  it('disables "Review now" when nothing is due, and leaves out absent lesson pointers', async () => {
    const { user, onOpenReview } = setup(summary({ reviewDue: 0, current: null, suggestedNext: null }));
    expect(screen.getByText('Nothing to review right now.')).toBeTruthy();
    const review = screen.getByRole('button', { name: 'Review now' }) as HTMLButtonElement;
    expect(review.disabled).toBe(true);
    await user.click(review);
    expect(onOpenReview).not.toHaveBeenCalled();
    expect(screen.queryByText(/Current lesson/)).toBeNull();
    expect(screen.queryByText(/Suggested next/)).toBeNull();
  });

  it('is all reachable with Tab', async () => {
    const { user } = setup(summary());
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      await user.tab();
      order.push(document.activeElement?.textContent ?? '');
    }
    expect(order).toEqual([
      'Continue with Amazon S3',
      'Start Amazon RDS',
      'Review now',
      'Open Core Services',
      'Open Storage and Databases',
      'Open Security',
    ]);
  });
});
