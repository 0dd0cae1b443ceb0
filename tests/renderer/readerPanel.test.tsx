// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReaderPanel } from '../../renderer/src/components/ReaderPanel';
import { SECTION } from './fakeApi';

afterEach(cleanup);

function setup(over: Partial<Parameters<typeof ReaderPanel>[0]> = {}) {
  const props = {
    state: { loading: false, view: SECTION, error: null },
    phaseName: '#1 core-services',
    bookmarked: false,
    onToggleBookmark: vi.fn(),
    onStudy: vi.fn(),
    onClose: vi.fn(),
    ...over,
  };
  render(<ReaderPanel {...props} />);
  return props;
}

describe('ReaderPanel', () => {
  it('is a complementary region named Reader with the section and the cited passage marked', () => {
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    setup();
    const reader = screen.getByRole('complementary', { name: 'Reader' });
    expect(within(reader).getByRole('heading', { name: 'Security Groups vs NACLs' })).toBeTruthy();
    expect(reader.textContent).toContain('#1 core-services › Amazon VPC');
    const marked = reader.querySelectorAll('[data-highlight]');
    expect([...marked].map((m) => m.textContent)).toEqual(['Security Groups are stateful.', 'NACLs are stateless.']);
    expect(within(reader).getByText('Intro paragraph about filtering.').closest('[data-highlight]')).toBeNull();
    expect(scrolled).toHaveBeenCalled();
    expect(document.activeElement).toBe(within(reader).getByRole('heading', { level: 2 }));
  });

  it('closes with Esc and with its close button, unless Esc belongs to something above it', async () => {
    const { onClose } = setup();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: 'Close reader' }));
    expect(onClose).toHaveBeenCalledTimes(2);
    cleanup();
    const blocked = setup({ escapeCloses: false });
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(blocked.onClose).not.toHaveBeenCalled();
  });

  it('bookmarks the section and offers to study its lesson', async () => {
    const { onToggleBookmark, onStudy } = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Bookmark' }));
    expect(onToggleBookmark).toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Study this lesson' }));
    expect(onStudy).toHaveBeenCalledWith('l-vpc', 'phase1');
    cleanup();
    setup({ bookmarked: true, state: { loading: false, view: { ...SECTION, lessonId: null }, error: null } });
    expect(screen.getByRole('button', { name: 'Remove bookmark' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByRole('button', { name: 'Study this lesson' })).toBeNull();
  });

  it('shows an error when the section cannot be opened', () => {
    setup({ state: { loading: false, view: null, error: 'That passage is no longer in the notes.' } });
    expect(screen.getByRole('alert').textContent).toBe('That passage is no longer in the notes.');
    expect(screen.queryByRole('button', { name: 'Bookmark' })).toBeNull();
  });
});
