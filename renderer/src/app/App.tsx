/**
 * The app shell, chat-app style: a rail of channels (phases with progress rings, #ask-anything,
 * #self-learned, #review, #bookmarks), the channel's timeline and composer, a side reader for cited
 * sections, Ctrl+K search, and Progress / Settings dialogs. FirstRunScreen while the engine opens.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { EngineNotice } from '../components/EngineNotice';
import type { NimbusApi, SearchHitDto } from '../../../electron/shared/api';
import { embedderLabel, type SourceChip } from '../chat';
import type { BookmarkItem } from '../components/BookmarksChannel';
import type { AnswerItem } from '../components/Bubble';
import { ChannelHeader } from '../components/ChannelHeader';
import { ChannelRail } from '../components/ChannelRail';
import { Dialog } from '../components/Dialog';
import { FirstRunScreen } from '../components/FirstRunScreen';
import { ProgressView } from '../components/ProgressView';
import { ReaderPanel } from '../components/ReaderPanel';
import { SearchPalette, useSearchShortcut } from '../components/SearchPalette';
import { SettingsView } from '../components/SettingsView';
import { CallBar } from '../components/CallBar';
import { useTheme } from '../theme';
import { nimbus } from '../transport';
import type { MicDeps } from '../voice/mic';
import { useVoice, VoiceProvider } from '../voice/VoiceContext';
import { answerKey, answerTarget, sectionKey } from './bookmarks';
import { ChannelView } from './ChannelView';
import {
  adjacentChannel,
  buildChannels,
  channelIdForPhase,
  phaseLabel,
  REVIEW_CHANNEL,
  SELF_CHANNEL,
} from './channels';
import { useCall } from './useCall';
import { useChat } from './useChat';
import { useBookmarks, useEngine, useLibrary } from './useLibrary';
import { useReader } from './useReader';
import { useVoiceChat } from './useVoiceChat';

type Overlay = 'progress' | 'settings' | null;

/** The app inside its voice context (speaker, speech model status, voice settings). */
export function App({ api = nimbus, micDeps }: { api?: NimbusApi; micDeps?: MicDeps | null }) {
  return (
    <VoiceProvider api={api} micDeps={micDeps}>
      <Shell api={api} />
    </VoiceProvider>
  );
}

