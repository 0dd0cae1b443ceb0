// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiError, ProgressEvent } from '../../electron/shared/api';
import { FirstRunScreen, stageText } from '../../renderer/src/components/FirstRunScreen';

function setup(progress: ProgressEvent | null, error: ApiError | null = null) {
  const onRetry = vi.fn<() => void>();
  const view = render(<FirstRunScreen progress={progress} error={error} onRetry={onRetry} />);
  return { onRetry, view };
}

afterEach(cleanup);

describe('FirstRunScreen', () => {
  it('shows a determinate bar and the stage in words when the total is known', () => {
    setup({ stage: 'embedding', done: 30, total: 120 });
    expect(screen.getByRole('heading', { level: 1, name: 'Preparing your tutor' })).toBeTruthy();
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Indexing the notes…');
    expect(status.getAttribute('aria-live')).toBe('polite');
    const bar = screen.getByRole('progressbar', { name: 'Indexing the notes…' }) as HTMLProgressElement;
    expect(bar.value).toBe(30);
    expect(bar.max).toBe(120);
    expect(bar.position).toBeCloseTo(0.25);
    expect(screen.getByText('25%')).toBeTruthy();
  });

  it('is indeterminate without a total, and before any progress', () => {
    const { view } = setup({ stage: 'model:train', done: 0, total: 0 });
    let bar = screen.getByRole('progressbar') as HTMLProgressElement;
    expect(bar.hasAttribute('value')).toBe(false);
    expect(bar.position).toBe(-1);
    expect(screen.getByRole('status').textContent).toBe('Building the notes model: learning the vocabulary…');
    expect(screen.queryByText(/%/)).toBeNull();
    view.rerender(<FirstRunScreen progress={null} error={null} onRetry={() => {}} />);
    bar = screen.getByRole('progressbar') as HTMLProgressElement;
    expect(bar.position).toBe(-1);
    expect(screen.getByRole('status').textContent).toBe('Starting…');
  });

  it('follows the stages as they come in', () => {
    const { view } = setup({ stage: 'content', done: 0, total: 1 });
    expect(screen.getByRole('status').textContent).toBe('Reading the notes…');
    view.rerender(
      <FirstRunScreen progress={{ stage: 'answer units', done: 50, total: 200 }} error={null} onRetry={() => {}} />,
    );
    expect(screen.getByRole('status').textContent).toBe('Preparing answer passages…');
    expect((screen.getByRole('progressbar') as HTMLProgressElement).value).toBe(50);
  });

  it('maps the known stage names and shows unknown ones as they are', () => {
    expect(stageText('content')).toBe('Reading the notes');
    expect(stageText('saving')).toBe('Saving the search index');
    expect(stageText('model:tokenizer')).toBe('Loading the tokenizer');
    expect(stageText('ready')).toBe('Ready');
    expect(stageText('warming caches')).toBe('warming caches');
    setup({ stage: 'warming caches', done: 1, total: 4 });
    expect(screen.getByRole('status').textContent).toBe('warming caches…');
  });

  it('on error shows the message and a focused Retry button', async () => {
    const { onRetry } = setup(
      { stage: 'embedding', done: 3, total: 10 },
      { code: 'engine-unavailable', message: 'The notes folder is missing.' },
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Your tutor could not start');
    expect(screen.getByRole('alert').textContent).toBe('The notes folder is missing.');
    expect(screen.queryByRole('progressbar')).toBeNull();
    const retry = screen.getByRole('button', { name: 'Retry' });
    expect(document.activeElement).toBe(retry);
    await userEvent.setup().click(retry);
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
