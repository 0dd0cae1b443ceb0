// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildChannels } from '../../renderer/src/app/channels';
import { ChannelRail } from '../../renderer/src/components/ChannelRail';
import { ProgressRing } from '../../renderer/src/components/ProgressRing';
import { CATALOG, SUMMARY } from './fakeApi';

afterEach(cleanup);

const channels = buildChannels(CATALOG);

function setup(activeId = 'phase1') {
  const props = { onSelect: vi.fn(), onProgress: vi.fn(), onSettings: vi.fn() };
  render(<ChannelRail channels={channels} activeId={activeId} summary={SUMMARY} open={false} {...props} />);
  return props;
}

describe('ChannelRail', () => {
  it('is a navigation landmark of channel links named like chat channels', () => {
    setup();
    const nav = screen.getByRole('navigation', { name: 'Channels' });
    const names = within(nav)
      .getAllByRole('link')
      .map((a) => a.querySelector('.channel-name')?.textContent);
    expect(names).toEqual([
      '#1 core-services',
      '#2 databases-storage',
      '#ask-anything',
      '#self-learned',
      '#review',
      '#bookmarks',
    ]);
    // the due count is shown, but the link's name stays the channel's
    const review = within(nav).getByRole('link', { name: '#review' });
    expect(review.querySelector('.count-badge')?.textContent).toBe('3');
  });

  it('marks the active channel with aria-current and selects on click', async () => {
    const { onSelect } = setup('phase2');
    const active = screen.getByRole('link', { current: 'page' });
    expect(active.querySelector('.channel-name')?.textContent).toBe('#2 databases-storage');
    expect(screen.getByRole('link', { name: '#1 core-services' }).getAttribute('aria-current')).toBeNull();
    await userEvent.click(screen.getByRole('link', { name: '#bookmarks' }));
    expect(onSelect).toHaveBeenCalledWith('bookmarks');
  });

  it('shows each phase’s mastery as a ring and describes it, with the review count', () => {
    setup();
    const phase1 = screen.getByRole('link', { name: '#1 core-services' });
    expect(phase1.querySelector('svg.ring')?.getAttribute('data-value')).toBe('42');
    expect(phase1.querySelector('svg.ring')?.getAttribute('aria-hidden')).toBe('true');
    const desc = document.getElementById(phase1.getAttribute('aria-describedby') ?? '');
    expect(desc?.textContent).toBe('Core Services; 42% mastered, 1 of 2 lessons done');
    const review = screen.getByRole('link', { name: '#review' });
    expect(document.getElementById(review.getAttribute('aria-describedby') ?? '')?.textContent).toContain(
      '3 cards due',
    );
  });

  it('moves focus between channels with the arrow keys, and opens Progress and Settings', async () => {
    const { onProgress, onSettings } = setup();
    const first = screen.getByRole('link', { name: '#1 core-services' });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('link', { name: '#2 databases-storage' }));
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    expect(document.activeElement).toBe(screen.getByRole('link', { name: '#bookmarks' }));
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(first);
    await userEvent.click(screen.getByRole('button', { name: 'Progress' }));
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(onProgress).toHaveBeenCalled();
    expect(onSettings).toHaveBeenCalled();
  });
});

describe('ProgressRing', () => {
  it('draws the value as a dash of a 100-long circle and can carry a label', () => {
    render(<ProgressRing percent={66.6} label="67% mastered" />);
    const ring = screen.getByRole('img', { name: '67% mastered' });
    expect(ring.getAttribute('data-value')).toBe('67');
    expect(ring.querySelector('.ring-value')?.getAttribute('stroke-dasharray')).toBe('67 100');
  });

  it('clamps and draws no arc at zero', () => {
    const { container } = render(<ProgressRing percent={-5} />);
    expect(container.querySelector('svg')?.getAttribute('data-value')).toBe('0');
    expect(container.querySelector('.ring-value')).toBeNull();
  });
});
