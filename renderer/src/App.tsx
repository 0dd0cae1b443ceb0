import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineInfoDto, ProgressEvent, Result } from '../../electron/shared/api';
import type { ChatMessage } from './chat';
import { Composer } from './components/Composer';
import { Header } from './components/Header';
import { Timeline } from './components/Timeline';

export function App() {
  const [info, setInfo] = useState<Result<EngineInfoDto> | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [busy, setBusy] = useState(false);
  const nextId = useRef(1);
  const infoOk = useRef(false);
  useEffect(() => {
    infoOk.current = info?.ok === true;
  }, [info]);

  // Asking for info() is what starts the engine loading; progress arrives meanwhile.
  useEffect(() => {
    let live = true;
    const unsubscribe = window.nimbus.onProgress((event) => {
      if (live) setProgress(event);
    });
    void window.nimbus.info().then((result) => {
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
      const result = await window.nimbus.ask(question);
      reply = result.ok
        ? { id: tutorId, role: 'tutor', status: 'answer', response: result.value }
        : { id: tutorId, role: 'tutor', status: 'error', error: result.error };
      // A failed first load is retried by ask(); once that works, refresh the header too.
      if (result.ok && !infoOk.current) void window.nimbus.info().then(setInfo);
    } catch (e) {
      reply = { id: tutorId, role: 'tutor', status: 'error', error: { code: 'ipc', message: String(e) } };
    }
    setMessages((ms) => ms.map((m) => (m.id === tutorId ? reply : m)));
    setBusy(false);
  }, []);

  return (
    <div className="app">
      <Header info={info} progress={progress} />
      <main className="chat">
        <Timeline messages={messages} />
        <Composer busy={busy} onSend={(q) => void ask(q)} />
      </main>
    </div>
  );
}
