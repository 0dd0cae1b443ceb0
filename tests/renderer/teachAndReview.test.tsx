// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReviewChannel } from '../../renderer/src/components/ReviewChannel';
import { SelfLearnedPanel } from '../../renderer/src/components/SelfLearnedPanel';
import { TeachTopicForm, titleFromFile } from '../../renderer/src/components/TeachTopicForm';
import { QUESTION, VERDICT, err, fakeApi, ok } from './fakeApi';

afterEach(cleanup);

// jsdom's File has no text(); browsers' (and Electron's) do
if (!('text' in File.prototype)) {
  Object.defineProperty(File.prototype, 'text', {
    value(this: File) {
      return new Promise<string>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.readAsText(this);
      });
    },
  });
}

describe('TeachTopicForm', () => {
  it('adds a typed topic and says it is answerable now', async () => {
    const api = fakeApi();
    const onAdded = vi.fn();
    render(<TeachTopicForm initialTitle="Beanstalk" onAdd={api.learn.add} onAdded={onAdded} />);
    expect((screen.getByRole('textbox', { name: 'Title' }) as HTMLInputElement).value).toBe('Beanstalk');
    await userEvent.type(screen.getByRole('textbox', { name: 'Notes (Markdown)' }), 'Elastic Beanstalk deploys apps.');
    await userEvent.click(screen.getByRole('button', { name: 'Teach this topic' }));
    expect(api.learn.add).toHaveBeenCalledWith({ title: 'Beanstalk', markdown: 'Elastic Beanstalk deploys apps.' });
    expect(screen.getByText(/“Beanstalk” is answerable now/)).toBeTruthy();
    expect(onAdded).toHaveBeenCalled();
  });

  it('imports a .md file with File.text() and shows the service’s refusal', async () => {
    const api = fakeApi();
    render(<TeachTopicForm onAdd={api.learn.add} onAdded={() => {}} />);
    const file = new File(['# Amazon Athena\n\nServerless SQL over S3.'], 'athena.md', { type: 'text/markdown' });
    await userEvent.upload(screen.getByLabelText('Import a .md/.txt file'), file);
    expect(api.learn.add).toHaveBeenCalledWith({
      title: 'Amazon Athena',
      markdown: '# Amazon Athena\n\nServerless SQL over S3.',
    });
    api.learn.add.mockResolvedValueOnce(err('A topic with that title exists.'));
    await userEvent.upload(screen.getByLabelText('Import a .md/.txt file'), new File(['x'], 'notes_on-glue.txt'));
    expect(api.learn.add).toHaveBeenLastCalledWith({ title: 'notes on glue', markdown: 'x' });
    expect(screen.getByRole('alert').textContent).toBe('A topic with that title exists.');
    expect(titleFromFile('a.md', '\n\n## Heading #\nbody')).toBe('Heading');
  });

  it('asks for a title and notes before adding', async () => {
    const api = fakeApi();
    render(<TeachTopicForm onAdd={api.learn.add} onAdded={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Teach this topic' }));
    expect(screen.getByRole('alert').textContent).toMatch(/title and some notes/);
    expect(api.learn.add).not.toHaveBeenCalled();
  });
});

describe('SelfLearnedPanel', () => {
  it('lists learned topics with Study and Remove, and the notes’ own topics', async () => {
    const api = fakeApi();
    api.learn.list.mockResolvedValue(
      ok([
        {
          id: 't1',
          title: 'Athena',
          markdown: 'x',
          source: 'import',
          fileName: 'athena.md',
          createdAt: '',
          updatedAt: '',
        },
      ]),
    );
    const onStudy = vi.fn();
    const onChanged = vi.fn();
    const lessons = [
      { lessonId: 'l-fargate', title: 'Topic: AWS Fargate' },
      { lessonId: 'l-athena', title: 'Topic: Athena' },
    ];
    render(
      <SelfLearnedPanel
        api={api}
        prefill=""
        prefillKey={0}
        lessons={lessons}
        busy={false}
        onChanged={onChanged}
        onStudy={onStudy}
      />,
    );
    const mine = await screen.findByText('Athena', { selector: '.topic-title' });
    const row = mine.closest('li') as HTMLElement;
    expect(row.textContent).toContain('imported from athena.md');
    await userEvent.click(within(row).getByRole('button', { name: 'Study Athena' }));
    expect(onStudy).toHaveBeenCalledWith('l-athena');
    expect(screen.getByRole('button', { name: 'Study Topic: AWS Fargate' })).toBeTruthy();
    await userEvent.click(within(row).getByRole('button', { name: 'Remove Athena' }));
    expect(api.learn.remove).toHaveBeenCalledWith('t1');
    expect(onChanged).toHaveBeenCalled();
  });
});

describe('ReviewChannel', () => {
  it('says when nothing is due', async () => {
    render(<ReviewChannel api={fakeApi()} />);
    expect(await screen.findByText('Nothing to review right now.')).toBeTruthy();
  });

  it('renders due cards as question cards and grades each in place', async () => {
    const api = fakeApi();
    api.review.due.mockResolvedValue(ok({ total: 1, cards: [{ question: QUESTION, due: '2025-01-01T00:00:00Z' }] }));
    const onGraded = vi.fn();
    render(<ReviewChannel api={api} onGraded={onGraded} />);
    const card = await screen.findByRole('article', { name: 'Check question' });
    await userEvent.click(within(card).getByRole('button', { name: /Security groups/ }));
    expect(api.review.answer).toHaveBeenCalledWith({ questionId: 'q1', answer: 'Security groups' });
    expect((await within(card).findByRole('region', { name: 'Verdict' })).textContent).toContain(VERDICT.feedback);
    expect(onGraded).toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Check for more' }));
    expect(api.review.due).toHaveBeenCalledTimes(2);
  });
});
