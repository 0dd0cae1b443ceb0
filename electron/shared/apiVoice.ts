/**
 * Contract, part three: voice. Speech in (a recorded WAV → its transcript) and speech out (Markdown
 * → speakable sentences → one WAV per sentence), plus what settings and the mic show. Audio crosses
 * as base64 WAV (core also accepts WebM/Opus bytes in `wavBase64`, as MediaRecorder writes them);
 * the limits below keep a voice message within one bounded request.
 */
import { z } from 'zod';
import {
  MAX_SPEAK_MARKDOWN,
  MAX_SPEAK_SENTENCE,
  MAX_SPEECH_RATE,
  MAX_VOICE_BASE64_CHARS,
  MIN_SPEECH_RATE,
  SPEECH_MODEL_IDS,
} from './voiceConstants';

export * from './voiceConstants';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A speech model the app offers; anything else is refused before it reaches core. */
export const SpeechModelIdSchema = z.enum(SPEECH_MODEL_IDS);

// voice.status({modelId?}): the default speech model when none is given
export const VoiceStatusRequestSchema = z.strictObject({ modelId: SpeechModelIdSchema.optional() }).optional();
export type VoiceStatusRequest = z.infer<typeof VoiceStatusRequestSchema>;
export const VoiceStatusSchema = z.object({
  stt: z.object({
    modelId: z.string(),
    installed: z.boolean(),
    /** In the model manifest, and the app's install source can verify it, so `models.install` can fetch it. */
    installable: z.boolean(),
    /** Download size; null when only the hub's listing will tell (a hub-attested model). */
    sizeBytes: z.number().nonnegative().nullable(),
    /** The command-line equivalent of the app's Install button. */
    installCommand: z.string(),
    /** Why it cannot be used, when it cannot. */
    reason: z.string().nullable(),
  }),
  tts: z.object({
    /** The engine core speaks with (e.g. "espeak-ng"), or null when only the browser can speak. */
    engine: z.string().nullable(),
    /** What settings shows ("eSpeak NG", or the browser's voice). */
    label: z.string(),
    available: z.boolean(),
    fallback: z.enum(['web-speech']).nullable(),
    summary: z.string(),
  }),
  limits: z.object({ maxSeconds: z.number().positive(), sampleRate: z.number().int().positive() }),
});
export type VoiceStatusDto = z.infer<typeof VoiceStatusSchema>;

// voice.transcribe({wavBase64, modelId?}): the renderer sends WAV; WebM/Opus bytes decode too
export const TranscribeRequestSchema = z.object({
  wavBase64: z.string().min(1).max(MAX_VOICE_BASE64_CHARS).regex(BASE64),
  modelId: SpeechModelIdSchema.optional(),
});
export type TranscribeRequest = z.infer<typeof TranscribeRequestSchema>;
export const TranscriptSchema = z.object({
  /** Empty when no words were heard; `note` then says why. */
  text: z.string(),
  ms: z.number().nonnegative(),
  audioSeconds: z.number().nonnegative(),
  speechSeconds: z.number().nonnegative(),
  engine: z.string(),
  note: z.string().optional(),
});
export type TranscriptDto = z.infer<typeof TranscriptSchema>;

// voice.speakSentences({markdown}): what to say, sentence by sentence (no audio yet)
export const SpeakSentencesRequestSchema = z.object({ markdown: z.string().max(MAX_SPEAK_MARKDOWN) });
export type SpeakSentencesRequest = z.infer<typeof SpeakSentencesRequestSchema>;
export const SpeakSentencesSchema = z.object({
  sentences: z.array(
    z.object({
      /** What the screen may show while it plays. */
      text: z.string(),
      /** What to give voice.speakSentence (tables summarised, acronyms spelled, links as hosts). */
      spoken: z.string(),
    }),
  ),
});
export type SpeakSentencesDto = z.infer<typeof SpeakSentencesSchema>;

// voice.speakSentence({text, rate}): one sentence → one WAV
export const SpeakSentenceRequestSchema = z.object({
  text: z.string().min(1).max(MAX_SPEAK_SENTENCE),
  rate: z.number().min(MIN_SPEECH_RATE).max(MAX_SPEECH_RATE).optional(),
});
export type SpeakSentenceRequest = z.infer<typeof SpeakSentenceRequestSchema>;
export const SpokenSentenceSchema = z.object({
  /** A 16-bit mono RIFF/WAVE file. */
  wavBase64: z.string(),
  sampleRate: z.number().int().positive(),
  durationMs: z.number().nonnegative(),
  engine: z.string(),
});
export type SpokenSentenceDto = z.infer<typeof SpokenSentenceSchema>;
