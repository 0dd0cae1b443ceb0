// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NimbusApi, Result, SearchHitDto, SearchRequest } from '../../electron/shared/api';
import {
  SEARCH_DEBOUNCE_MS,
  SearchPalette,
  highlightTerms,
  useSearchShortcut,
} from '../../renderer/src/components/SearchPalette';

type SearchFn = NimbusApi['search'];
type Deferred = { request: SearchRequest; resolve(r: Result<SearchHitDto[]>): void };

const hit = (id: string, path: string[], snippet: string): SearchHitDto => ({
  chunkId: id,
  sectionId: `s-${id}`,
  phaseId: 'phase1',
  headingPath: ['Phase 1 — Core Services', ...path],
  snippet,
});
const S3 = hit('c1', ['Amazon S3', 'Storage Classes'], 'S3 offers multiple storage classes <b>to</b> optimize cost.');
const EC2 = hit('c2', ['Amazon EC2', 'Instance Types'], 'EC2 instance types: general purpose, compute optimized.');
const VPC = hit('c3', ['Amazon VPC'], 'A VPC is a private network.');

/** A search whose every call waits until the test resolves it. */
function controlledSearch() {
  const calls: Deferred[] = [];
  const search = vi.fn<SearchFn>(
    (request) => new Promise((resolve) => calls.push({ request, resolve: (r) => resolve(r) })),
  );
  return { search, calls };
}

const answering = (hits: SearchHitDto[]) => vi.fn<SearchFn>(async () => ({ ok: true, value: hits }));

function Harness({ search, onOpen }: { search: SearchFn; onOpen(hit: SearchHitDto): void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open search
      </button>
      <SearchPalette open={open} onClose={() => setOpen(false)} search={search} onOpen={onOpen} />
    </>
  );
}

/** Real timers: user-event drives the keyboard, findBy* waits out the debounce. */
async function setup(search: SearchFn) {
  const onOpen = vi.fn<(hit: SearchHitDto) => void>();
  const user = userEvent.setup();
  render(<Harness search={search} onOpen={onOpen} />);
  const opener = screen.getByRole('button', { name: 'Open search' });
  await user.click(opener);
  const input = screen.getByRole('combobox', { name: 'Search the notes' });
  return { user, onOpen, opener, input };
}

/**
 * Fake timers (Testing Library's async helpers only advance Jest's, so events go through the
 * synchronous fireEvent here).
 */
function setupFake(search: SearchFn) {
  vi.useFakeTimers();
  const onOpen = vi.fn<(hit: SearchHitDto) => void>();
  render(<Harness search={search} onOpen={onOpen} />);
  fireEvent.click(screen.getByRole('button', { name: 'Open search' }));
  const input = screen.getByRole('combobox', { name: 'Search the notes' });
  const type = (value: string) => fireEvent.change(input, { target: { value } });
  return { onOpen, input, type };
}

