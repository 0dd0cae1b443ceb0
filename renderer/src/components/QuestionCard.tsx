import { useId, useState, type FormEvent } from 'react';
import type { PublicQuestionDto } from '../../../electron/shared/api';
import { Markdown } from '../markdown/Markdown';

interface QuestionCardProps {
  question: PublicQuestionDto;
  /** False once answered (or when another question is open): the controls are disabled. */
  open: boolean;
  onAnswer: (answer: string) => void;
}

const KIND_LABEL = {
  cloze: 'Quick check', // the prompt itself says "Fill in the blank"
  choice: 'Multiple choice',
  short: 'Short answer',
  order: 'Put in order',
};

/** A check question: choice buttons, or a labelled text box for cloze, short and ordering answers. */
export function QuestionCard({ question, open, onAnswer }: QuestionCardProps) {
  const [text, setText] = useState('');
  const inputId = useId();
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (open && text.trim()) onAnswer(text.trim());
  };
  return (
    <article className="bubble tutor question-card" aria-label="Check question">
      <p className="card-label">{KIND_LABEL[question.kind]}</p>
      <Markdown source={question.prompt} />
      {question.kind === 'choice' && question.choices ? (
        <div className="choices" role="group" aria-label="Choices">
          {question.choices.map((c, i) => (
            <button key={`${i}-${c}`} type="button" className="choice" disabled={!open} onClick={() => onAnswer(c)}>
              {c}
            </button>
          ))}
        </div>
      ) : (
        <form className="answer-form" onSubmit={submit}>
          {question.kind === 'order' && question.choices && (
            <ol className="order-steps">
              {question.choices.map((c, i) => (
                <li key={`${i}-${c}`}>{c}</li>
              ))}
            </ol>
          )}
          <label htmlFor={inputId} className="visually-hidden">
            Your answer
          </label>
          <input
            id={inputId}
            value={text}
            disabled={!open}
            onChange={(e) => setText(e.target.value)}
            placeholder={question.kind === 'order' ? 'Step numbers in order, e.g. 2,1,3' : 'Your answer'}
          />
          <button type="submit" disabled={!open || !text.trim()}>
            Check
          </button>
        </form>
      )}
    </article>
  );
}
