/**
 * The app's voice calls over core's voice modules: what the mic and settings show (speech model
 * installed or not, the text-to-speech engine), a recorded WAV → its transcript, and Markdown →
 * sentences → one WAV per sentence. Runs in the services worker with the rest of NimbusServices.
 *
 * Never a silent failure: a missing speech model is a VoiceError 'speech-model-missing' whose
 * message carries the install command, bad audio is 'bad-audio', over-long audio 'audio-too-long'.
 *
 * The recognizer module is imported on first use: it loads transformers.js and onnxruntime, which
 * must stay out of the processes that only pass calls on (the web server, Electron's main).
 */
import { loadManifest, findModel, pinnedSizeBytes } from '../models/manifest';
import { dirRefusalReason, type InstallSource } from '../models/installer';
import { AudioDecodeError } from '../voice/wav';
import type { SpeechRecognizer } from '../voice/recognizer';
import { transcribeBytes } from '../voice/transcribe';
import { loadNotesVocabulary, type Vocabulary } from '../voice/vocabulary';
import { chooseSynthesizer, type ChosenSynthesizer } from '../voice/tts/choose';
import { markdownToSpeakable } from '../voice/tts/speakable';
import { SynthesisError } from '../voice/tts/types';
import { manifestPathFor } from './modelsPanel';
import {
  DEFAULT_SPEECH_MODEL_ID,
  MAX_VOICE_SECONDS,
  MAX_VOICE_WAV_BYTES,
  VOICE_SAMPLE_RATE,
  VoiceErrorCode,
  type SpeakSentenceRequest,
  type SpeakSentencesDto,
  type SpokenSentenceDto,
  type TranscriptDto,
  type VoiceStatusDto,
} from '../../shared/apiVoice';

const recognizerModule = () => import('../voice/recognizer');

export class VoiceError extends Error {
  override name = 'VoiceError';
  constructor(
    readonly code: (typeof VoiceErrorCode)[keyof typeof VoiceErrorCode],
    message: string,
  ) {
    super(message);
  }
}

export interface VoicePanelOptions {
  modelsRoot: string;
  contentDir: string;
  tokenizerDir?: string;
  /** The speech model when a call names none (default Whisper tiny.en). */
  modelId?: string;
  /** Where the app installs models from: a folder cannot provide a hub-attested model. Default: the hub. */
  modelSource?: InstallSource;
  /** Injected by tests; default: WhisperRecognizer from modelsRoot (throws SpeechModelMissingError). */
  loadRecognizer?: (modelId: string) => Promise<SpeechRecognizer>;
  /** Injected by tests; default: chooseSynthesizer() (espeak-ng, say, SAPI …), chosen once. */
  chooseEngine?: () => Promise<ChosenSynthesizer>;
  /** Injected by tests; default: the AWS vocabulary of the notes (corrects "easy two" → EC2). */
  loadVocabulary?: () => Promise<Vocabulary | undefined>;
}

export class VoicePanel {
  // One recognizer at a time: switching models in settings drops the other (base.en is large).
  private recognizer: { modelId: string; loading: Promise<SpeechRecognizer> } | null = null;
  private engine: Promise<ChosenSynthesizer> | null = null;
  private vocabulary: Promise<Vocabulary | undefined> | null = null;
  private readonly modelId: string;

  constructor(private readonly o: VoicePanelOptions) {
    this.modelId = o.modelId ?? DEFAULT_SPEECH_MODEL_ID;
  }

  async status(modelId = this.modelId): Promise<VoiceStatusDto> {
    const manifestPath = manifestPathFor(this.o.modelsRoot);
    const { speechModelStatus } = await recognizerModule();
    const [stt, chosen, entry] = await Promise.all([
      speechModelStatus(this.o.modelsRoot, modelId, manifestPath),
      this.chosen(),
      loadManifest(manifestPath).then((m) => findModel(m, modelId)),
    ]);
    const engine = chosen.engine;
    // A folder source has nothing to check a hub-attested model's files against.
    const fromDir = stt.hubAttested && this.o.modelSource?.kind === 'dir';
    const installable = entry?.role === 'speech-to-text' && !entry.built && !fromDir;
    return {
      stt: {
        modelId: stt.modelId,
        installed: stt.installed,
        installable,
        sizeBytes: entry ? pinnedSizeBytes(entry) : 0,
        installCommand: stt.installCommand,
        reason: stt.installed
          ? null
          : fromDir
            ? `${modelId}: ${dirRefusalReason(modelId)}`
            : (stt.problems[0] ?? `${stt.modelId} is not installed`),
      },
      tts: {
        engine: engine?.id ?? null,
        label: engine?.label ?? "the browser's voice",
        available: engine !== null,
        fallback: chosen.fallback,
        summary: chosen.summary,
      },
      limits: { maxSeconds: MAX_VOICE_SECONDS, sampleRate: VOICE_SAMPLE_RATE },
    };
  }

