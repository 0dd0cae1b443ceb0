// The speech-to-text engine behind one small interface. Whisper runs through transformers.js
// with remote loading off and the weights from the app's model folder, installed and checked by
// `npm run models` against models/manifest.json. A missing model is a SpeechModelMissingError
// that carries the install command — never a silent failure or a download.

import { join } from 'node:path';
import { Tensor, pipeline } from '@xenova/transformers';
import { configureTransformersEnv } from '../retrieval/embedder';
import { loadManifest, findModel } from '../models/manifest';
import { checkModelInstall } from '../models/installCheck';
import { appRoot } from '../paths';
import { DEFAULT_SPEECH_MODEL_ID, SPEECH_MODEL_IDS } from '../../shared/voiceConstants';
import { WhisperFeatureExtractor, parsePreprocessorConfig } from './melFeatures';

export interface RecognizeOptions {
  /** Abort between windows (a new utterance makes the old one moot). */
  signal?: AbortSignal;
}

export interface RecognizedSegment {
  text: string;
  startSec: number;
  endSec: number;
}

export interface RecognitionResult {
  text: string;
  segments?: RecognizedSegment[];
}

/** Anything that turns ≤ 30 s of 16 kHz mono audio into text. */
export interface SpeechRecognizer {
  readonly id: string;
  transcribe(pcm16k: Float32Array, opts?: RecognizeOptions): Promise<RecognitionResult>;
}

export const DEFAULT_SPEECH_MODEL: string = DEFAULT_SPEECH_MODEL_ID;
/** Selectable by id (tiny.en pinned in models/manifest.json, base.en hub-attested). */
export const SPEECH_MODELS = SPEECH_MODEL_IDS;

/**
 * How to install a speech model. A hub-attested one (no hashes in the manifest) installs only from
 * the hub, which attests its hashes, so no MODELS_DIR alternative is offered for it.
 */
export function speechInstallCommand(modelId: string, hubOnly = false): string {
  const hub = `npm run models -- --hub --only ${modelId}`;
  return hubOnly ? hub : `${hub}   (or MODELS_DIR=<folder with the files> npm run models -- --only ${modelId})`;
}

export class SpeechModelMissingError extends Error {
  override name = 'SpeechModelMissingError';
  readonly code = 'model-missing';
  constructor(
    readonly modelId: string,
    readonly modelsRoot: string,
    readonly problems: string[],
    readonly installCommand: string = speechInstallCommand(modelId),
  ) {
    super(
      `The speech model ${modelId} is not installed in ${modelsRoot}` +
        (problems.length ? ` (${problems.slice(0, 2).join('; ')})` : '') +
        `. Install it with: ${installCommand}`,
    );
  }
}

export interface SpeechModelStatus {
  modelId: string;
  installed: boolean;
  problems: string[];
  installCommand: string;
  /** Its hashes come from the hub at install time (not the manifest): installable from the hub only. */
  hubAttested: boolean;
}

/**
 * Size check of every required file (cheap: a few stat calls) against the manifest's pins, or for
 * a hub-attested model against the sizes its install marker recorded.
 */
export async function speechModelStatus(
  modelsRoot: string,
  modelId = DEFAULT_SPEECH_MODEL,
  manifestPath = join(appRoot(), 'models', 'manifest.json'),
): Promise<SpeechModelStatus> {
  const entry = findModel(await loadManifest(manifestPath), modelId);
  const hubAttested = entry?.hashes === 'hub-attested';
  const installCommand = speechInstallCommand(modelId, hubAttested);
  if (!entry || entry.role !== 'speech-to-text') {
    return {
      modelId,
      installed: false,
      problems: [`${modelId} is not a speech model in the model manifest, so it cannot be installed`],
      installCommand,
      hubAttested,
    };
  }
  const check = await checkModelInstall(modelsRoot, entry, { requireMarker: false });
  return { modelId, installed: check.installed, problems: check.problems, installCommand, hubAttested };
}

export async function isSpeechModelInstalled(modelsRoot: string, modelId = DEFAULT_SPEECH_MODEL): Promise<boolean> {
  return (await speechModelStatus(modelsRoot, modelId)).installed;
}

export type FeatureExtractorFn = ((audio: Float32Array) => Promise<unknown>) & { config?: unknown };
export type AsrPipeline = ((audio: Float32Array, opts: Record<string, unknown>) => Promise<{ text: string }>) & {
  processor?: { feature_extractor?: FeatureExtractorFn };
};

/**
 * Swaps the pipeline's feature extractor for ours: the same numbers (tests compare them to
 * transformers.js's to 1e-5; in practice they are identical) in a tenth of the time, because
 * transformers.js computes the 400-point FFT by Bluestein and every padding frame of the 30 s.
 * Returns false, leaving the pipeline untouched, if it does not have the expected shape.
 */
export function useFastFeatures(asr: AsrPipeline): boolean {
  const processor = asr.processor;
  const original = processor?.feature_extractor;
  if (!processor || typeof original !== 'function' || !original.config) return false;
  let fx: WhisperFeatureExtractor;
  try {
    fx = new WhisperFeatureExtractor(parsePreprocessorConfig(original.config));
  } catch {
    return false;
  }
  const fast = async (audio: Float32Array) => {
    const { data, dims } = fx.extract(audio);
    return { input_features: new Tensor('float32', data, [1, ...dims]) };
  };
  processor.feature_extractor = Object.assign(fast, { config: original.config });
  return true;
}

export class WhisperRecognizer implements SpeechRecognizer {
  private constructor(
    readonly id: string,
    private readonly asr: AsrPipeline,
  ) {}

  static async load(opts: {
    modelsRoot: string;
    modelId?: string;
    quantized?: boolean;
    /** Our log-mel extractor instead of transformers.js's (default true). */
    fastFeatures?: boolean;
  }): Promise<WhisperRecognizer> {
    const modelId = opts.modelId ?? DEFAULT_SPEECH_MODEL;
    const status = await speechModelStatus(opts.modelsRoot, modelId);
    if (!status.installed)
      throw new SpeechModelMissingError(modelId, opts.modelsRoot, status.problems, status.installCommand);
    configureTransformersEnv(opts.modelsRoot);
    let asr: AsrPipeline;
    try {
      asr = (await pipeline('automatic-speech-recognition', modelId, {
        quantized: opts.quantized ?? true,
        local_files_only: true,
      })) as unknown as AsrPipeline;
    } catch (err) {
      // transformers.js 2.x reports missing/broken weights as "Unsupported model type: whisper"
      throw new SpeechModelMissingError(
        modelId,
        opts.modelsRoot,
        [`loading failed: ${(err as Error).message}`],
        status.installCommand,
      );
    }
    if (opts.fastFeatures ?? true) useFastFeatures(asr);
    return new WhisperRecognizer(modelId, asr);
  }

  async transcribe(pcm16k: Float32Array, opts: RecognizeOptions = {}): Promise<RecognitionResult> {
    opts.signal?.throwIfAborted();
    if (pcm16k.length > 30 * 16000 + 1600)
      throw new RangeError('WhisperRecognizer takes at most 30 s at a time: chunk first');
    // Plain decoding (no timestamp tokens): the windows are cut at pauses already.
    const out = await this.asr(pcm16k, { chunk_length_s: 0 });
    return { text: out.text.trim() };
  }
}
