/**
 * A typed, in-memory NimbusApi for renderer tests (never the network), with sample DTOs shaped like
 * the real services' answers. Every call is a vi.fn, so tests can script or inspect it.
 */
import { vi } from 'vitest';
import type {
  AskResponse,
  BackupImportSummaryDto,
  BookmarkGroupDto,
  CatalogDto,
  EngineInfoDto,
  NimbusApi,
  ProgressSummaryDto,
  PublicQuestionDto,
  Result,
  SectionViewDto,
  TutorEventDto,
  VerdictDto,
  VoiceStatusDto,
} from '../../electron/shared/api';

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(message: string, code = 'test'): Result<T> => ({ ok: false, error: { code, message } });

export const INFO: EngineInfoDto = {
  embedder: { modelId: 'nimbus/aws-notes-static', kind: 'static-domain', dims: 256, notice: null },
  search: 'hybrid',
  notice: null,
  chunks: 87,
  sections: 80,
  index: { origin: 'built', rebuildReason: null, persisted: true, saveError: null, ms: 300 },
};

export const CATALOG: CatalogDto = {
  phases: [
    {
      phaseId: 'phase1',
      order: 1,
      title: 'Core Services',
      channel: 'core-services',
      lessons: [
        { lessonId: 'l-aws', title: 'Amazon Web Services (AWS)', headingPath: ['Phase 1 — Core Services', 'AWS'] },
        { lessonId: 'l-vpc', title: 'Amazon VPC', headingPath: ['Phase 1 — Core Services', 'Amazon VPC'] },
      ],
    },
    {
      phaseId: 'phase2',
      order: 2,
      title: 'Databases & Storage',
      channel: 'databases-storage',
      lessons: [{ lessonId: 'l-rds', title: 'Amazon RDS', headingPath: ['Phase 2 — Databases & Storage', 'RDS'] }],
    },
    {
      phaseId: 'self',
      order: 7,
      title: 'Self-Learning Topics',
      channel: 'self-learning',
      lessons: [{ lessonId: 'l-fargate', title: 'Topic: AWS Fargate', headingPath: ['Self', 'Topic: AWS Fargate'] }],
    },
  ],
};

export const SUMMARY: ProgressSummaryDto = {
  phases: [
    { phaseId: 'phase1', title: 'Core Services', lessons: 2, done: 1, mastery: 0.42 },
    { phaseId: 'phase2', title: 'Databases & Storage', lessons: 1, done: 0, mastery: 0 },
    { phaseId: 'self', title: 'Self-Learning Topics', lessons: 1, done: 0, mastery: 0 },
  ],
  current: null,
  suggestedNext: null,
  reviewDue: 3,
};

const SG_PATH = ['Phase 1 — Core Services', 'Amazon VPC', 'Security Groups vs NACLs'];
export const SG_TEXT = '- **Security Groups** are stateful.\n- **NACLs** are stateless.';

export const ASK: AskResponse = {
  abstained: false,
  answer: `**Amazon VPC › Security Groups vs NACLs** [1]\n\n${SG_TEXT}`,
  citations: [{ marker: 1, chunkId: 'chunk-sg', headingPath: SG_PATH, text: SG_TEXT }],
  ms: 2,
};

export const SECTION: SectionViewDto = {
  sectionId: 'sec-sg',
  phaseId: 'phase1',
  headingPath: SG_PATH,
  markdown: `Intro paragraph about filtering.\n\n${SG_TEXT}\n\nA closing remark.`,
  highlight: SG_TEXT,
  lessonId: 'l-vpc',
};

export const QUESTION: PublicQuestionDto = {
  id: 'q1',
  lessonId: 'l-aws',
  kind: 'choice',
  prompt: 'Which one is **stateful**?',
  choices: ['Security groups', 'Network ACLs'],
  ref: { sectionId: 'sec-sg', headingPath: SG_PATH },
};

export const VERDICT: VerdictDto = {
  questionId: 'q1',
  result: 'correct',
  score: 1,
  expected: 'Security groups',
  feedback: 'Right: security groups remember connections.',
  ref: { sectionId: 'sec-sg', headingPath: SG_PATH },
};

export const LESSON_EVENTS: TutorEventDto[] = [
  { type: 'lesson', phaseId: 'phase1', lessonId: 'l-aws', title: 'Amazon Web Services (AWS)', goals: ['Explain AWS'] },
  {
    type: 'message',
    role: 'tutor',
    markdown: "Let's get into **AWS**.",
    refs: [{ sectionId: 'sec-aws', headingPath: ['Phase 1 — Core Services', 'AWS'] }],
  },
];

export const BOOKMARKS: BookmarkGroupDto[] = [
  {
    phaseId: 'phase1',
    items: [
      {
        id: 'b1',
        kind: 'section',
        anchor: {
          sectionId: 'sec-sg',
          phaseId: 'phase1',
          headingPath: SG_PATH,
          snippet: '**Security Groups** are stateful.',
        },
        note: 'exam favourite',
        createdAt: '2025-01-01T00:00:00Z',
        updatedAt: '2025-01-01T00:00:00Z',
        status: 'moved',
      },
      {
        id: 'b2',
        kind: 'section',
        anchor: { sectionId: 'sec-old', phaseId: 'phase1', headingPath: ['Phase 1', 'Old Section'], snippet: 'gone' },
        note: '',
        createdAt: '2025-01-01T00:00:00Z',
        updatedAt: '2025-01-01T00:00:00Z',
        status: 'missing',
      },
    ],
  },
  {
    phaseId: 'phase2',
    items: [
      {
        id: 'b3',
        kind: 'answer',
        anchor: { chunkId: 'chunk-rds', phaseId: 'phase2', headingPath: ['Phase 2', 'Amazon RDS'], snippet: 'RDS' },
        answer: { question: 'what is rds?', markdown: 'RDS is a **managed** database.' },
        note: '',
        createdAt: '2025-01-01T00:00:00Z',
        updatedAt: '2025-01-01T00:00:00Z',
        status: 'exact',
      },
    ],
  },
];