/** Lets the debounce timer fire and the (already settled) responses land. */
const tick = (ms = SEARCH_DEBOUNCE_MS) => act(() => vi.advanceTimersByTimeAsync(ms));

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('SearchPalette', () => {
  it('is a modal dialog that focuses its input and renders nothing when closed', async () => {
    const { input } = await setup(answering([]));
    const dialog = screen.getByRole('dialog', { name: 'Search the notes' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(input);
    expect(input.getAttribute('aria-controls')).toBe(screen.getByRole('listbox', { hidden: true }).id);
    cleanup();
    const { container } = render(
      <SearchPalette open={false} onClose={() => {}} search={answering([])} onOpen={() => {}} />,
    );
    expect(container.innerHTML).toBe('');
  });

  it('debounces typing into one search call with the whole query', async () => {
    const search = answering([S3]);
    const { type } = setupFake(search);
    type('e');
    await tick(SEARCH_DEBOUNCE_MS - 10);
    type('ec');
    await tick(SEARCH_DEBOUNCE_MS - 10);
    type('ec2');
    await tick(SEARCH_DEBOUNCE_MS - 1);
    expect(search).not.toHaveBeenCalled();
    await tick(1);
    expect(search).toHaveBeenCalledTimes(1);
    expect(search).toHaveBeenCalledWith({ query: 'ec2', limit: 8 });
  });

  it('ignores a slower response to an earlier query', async () => {
    const { search, calls } = controlledSearch();
    const { type } = setupFake(search);
    type('ec');
    await tick();
    type('ec2');
    await tick();
    expect(calls.map((c) => c.request.query)).toEqual(['ec', 'ec2']);
    await act(async () => calls[1].resolve({ ok: true, value: [EC2] }));
    await act(async () => calls[0].resolve({ ok: true, value: [S3, VPC] }));
    const options = screen.getAllByRole('option');
    expect(options).toHaveLength(1);
    expect(options[0].textContent).toContain('Amazon EC2 › Instance Types');
    expect(screen.queryByText(/Storage Classes/)).toBeNull();
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('shows the section path without the phase title, the phase and the snippet with the terms marked', async () => {
    const { user, input } = await setup(answering([S3]));
    await user.type(input, 'storage cost');
    const option = await screen.findByRole('option');
    expect(option.querySelector('.search-hit-path')?.textContent).toBe('Amazon S3 › Storage Classes');
    expect(option.querySelector('.search-hit-phase')?.textContent).toBe('Phase 1 — Core Services');
    const snippet = option.querySelector('.search-hit-snippet');
    expect([...(snippet?.querySelectorAll('mark') ?? [])].map((m) => m.textContent)).toEqual(['storage', 'cost']);
    // Markup in a snippet is text, never HTML.
    expect(snippet?.textContent).toContain('<b>to</b>');
    expect(snippet?.querySelector('b')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('1 result');
  });

  it('moves with the arrows (wrapping), opens with Enter, closes and gives focus back', async () => {
    const { user, input, onOpen, opener } = await setup(answering([S3, EC2, VPC]));
    await user.type(input, 'amazon');
    const options = await screen.findAllByRole('option');
    const selected = () => options.findIndex((o) => o.getAttribute('aria-selected') === 'true');
    expect(selected()).toBe(0);
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0].id);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{ArrowDown}');
    expect(selected()).toBe(1);
    expect(input.getAttribute('aria-activedescendant')).toBe(options[1].id);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(selected()).toBe(2);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(selected()).toBe(1);
    await user.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onOpen).toHaveBeenCalledWith(EC2);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('opens a clicked result', async () => {
    const { user, input, onOpen } = await setup(answering([S3, EC2]));
    await user.type(input, 'amazon');
    await user.click((await screen.findAllByRole('option'))[1]);
    expect(onOpen).toHaveBeenCalledWith(EC2);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens the first result of a query still being searched when Enter was pressed', async () => {
    const { search, calls } = controlledSearch();
    const { type, input, onOpen } = setupFake(search);
    type('vpc');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onOpen).not.toHaveBeenCalled();
    await tick();
    await act(async () => calls[0].resolve({ ok: true, value: [VPC, S3] }));
    expect(onOpen).toHaveBeenCalledWith(VPC);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('closes with Escape and returns focus to the element focused before', async () => {
    const { user, opener } = await setup(answering([]));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('closes on a click outside the dialog but not inside it', async () => {
    const { user } = await setup(answering([]));
    await user.click(screen.getByRole('dialog'));
    expect(screen.queryByRole('dialog')).not.toBeNull();
    fireEvent.mouseDown(screen.getByTestId('search-backdrop'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps Tab inside the dialog', async () => {
    const { user, input } = await setup(answering([]));
    const close = screen.getByRole('button', { name: 'Close' });
    await user.tab();
    expect(document.activeElement).toBe(close);
    await user.tab();
    expect(document.activeElement).toBe(input);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(close);
  });

  it('says when nothing matches and when the search failed', async () => {
    const search = vi.fn<SearchFn>(async ({ query }) =>
      query === 'zzz'
        ? { ok: true, value: [] }
        : { ok: false, error: { code: 'engine-unavailable', message: 'The notes are still loading.' } },
    );
    const { user, input } = await setup(search);
    expect(screen.getByText(/Type to search the notes/)).toBeTruthy();
    await user.type(input, 'zzz');
    expect(await screen.findByText('No sections match “zzz”.')).toBeTruthy();
    await user.clear(input);
    await user.type(input, 'lambda');
    expect((await screen.findByRole('alert')).textContent).toBe('Search failed: The notes are still loading.');
    expect(screen.queryAllByRole('option')).toHaveLength(0);
  });
});

describe('highlightTerms', () => {
  it('wraps each term of two or more characters, case-insensitively, and escapes regex syntax', () => {
    const parts = highlightTerms('S3 (Simple Storage) vs s3.', 's3 ( a');
    const marks = parts.filter((p) => typeof p !== 'string');
    expect(marks).toHaveLength(2);
    expect(parts.filter((p) => typeof p === 'string').join('')).toBe(' (Simple Storage) vs .');
    expect(highlightTerms('plain', '')).toEqual(['plain']);
  });
});

describe('useSearchShortcut', () => {
  it('calls back on Ctrl+K and Cmd+K only', () => {
    const onOpen = vi.fn();
    renderHook(() => useSearchShortcut(onOpen));
    fireEvent.keyDown(window, { key: 'k' });
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true, shiftKey: true });
    expect(onOpen).not.toHaveBeenCalled();
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    fireEvent.keyDown(window, { key: 'K', metaKey: true });
    expect(onOpen).toHaveBeenCalledTimes(2);
  });
});