function Shell({ api }: { api: NimbusApi }) {
  const engine = useEngine(api);
  const ready = engine.info !== null;
  const library = useLibrary(api, ready);
  const bookmarks = useBookmarks(api, ready);
  const [theme, setTheme] = useTheme();
  const { refreshProgress, setSummary } = library;
  const onProgressChanged = useCallback(() => void refreshProgress(), [refreshProgress]);
  const chat = useChat(api, { onSummary: setSummary, onProgressChanged });
  const voice = useVoice();
  const voiceChat = useVoiceChat(api, chat.dispatch, voice?.settings.speechModel);
  const call = useCall({ chat, voiceChat, voice });
  const reader = useReader(api);
  const channels = useMemo(() => buildChannels(library.catalog), [library.catalog]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [railOpen, setRailOpen] = useState(false);
  const [overlay, setOverlay] = useState<Overlay>(null);
  const [searchOpen, setSearchOpen] = useState(false);
  const [teach, setTeach] = useState({ title: '', key: 0 });
  const [toast, setToast] = useState<string | null>(null);
  // Bumped when a backup replaces the learner's data: remounts the channel view so its lists reload.
  const [dataEpoch, setDataEpoch] = useState(0);

  const channel = channels.find((c) => c.id === activeId) ?? channels[0];
  const select = useCallback((id: string) => {
    setActiveId(id);
    setRailOpen(false);
  }, []);

  useSearchShortcut(() => ready && setSearchOpen(true));

  // Alt+↑/↓ switches channels from anywhere; Esc closes the rail drawer.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (overlay || searchOpen || e.defaultPrevented) return;
      if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
        e.preventDefault();
        select(adjacentChannel(channels, channel.id, e.key === 'ArrowUp' ? -1 : 1));
      } else if (e.key === 'Escape' && railOpen) setRailOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [channels, channel, overlay, searchOpen, railOpen, select]);

  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(null), 6000);
    return () => clearTimeout(t);
  }, [toast]);

  if (!ready) return <FirstRunScreen progress={engine.progress} error={engine.error} onRetry={engine.retry} />;

  const openSource = (s: SourceChip): void =>
    void reader.open(s.chunkId ? { chunkId: s.chunkId } : { sectionId: s.sectionId ?? '' }, s.quote);
  const openHit = (hit: SearchHitDto): void => void reader.open({ chunkId: hit.chunkId });
  const openBookmark = (b: BookmarkItem): void => {
    const { sectionId, chunkId } = b.anchor;
    void reader.open(sectionId ? { sectionId } : { chunkId: chunkId ?? '' });
  };
  const toggleAnswer = async (item: AnswerItem): Promise<void> => {
    const request = answerTarget(item.question, item.markdown, item.sources);
    if (!request) return;
    const error = await bookmarks.toggle(answerKey(item.question, item.markdown), request);
    if (error) setToast(error);
  };
  const view = reader.state.view;
  const toggleSection = async (): Promise<void> => {
    if (!view) return;
    const error = await bookmarks.toggle(sectionKey(view.sectionId), {
      target: { kind: 'section', sectionId: view.sectionId },
    });
    if (error) setToast(error);
  };
  const gotoLesson = (lessonId: string, phaseId: string): void => {
    const target = channelIdForPhase(phaseId);
    select(target);
    void chat.tutor(target, { cmd: 'goto', lessonId });
  };
  const teachTopic = (title: string): void => {
    setTeach((t) => ({ title, key: t.key + 1 }));
    select(SELF_CHANNEL);
  };
  const dataReplaced = (): void => {
    chat.dispatch({ type: 'data-replaced', at: Date.now() });
    setDataEpoch((n) => n + 1);
    void library.refreshCatalog();
    void library.refreshProgress();
    void bookmarks.refresh();
  };
  const info = engine.info;

  return (
    <div className={`shell${reader.state.open ? ' with-reader' : ''}${railOpen ? ' rail-open' : ''}`}>
      <ChannelRail
        channels={channels}
        activeId={channel.id}
        summary={library.summary}
        onSelect={select}
        onProgress={() => setOverlay('progress')}
        onSettings={() => setOverlay('settings')}
        open={railOpen}
        status={
          info && (
            <p
              className="engine-status ready"
              title={info.embedder.notice ?? `${info.embedder.modelId}, ${info.embedder.dims} dimensions`}
            >
              {embedderLabel(info.embedder.kind, info.embedder.modelId)} · {info.chunks} passages
            </p>
          )
        }
      />
      {railOpen && <div className="scrim" aria-hidden="true" onClick={() => setRailOpen(false)} />}
      <main className="channel-pane" aria-label={channel.name}>
        <ChannelHeader
          channel={channel}
          railOpen={railOpen}
          onToggleRail={() => setRailOpen((o) => !o)}
          onSearch={() => setSearchOpen(true)}
          onStartCall={
            channel.kind === 'phase' && !(call.active && call.state.channelId === channel.id)
              ? () => call.start(channel.id, channel.phaseId)
              : undefined
          }
        />
        <EngineNotice notice={info?.notice ?? null} />
        {call.active && (
          <CallBar
            state={call.state}
            channelName={channels.find((c) => c.id === call.state.channelId)?.name ?? ''}
            elsewhere={call.state.channelId !== channel.id}
            level={call.level}
            onHangUp={call.hangUp}
            onGoToChannel={() => call.state.channelId && select(call.state.channelId)}
          />
        )}
        <ChannelView
          key={`${channel.id}:${dataEpoch}`}
          api={api}
          channel={channel}
          channels={channels}
          chat={chat}
          voiceChat={voiceChat}
          call={{
            here: call.active && call.state.channelId === channel.id,
            mic: call.state.mic,
            onText: (text) => call.handleText(text, true),
          }}
          bookmarks={bookmarks}
          summary={library.summary}
          teach={teach}
          onOpenSource={openSource}
          onOpenBookmark={openBookmark}
          onToggleAnswerBookmark={(item) => void toggleAnswer(item)}
          onTeach={teachTopic}
          onGotoLesson={gotoLesson}
          onCatalogChanged={() => void library.refreshCatalog()}
          onProgressChanged={onProgressChanged}
        />
        <p className="toast" role="status">
          {toast}
        </p>
      </main>
      {reader.state.open && (
        <ReaderPanel
          state={reader.state}
          phaseName={view ? phaseLabel(channels, view.phaseId).split(' · ')[0] : undefined}
          bookmarked={view ? bookmarks.index.has(sectionKey(view.sectionId)) : false}
          onToggleBookmark={() => void toggleSection()}
          onStudy={(lessonId, phaseId) => {
            reader.close();
            gotoLesson(lessonId, phaseId);
          }}
          onClose={reader.close}
          escapeCloses={!overlay && !searchOpen}
        />
      )}
      <SearchPalette open={searchOpen} onClose={() => setSearchOpen(false)} search={api.search} onOpen={openHit} />
      {overlay === 'progress' && (
        <Dialog label="Progress" onClose={() => setOverlay(null)} closeButton>
          <ProgressView
            summary={library.summary}
            onOpenPhase={(phaseId) => {
              setOverlay(null);
              select(channelIdForPhase(phaseId));
            }}
            onOpenReview={() => {
              setOverlay(null);
              select(REVIEW_CHANNEL);
            }}
          />
        </Dialog>
      )}
      {overlay === 'settings' && (
        <Dialog label="Settings" onClose={() => setOverlay(null)}>
          <SettingsView
            api={api}
            theme={theme}
            onTheme={setTheme}
            onClose={() => setOverlay(null)}
            onDataReplaced={dataReplaced}
          />
        </Dialog>
      )}
    </div>
  );
}