  /** A recorded WAV (base64, already size-checked by the contract) → its transcript. */
  async transcribe(wavBase64: string, modelId = this.modelId): Promise<TranscriptDto> {
    const bytes = new Uint8Array(Buffer.from(wavBase64, 'base64'));
    // The model first, even for silence: the learner hears that it is missing, not "no speech".
    const recognizer = await this.loadRecognizer(modelId);
    try {
      const t = await transcribeBytes(bytes, {
        recognizer: async () => recognizer,
        engineId: recognizer.id,
        vocabulary: await this.loadVocabulary(),
        maxBytes: MAX_VOICE_WAV_BYTES,
        maxDurationSec: MAX_VOICE_SECONDS,
      });
      return {
        text: t.text,
        ms: t.ms,
        audioSeconds: t.audioSeconds,
        speechSeconds: t.speechSeconds,
        engine: t.engine,
        ...(t.note ? { note: t.note } : {}),
      };
    } catch (e) {
      if (e instanceof AudioDecodeError)
        throw e.code === 'too-large'
          ? new VoiceError(VoiceErrorCode.audioTooLong, `That recording is too long: ${e.message}.`)
          : new VoiceError(VoiceErrorCode.badAudio, `The recording could not be read: ${e.message}`);
      throw e;
    }
  }

  /** Markdown → the sentences to speak, in order (no audio yet). */
  speakSentences(markdown: string): SpeakSentencesDto {
    return { sentences: markdownToSpeakable(markdown).map((s) => ({ text: s.text, spoken: s.spoken })) };
  }

  /** One sentence → one 16-bit mono WAV from the chosen engine. */
  async speakSentence(r: SpeakSentenceRequest): Promise<SpokenSentenceDto> {
    if (!/[\p{L}\p{N}]/u.test(r.text))
      throw new VoiceError(VoiceErrorCode.nothingToSay, 'There is nothing to say in that text.');
    const { engine, summary } = await this.chosen();
    if (!engine) throw new VoiceError(VoiceErrorCode.noSpeechEngine, summary);
    try {
      const s = await engine.synthesize(r.text, { rate: r.rate });
      return {
        wavBase64: Buffer.from(s.wav.buffer, s.wav.byteOffset, s.wav.byteLength).toString('base64'),
        sampleRate: s.sampleRate,
        durationMs: Math.round(s.durationSec * 1000),
        engine: engine.id,
      };
    } catch (e) {
      if (e instanceof SynthesisError) throw new VoiceError(VoiceErrorCode.speechFailed, e.message);
      throw e;
    }
  }

  private chosen(): Promise<ChosenSynthesizer> {
    if (!this.engine) {
      const attempt = (this.o.chooseEngine ?? (() => chooseSynthesizer()))();
      attempt.catch(() => {
        if (this.engine === attempt) this.engine = null;
      });
      this.engine = attempt;
    }
    return this.engine;
  }

  /** Loaded once per model; a failed load (the model is missing) is retried next time (it may be installed now). */
  private async loadRecognizer(modelId: string): Promise<SpeechRecognizer> {
    let attempt = this.recognizer?.modelId === modelId ? this.recognizer.loading : null;
    if (!attempt) {
      const load =
        this.o.loadRecognizer ??
        (async (id: string) => {
          const { WhisperRecognizer } = await recognizerModule();
          return WhisperRecognizer.load({ modelsRoot: this.o.modelsRoot, modelId: id });
        });
      const current = { modelId, loading: load(modelId) };
      current.loading.catch(() => {
        if (this.recognizer === current) this.recognizer = null;
      });
      this.recognizer = current;
      attempt = current.loading;
    }
    try {
      return await attempt;
    } catch (e) {
      const { SpeechModelMissingError } = await recognizerModule();
      if (e instanceof SpeechModelMissingError)
        throw new VoiceError(
          VoiceErrorCode.speechModelMissing,
          `The speech model (${e.modelId}) is not installed, so voice can't be turned into text yet. ` +
            `Install it from the app, or run: ${e.installCommand}`,
        );
      throw e;
    }
  }

  private loadVocabulary(): Promise<Vocabulary | undefined> {
    this.vocabulary ??= (
      this.o.loadVocabulary ?? (() => loadNotesVocabulary(this.o.contentDir, this.o.tokenizerDir))
    )().catch(() => undefined); // correction is a refinement: without it the raw transcript stands
    return this.vocabulary;
  }
}