export const VOICE_STATUS: VoiceStatusDto = {
  stt: {
    modelId: 'Xenova/whisper-tiny.en',
    installed: false,
    installable: true,
    sizeBytes: 64_342_031,
    installCommand: 'npm run models -- --hub --only Xenova/whisper-tiny.en',
    reason: 'model.onnx is missing',
  },
  tts: {
    engine: 'espeak-ng',
    label: 'eSpeak NG',
    available: true,
    fallback: null,
    summary: 'speech output: eSpeak NG',
  },
  limits: { maxSeconds: 60, sampleRate: 16000 },
};

/** VOICE_STATUS for another speech model, as core answers it (base.en: size known only from the hub). */
export function voiceStatusFor(modelId: string = VOICE_STATUS.stt.modelId): VoiceStatusDto {
  if (modelId === VOICE_STATUS.stt.modelId) return VOICE_STATUS;
  const stt = {
    ...VOICE_STATUS.stt,
    modelId,
    sizeBytes: null,
    installCommand: `npm run models -- --hub --only ${modelId}`,
  };
  return { ...VOICE_STATUS, stt };
}

export const BACKUP_SUMMARY: BackupImportSummaryDto = {
  progressLessons: 4,
  reviewCards: 7,
  bookmarks: 2,
  topics: 1,
  exportedAt: '2025-01-31T10:00:00.000Z',
  undoFile: '/data/backups/pre-import-2025-02-01T09-00-00-000Z.json',
};

/** A tiny valid WAV (100 ms of silence at 16 kHz), as base64. */
export const SILENT_WAV_BASE64 = (() => {
  const bytes = new Uint8Array(44 + 3200);
  const v = new DataView(bytes.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + 3200, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, 16000, true);
  v.setUint32(28, 32000, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, 3200, true);
  return Buffer.from(bytes).toString('base64');
})();

/** A fake API answering with the samples above; override any call with vi.fn implementations. */
export function fakeApi() {
  const api = {
    ask: vi.fn<NimbusApi['ask']>(async () => ok(ASK)),
    info: vi.fn<NimbusApi['info']>(async () => ok(INFO)),
    tutor: vi.fn<NimbusApi['tutor']>(async (c) => {
      if (c.cmd === 'progress') return ok([{ type: 'progress', summary: SUMMARY }]);
      if (c.cmd === 'goto') return ok(LESSON_EVENTS);
      if (c.cmd === 'next') return ok([{ type: 'question', question: QUESTION }]);
      if (c.cmd === 'answer') return ok([{ type: 'verdict', verdict: VERDICT }]);
      return ok([]);
    }),
    bookmarks: {
      list: vi.fn<NimbusApi['bookmarks']['list']>(async () => ok([])),
      add: vi.fn<NimbusApi['bookmarks']['add']>(async () => ok(BOOKMARKS[0].items[0])),
      remove: vi.fn<NimbusApi['bookmarks']['remove']>(async () => ok(true)),
    },
    learn: {
      add: vi.fn<NimbusApi['learn']['add']>(async (t) =>
        ok({ id: 't1', title: t.title, markdown: t.markdown, source: 'typed', createdAt: '', updatedAt: '' }),
      ),
      list: vi.fn<NimbusApi['learn']['list']>(async () => ok([])),
      remove: vi.fn<NimbusApi['learn']['remove']>(async () => ok(true)),
    },
    catalog: vi.fn<NimbusApi['catalog']>(async () => ok(CATALOG)),
    section: vi.fn<NimbusApi['section']>(async () => ok(SECTION)),
    search: vi.fn<NimbusApi['search']>(async () => ok([])),
    review: {
      due: vi.fn<NimbusApi['review']['due']>(async () => ok({ total: 0, cards: [] })),
      answer: vi.fn<NimbusApi['review']['answer']>(async () => ok(VERDICT)),
    },
    models: {
      status: vi.fn<NimbusApi['models']['status']>(async () => ok({ modelsRoot: '/m', models: [] })),
      install: vi.fn<NimbusApi['models']['install']>(async () => ok({ ok: true, models: [], reloaded: false })),
    },
    voice: {
      status: vi.fn<NimbusApi['voice']['status']>(async (r) => ok(voiceStatusFor(r?.modelId))),
      transcribe: vi.fn<NimbusApi['voice']['transcribe']>(async () =>
        err('The speech model (Xenova/whisper-tiny.en) is not installed.', 'speech-model-missing'),
      ),
      speakSentences: vi.fn<NimbusApi['voice']['speakSentences']>(async (r) =>
        ok({
          sentences: r.markdown
            .split(/(?<=\.)\s+/)
            .filter(Boolean)
            .map((t) => ({ text: t, spoken: t })),
        }),
      ),
      speakSentence: vi.fn<NimbusApi['voice']['speakSentence']>(async () =>
        ok({ wavBase64: SILENT_WAV_BASE64, sampleRate: 16000, durationMs: 100, engine: 'espeak-ng' }),
      ),
    },
    backup: {
      export: vi.fn<NimbusApi['backup']['export']>(async () =>
        ok({ fileName: 'nimbus-backup-2025-01-31.json', json: '{"format":"nimbus-backup"}\n' }),
      ),
      import: vi.fn<NimbusApi['backup']['import']>(async () => ok(BACKUP_SUMMARY)),
    },
    onProgress: vi.fn<NimbusApi['onProgress']>(() => () => {}),
  } satisfies NimbusApi;
  return api;
}
