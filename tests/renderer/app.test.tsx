// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineInfoDto, Result } from '../../electron/shared/api';
import { App } from '../../renderer/src/app/App';
import { ASK, INFO, err, fakeApi, ok } from './fakeApi';

afterEach(cleanup);

async function ready(api = fakeApi()) {
  render(<App api={api} />);
  await screen.findByRole('navigation', { name: 'Channels' });
  await screen.findByRole('link', { name: '#1 core-services' });
  return api;
}

const log = () => screen.getByRole('log');
const composer = () => screen.getByRole('textbox', { name: 'Message' });

describe('App', () => {
  it('shows the first-run screen while the engine opens, with its progress, then the app', async () => {
    const api = fakeApi();
    let resolve: (r: Result<EngineInfoDto>) => void = () => {};
    api.info.mockImplementation(() => new Promise((r) => (resolve = r)));
    let report: (e: { stage: string; done: number; total: number }) => void = () => {};
    api.onProgress.mockImplementation((l) => {
      report = l;
      return () => {};
    });
    render(<App api={api} />);
    expect(screen.getByRole('heading', { name: 'Preparing your tutor' })).toBeTruthy();
    act(() => report({ stage: 'embedding', done: 40, total: 87 }));
    expect(screen.getByRole('status').textContent).toContain('Indexing the notes');
    await act(async () => resolve(ok(INFO)));
    expect(await screen.findByRole('navigation', { name: 'Channels' })).toBeTruthy();
    expect(screen.getByText(/Built-in notes model · 87 passages/)).toBeTruthy();
  });

  it("shows a degraded engine's notice above the chat until it is dismissed", async () => {
    const api = fakeApi();
    const notice = 'Search is by keywords only: the embedding model could not be opened.';
    api.info.mockResolvedValue(ok({ ...INFO, search: 'lexical', notice }));
    await ready(api);
    const banner = screen.getByText(notice).closest('[role="status"]') as HTMLElement;
    expect(banner).toBeTruthy();
    await userEvent.click(within(banner).getByRole('button', { name: 'Dismiss notice' }));
    expect(screen.queryByText(notice)).toBeNull();
  });

  it('shows no notice when all is well', async () => {
    await ready();
    expect(screen.queryByRole('button', { name: 'Dismiss notice' })).toBeNull();
  });

  it('offers Retry when the engine cannot open', async () => {
    const api = fakeApi();
    api.info.mockResolvedValueOnce(err('models missing'));
    render(<App api={api} />);
    expect((await screen.findByRole('alert')).textContent).toBe('models missing');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('navigation', { name: 'Channels' })).toBeTruthy();
    expect(api.info).toHaveBeenCalledTimes(2);
  });

  it('runs a lesson in a phase channel: intro, Start, Next, a question card and its verdict', async () => {
    const api = await ready();
    const main = screen.getByRole('main', { name: '#1 core-services' });
    expect(within(main).getByRole('heading', { name: 'Core Services' })).toBeTruthy();
    expect(within(main).getByRole('button', { name: 'Amazon VPC' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(api.tutor).toHaveBeenCalledWith({ cmd: 'goto', phaseId: 'phase1' });
    expect(await within(log()).findByRole('article', { name: 'Lesson: Amazon Web Services (AWS)' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Start' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    const card = await within(log()).findByRole('article', { name: 'Check question' });
    expect(screen.getByText('Answer the check question above.')).toBeTruthy();
    const progressCalls = api.tutor.mock.calls.filter(([c]) => c.cmd === 'progress').length;
    await userEvent.click(within(card).getByRole('button', { name: /Security groups/ }));
    expect(api.tutor).toHaveBeenCalledWith({ cmd: 'answer', questionId: 'q1', answer: 'Security groups' });
    expect((await within(card).findByRole('region', { name: 'Verdict' })).textContent).toContain('Correct');
    // the rings are refreshed after a verdict
    await waitFor(() =>
      expect(api.tutor.mock.calls.filter(([c]) => c.cmd === 'progress').length).toBeGreaterThan(progressCalls),
    );
  });

  it('asks the tutor in a phase channel and the engine in #ask-anything; a chip opens the reader', async () => {
    const api = await ready();
    api.tutor.mockImplementationOnce(async () =>
      ok([
        {
          type: 'answer',
          question: 'what is a sg?',
          abstained: false,
          markdown: ASK.answer,
          refs: [{ sectionId: 'sec-sg', chunkId: 'chunk-sg', headingPath: ASK.citations[0].headingPath }],
        },
      ]),
    );
    await userEvent.type(composer(), 'what is a sg?{Enter}');
    expect(api.tutor).toHaveBeenCalledWith({ cmd: 'ask', question: 'what is a sg?' });
    expect(await within(log()).findByRole('button', { name: /Security Groups vs NACLs/ })).toBeTruthy();

    await userEvent.click(screen.getByRole('link', { name: '#ask-anything' }));
    expect(screen.getByRole('link', { name: '#ask-anything' }).getAttribute('aria-current')).toBe('page');
    await userEvent.type(composer(), 'security group vs nacl{Enter}');
    expect(api.ask).toHaveBeenCalledWith('security group vs nacl');
    await userEvent.click(await within(log()).findByRole('button', { name: /\[1\] Amazon VPC/ }));
    expect(api.section).toHaveBeenCalledWith({ chunkId: 'chunk-sg' });
    const reader = await screen.findByRole('complementary', { name: 'Reader' });
    await waitFor(() => expect(reader.querySelectorAll('[data-highlight]').length).toBe(2));
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByRole('complementary', { name: 'Reader' })).toBeNull();

    // history is kept per channel
    await userEvent.click(screen.getByRole('link', { name: '#1 core-services' }));
    expect(within(log()).getByText('what is a sg?')).toBeTruthy();
    expect(within(log()).queryByText('security group vs nacl')).toBeNull();
  });

  it('bookmarks an answer and shows it as bookmarked', async () => {
    const api = await ready();
    await userEvent.click(screen.getByRole('link', { name: '#ask-anything' }));
    await userEvent.type(composer(), 'security group vs nacl{Enter}');
    api.bookmarks.list.mockResolvedValue(
      ok([
        {
          phaseId: 'phase1',
          items: [
            {
              id: 'b9',
              kind: 'answer',
              anchor: { chunkId: 'chunk-sg', phaseId: 'phase1', headingPath: [], snippet: '' },
              answer: { question: 'security group vs nacl', markdown: ASK.answer },
              note: '',
              createdAt: '',
              updatedAt: '',
              status: 'exact',
            },
          ],
        },
      ]),
    );
    await userEvent.click(await within(log()).findByRole('button', { name: 'Bookmark' }));
    expect(api.bookmarks.add).toHaveBeenCalledWith({
      target: {
        kind: 'answer',
        answer: {
          question: 'security group vs nacl',
          markdown: ASK.answer,
          citations: [{ chunkId: 'chunk-sg', headingPath: ASK.citations[0].headingPath }],
        },
      },
    });
    expect(await within(log()).findByRole('button', { name: 'Remove bookmark' })).toBeTruthy();
    await userEvent.click(screen.getByRole('link', { name: '#bookmarks' }));
    expect(await screen.findByText('“security group vs nacl”')).toBeTruthy();
  });

  it('turns an unanswered question into a prefilled "teach me" form', async () => {
    const api = await ready();
    api.ask.mockResolvedValueOnce(ok({ abstained: true, answer: "The notes don't cover this.", citations: [], ms: 1 }));
    api.tutor.mockImplementationOnce(async () =>
      ok([
        {
          type: 'answer',
          question: 'what is beanstalk?',
          abstained: true,
          markdown: "The notes don't cover this.",
          refs: [],
          offerTopic: 'Beanstalk',
        },
      ]),
    );
    await userEvent.type(composer(), 'what is beanstalk?{Enter}');
    await userEvent.click(await screen.findByRole('button', { name: /Teach me this topic/ }));
    expect(screen.getByRole('main', { name: '#self-learned' })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Title' }) as HTMLInputElement).value).toBe('Beanstalk');
  });

  it('offers "teach me" after an uncovered question in #ask-anything too', async () => {
    const api = await ready();
    api.ask.mockResolvedValueOnce(
      ok({ abstained: true, answer: "The notes don't cover this.", citations: [], ms: 1, offerTopic: 'Amazon Braket' }),
    );
    await userEvent.click(screen.getByRole('link', { name: '#ask-anything' }));
    await userEvent.type(composer(), 'what is amazon braket?{Enter}');
    expect(api.ask).toHaveBeenCalledWith('what is amazon braket?');
    await userEvent.click(await screen.findByRole('button', { name: /Teach me this topic/ }));
    expect((screen.getByRole('textbox', { name: 'Title' }) as HTMLInputElement).value).toBe('Amazon Braket');
  });

  it('opens search with Ctrl+K and Progress / Settings as modal dialogs closed by Esc', async () => {
    await ready();
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    expect(await screen.findByRole('combobox', { name: 'Search the notes' })).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Escape' });
    expect(screen.queryByRole('combobox')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Progress' }));
    const dialog = screen.getByRole('dialog', { name: 'Progress' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(within(dialog).getByRole('heading', { name: 'Your progress' })).toBeTruthy();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Progress' }));

    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
    await userEvent.click(await screen.findByRole('button', { name: 'Close settings' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('switches channels with Alt+↓ and shows review cards in #review', async () => {
    const api = await ready();
    fireEvent.keyDown(window, { key: 'ArrowDown', altKey: true });
    expect(screen.getByRole('main', { name: '#2 databases-storage' })).toBeTruthy();
    api.review.due.mockResolvedValueOnce(ok({ total: 0, cards: [] }));
    await userEvent.click(screen.getByRole('link', { name: '#review' }));
    expect(await screen.findByText('Nothing to review right now.')).toBeTruthy();
  });

  it('after a backup is restored, the lesson closes and review, bookmarks and progress reload', async () => {
    const api = await ready();
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Next' }));
    await within(log()).findByRole('article', { name: 'Check question' });
    const calls = () => ({
      progress: api.tutor.mock.calls.filter(([c]) => c.cmd === 'progress').length,
      bookmarks: api.bookmarks.list.mock.calls.length,
      catalog: api.catalog.mock.calls.length,
    });
    const before = calls();

    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const file = new File(['{"format":"nimbus-backup","version":1}'], 'old.json', { type: 'application/json' });
    await userEvent.upload(await screen.findByLabelText('Backup file to restore'), file);
    await userEvent.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText(/^Restored 4 lessons/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Close settings' }));

    await waitFor(() => {
      const after = calls();
      expect(after.progress).toBeGreaterThan(before.progress);
      expect(after.bookmarks).toBeGreaterThan(before.bookmarks);
      expect(after.catalog).toBeGreaterThan(before.catalog);
    });
    expect(within(log()).getByText(/restored from a backup/)).toBeTruthy();
    expect(screen.getByText('A restored backup closed this lesson.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Resume this phase' })).toBeTruthy();
    expect(screen.queryByText('Answer the check question above.')).toBeNull();

    // #review asks for the restored cards, not the ones it had
    api.review.due.mockResolvedValue(ok({ total: 0, cards: [] }));
    await userEvent.click(screen.getByRole('link', { name: '#review' }));
    const dueCalls = api.review.due.mock.calls.length;
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await userEvent.upload(await screen.findByLabelText('Backup file to restore'), file);
    await userEvent.click(screen.getByRole('button', { name: 'Restore' }));
    await screen.findByText(/^Restored 4 lessons/);
    await waitFor(() => expect(api.review.due.mock.calls.length).toBeGreaterThan(dueCalls));
  });
});
