import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineInfoDto, ProgressEvent, Result, TutorCommand } from '../../electron/shared/api';
import type { ChatMessage } from './chat';
import { Composer } from './components/Composer';
import { Header } from './components/Header';
import { Timeline } from './components/Timeline';
import { nimbus } from './transport';

/** Where the guided lesson stands: none yet, running, or waiting for an answer to `questionId`. */
type LessonState = { started: boolean; questionId: string | null };

export function App() {
  const [info, setInfo] = useState<Result<EngineInfoDto> | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [busy, setBusy] = useState(false);
  const [lesson, setLesson] = useState<LessonState>({ started: false, questionId: null });
  const nextId = useRef(1);
  const infoOk = useRef(false);
  useEffect(() => {
    infoOk.current = info?.ok === true;
  }, [info]);

  // Asking for info() is what starts the engine loading; progress arrives meanwhile.
  useEffect(() => {
    let live = true;
    const unsubscribe = nimbus.onProgress((event) => {
      if (live) setProgress(event);
    });
    void nimbus.info().then((result) => {
      if (live) setInfo(result);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);

  const ask = useCallback(async (question: string) => {
    const learnerId = nextId.current++;
    const tutorId = nextId.current++;
    setBusy(true);
    setMessages((ms) => [
      ...ms,
      { id: learnerId, role: 'learner', text: question.trim() },
      { id: tutorId, role: 'tutor', status: 'pending' },
    ]);
    let reply: ChatMessage;
    try {
      const result = await nimbus.ask(question);
      reply = result.ok
        ? { id: tutorId, role: 'tutor', status: 'answer', response: result.value }
        : { id: tutorId, role: 'tutor', status: 'error', error: result.error };
      // A failed first load is retried by ask(); once that works, refresh the header too.
      if (result.ok && !infoOk.current) void nimbus.info().then(setInfo);
    } catch (e) {
      reply = { id: tutorId, role: 'tutor', status: 'error', error: { code: 'ipc', message: String(e) } };
    }
    setMessages((ms) => ms.map((m) => (m.id === tutorId ? reply : m)));
    setBusy(false);
  }, []);

  /** One tutor command; the learner's own words (an answer) go in the timeline first. */
  const tutor = useCallback(async (command: TutorCommand, learnerText?: string) => {
    setBusy(true);
    if (learnerText) setMessages((ms) => [...ms, { id: nextId.current++, role: 'learner', text: learnerText }]);
    let added: ChatMessage[];
    try {
      const result = await nimbus.tutor(command);
      if (result.ok) {
        // The progress summary is for a later sidebar; the chat shows the rest.
        const events = result.value.filter((e) => e.type !== 'progress');
        added = events.map((event) => ({ id: nextId.current++, role: 'tutor', status: 'event', event }));
        setLesson((l) => {
          let questionId = l.questionId;
          for (const e of result.value) {
            if (e.type === 'question') questionId = e.question.id;
            if (e.type === 'verdict' && e.verdict.questionId === questionId) questionId = null;
          }
          return { started: true, questionId };
        });
      } else added = [{ id: nextId.current++, role: 'tutor', status: 'error', error: result.error }];
    } catch (e) {
      added = [{ id: nextId.current++, role: 'tutor', status: 'error', error: { code: 'ipc', message: String(e) } }];
    }
    setMessages((ms) => [...ms, ...added]);
    setBusy(false);
  }, []);

  const answer = useCallback(
    (questionId: string, text: string) => void tutor({ cmd: 'answer', questionId, answer: text }, text),
    [tutor],
  );

  return (
    <div className="app">
      <Header info={info} progress={progress} />
      <main className="chat">
        <Timeline messages={messages} openQuestionId={busy ? null : lesson.questionId} onAnswer={answer} />
        <div className="lesson-bar" role="toolbar" aria-label="Lesson">
          {!lesson.started ? (
            <button type="button" disabled={busy} onClick={() => void tutor({ cmd: 'start' })}>
              Start lesson
            </button>
          ) : (
            <button
              type="button"
              disabled={busy || lesson.questionId !== null}
              onClick={() => void tutor({ cmd: 'next' })}
            >
              Next
            </button>
          )}
          <span className="lesson-hint">
            {lesson.questionId
              ? 'Answer the check question above.'
              : lesson.started
                ? 'Continue the lesson.'
                : 'Or just ask a question below.'}
          </span>
        </div>
        <Composer busy={busy} onSend={(q) => void ask(q)} />
      </main>
    </div>
  );
}
