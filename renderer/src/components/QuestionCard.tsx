import { useId, useState, type FormEvent } from 'react';
import type { PublicQuestionDto, VerdictDto } from '../../../electron/shared/api';
import { VERDICT_LABEL } from '../chat';
import { Markdown } from '../markdown/Markdown';

interface QuestionCardProps {
  question: PublicQuestionDto;
  /** False once answered (or when another question is open): the controls are disabled. */
  open: boolean;
  /** The learner's answer, once given. */
  answer?: string;
  /** The grade, shown on the card as soon as it arrives. */
  verdict?: VerdictDto;
  onAnswer: (answer: string) => void;
}

const KIND_LABEL = {
  cloze: 'Quick check', // the prompt itself says "Fill in the blank"
  choice: 'Multiple choice',
  short: 'Short answer',
  order: 'Put in order',
};

/** A check question: choice buttons, or a labelled text box for cloze, short and ordering answers. */
export function QuestionCard({ question, open, answer, verdict, onAnswer }: QuestionCardProps) {
  const [text, setText] = useState('');
  const inputId = useId();
  const active = open && !verdict;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (active && text.trim()) onAnswer(text.trim());
  };
  return (
    <article className={`question-card${verdict ? ` answered ${verdict.result}` : ''}`} aria-label="Check question">
      <p className="card-label">{KIND_LABEL[question.kind]}</p>
      <Markdown source={question.prompt} />
      {question.kind === 'choice' && question.choices ? (
        <div className="choices" role="group" aria-label="Choices">
          {question.choices.map((c, i) => (
            <button
              key={`${i}-${c}`}
              type="button"
              className="choice"
              aria-pressed={answer === c}
              disabled={!active}
              onClick={() => onAnswer(c)}
            >
              <span className="choice-letter" aria-hidden="true">
                {String.fromCharCode(65 + i)}
              </span>
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
            value={answer !== undefined && !active ? answer : text}
            disabled={!active}
            onChange={(e) => setText(e.target.value)}
            placeholder={question.kind === 'order' ? 'Step numbers in order, e.g. 2,1,3' : 'Your answer'}
            autoComplete="off"
          />
          <button type="submit" disabled={!active || !text.trim()}>
            Check
          </button>
        </form>
      )}
      <div className="card-feedback" role="status">
        {verdict ? (
          <section className={`verdict ${verdict.result}`} aria-label="Verdict">
            <p className="verdict-label">
              <span aria-hidden="true">
                {verdict.result === 'correct' ? '✓ ' : verdict.result === 'partly' ? '◐ ' : '✗ '}
              </span>
              {VERDICT_LABEL[verdict.result]}
            </p>
            {verdict.result !== 'correct' && <p className="plain">Expected: {verdict.expected}</p>}
            <Markdown source={verdict.feedback} />
          </section>
        ) : answer !== undefined ? (
          <p className="checking">Checking your answer…</p>
        ) : null}
      </div>
    </article>
  );
}
