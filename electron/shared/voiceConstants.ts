/**
 * Dependency-free constants of the voice contract (apiVoice.ts re-exports them): the renderer
 * imports these directly, so its bundle does not pull in zod.
 */

/** Longest voice message or call utterance accepted (Whisper's window is 30 s; two of them). */
export const MAX_VOICE_SECONDS = 60;
/** The rate the renderer sends (core resamples anything, but this keeps requests small). */
export const VOICE_SAMPLE_RATE = 16_000;
/** 60 s of 16 kHz mono 16-bit PCM plus the header, as base64 (4 chars per 3 bytes), rounded up. */
export const MAX_VOICE_WAV_BYTES = MAX_VOICE_SECONDS * VOICE_SAMPLE_RATE * 2 + 1024;
export const MAX_VOICE_BASE64_CHARS = Math.ceil(MAX_VOICE_WAV_BYTES / 3) * 4;
/** Longest Markdown read aloud in one go (an answer or a lesson message is a few KB). */
export const MAX_SPEAK_MARKDOWN = 200_000;
/** One sentence to synthesise (the splitter cuts sentences at 220 characters; tables summarised). */
export const MAX_SPEAK_SENTENCE = 5_000;
/**
 * The speech models the learner can pick (Settings → Voice), default first. tiny.en's hashes are
 * pinned in models/manifest.json; base.en's are attested by the hub when it is installed.
 */
export const SPEECH_MODEL_IDS = ['Xenova/whisper-tiny.en', 'Xenova/whisper-base.en'] as const;
export type SpeechModelId = (typeof SPEECH_MODEL_IDS)[number];
export const DEFAULT_SPEECH_MODEL_ID: SpeechModelId = SPEECH_MODEL_IDS[0];
export const MIN_SPEECH_RATE = 0.5;
export const MAX_SPEECH_RATE = 2;

/** The expected failures of the voice calls (besides the contract's own codes). */
export const VoiceErrorCode = {
  /** No speech model: the message says how to install it (the app offers a button). */
  speechModelMissing: 'speech-model-missing',
  /** Not audio the decoder accepts (empty, Ogg/MP3, truncated or corrupt WAV/WebM …). */
  badAudio: 'bad-audio',
  /** Longer than MAX_VOICE_SECONDS. */
  audioTooLong: 'audio-too-long',
  /** No text-to-speech engine on this machine: the renderer falls back to the browser's voice. */
  noSpeechEngine: 'no-speech-engine',
  /** The engine ran and failed (its message says why). */
  speechFailed: 'speech-failed',
  /** Nothing speakable in the text (only code, only punctuation). */
  nothingToSay: 'nothing-to-say',
} as const;
