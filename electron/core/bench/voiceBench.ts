// Voice figures for `npm run bench`, each with its same-run baseline: log-mel feature extraction
// (ours vs transformers.js's WhisperFeatureExtractor on the same real recordings), resampling,
// text-to-speech time to first audio and speed (× real time) on typical answers, and VAD
// end-pointing error on generated audio with known boundaries.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WhisperFeatureExtractor as TjsFeatureExtractor } from '@xenova/transformers';
import { decodeWav, downmix } from '../voice/wav';
import { resample } from '../voice/resample';
import { WhisperFeatureExtractor, type WhisperFeatureConfig } from '../voice/melFeatures';
import { VoiceActivityDetector } from '../voice/vad';
import { generateSignal, lastAbove } from '../voice/signals';
import { speakMarkdown } from '../voice/tts/speak';
import type { SpeechSynthesizer } from '../voice/tts/types';
import { transcribeBytes } from '../voice/transcribe';
import { isSpeechModelInstalled, WhisperRecognizer, type SpeechRecognizer } from '../voice/recognizer';
import { percentile, round } from './benchEngine';

export interface VoiceBenchOptions {
  /** 16 kHz WAV recordings (the shared eval's voice/ files). */
  wavFiles: string[];
  /** preprocessor_config.json as JSON (for transformers.js) and parsed. */
  preprocessorJson: Record<string, unknown>;
  featureConfig: WhisperFeatureConfig;
  /** Typical answers (Markdown) to speak. */
  answers: string[];
  synthesizer: SpeechSynthesizer | null;
  rounds?: number;
  /** Recorded voice messages (WebM/Opus, as the browser's MediaRecorder makes them). */
  webmFiles?: string[];
  /** Where the speech model would be installed, and which one. */
  modelsRoot?: string;
  speechModel?: string;
}

type TjsExtractor = (audio: Float32Array) => Promise<{ input_features: { data: Float32Array } }>;

async function featureBench(o: VoiceBenchOptions) {
  const clips = await Promise.all(
    o.wavFiles.map(async (f) => downmix(decodeWav(new Uint8Array(await readFile(f))).channels)),
  );
  const seconds = clips.reduce((s, c) => s + c.length / 16000, 0);
  const ours = new WhisperFeatureExtractor(o.featureConfig);
  const theirs = new (TjsFeatureExtractor as unknown as new (c: Record<string, unknown>) => TjsExtractor)(
    o.preprocessorJson,
  );
  let maxAbsDiff = 0;
  for (const c of clips) {
    const a = ours.extract(c).data;
    const b = (await theirs(c)).input_features.data;
    for (let i = 0; i < a.length; i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(a[i] - b[i]));
  }
  const rounds = o.rounds ?? 3;
  const time = async (fn: (c: Float32Array) => unknown): Promise<number> => {
    const runs: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      for (const c of clips) await fn(c);
      runs.push(performance.now() - t0);
    }
    runs.sort((x, y) => x - y);
    return percentile(runs, 0.5) / seconds;
  };
  const oursMs = await time((c) => ours.extract(c));
  const tjsMs = await time((c) => theirs(c));
  return {
    clips: clips.length,
    audioSeconds: round(seconds, 2),
    msPerAudioSecond: round(oursMs, 3),
    transformersJsMsPerAudioSecond: round(tjsMs, 3),
    speedup: round(tjsMs / oursMs, 1),
    maxAbsDiffVsTransformersJs: maxAbsDiff,
    target: '≤ 30 ms per audio second',
  };
}

function resampleBench() {
  const out: Record<string, number> = {};
  for (const rate of [44100, 48000, 8000]) {
    const x = generateSignal({
      durationSec: 60,
      sampleRate: rate,
      bursts: [{ startSec: 1, endSec: 59, amplitude: 0.3 }],
      noiseDb: -50,
    });
    const t0 = performance.now();
    resample(x, rate, 16000);
    out[`from${rate}MsPerAudioSecond`] = round((performance.now() - t0) / 60, 3);
  }
  return out;
}

async function ttsBench(o: VoiceBenchOptions) {
  const synth = o.synthesizer;
  if (!synth) return { skipped: 'no text-to-speech engine available' };
  await synth.synthesize('Warm up.'); // first process start pays for loading the voice data
  const first: number[] = [];
  const speed: number[] = [];
  let audio = 0;
  let sentences = 0;
  for (const md of o.answers) {
    const t0 = performance.now();
    let firstMs = -1;
    let dur = 0;
    for await (const s of speakMarkdown(md, synth)) {
      if (firstMs < 0) firstMs = performance.now() - t0;
      dur += s.durationSec;
      sentences++;
    }
    const total = performance.now() - t0;
    first.push(firstMs);
    speed.push(dur / (total / 1000));
    audio += dur;
  }
  first.sort((a, b) => a - b);
  speed.sort((a, b) => a - b);
  return {
    engine: synth.id,
    answers: o.answers.length,
    sentences,
    audioSeconds: round(audio, 1),
    timeToFirstAudioMs: { p50: round(percentile(first, 0.5), 1), max: round(first[first.length - 1], 1) },
    timesRealTime: { p50: round(percentile(speed, 0.5), 1), min: round(speed[0], 1) },
    targets: 'first audio ≤ 150 ms; whole answer faster than real time × 10',
  };
}

/** End-pointing on generated utterances (speech-like bursts and tones) at several noise levels. */
export function vadBench() {
  const errors: number[] = [];
  const latencies: number[] = [];
  let missed = 0;
  let extra = 0;
  let cases = 0;
  for (const noiseDb of [-70, -55, -45]) {
    for (let seed = 1; seed <= 10; seed++) {
      const start = 0.5 + (seed % 4) * 0.3;
      const end = start + 1 + seed * 0.37;
      const bursts = [
        { startSec: start, endSec: end, amplitude: 0.25, kind: seed % 2 ? ('speechlike' as const) : ('tone' as const) },
      ];
      const durationSec = end + 2;
      const x = generateSignal({ durationSec, bursts, noiseDb, seed });
      const trueEnd = (lastAbove(generateSignal({ durationSec, bursts }), 1e-3) + 1) / 16000;
      const vad = new VoiceActivityDetector();
      const ends = [...vad.push(x), ...vad.flush()].filter((e) => e.type === 'speech-end');
      cases++;
      const last = ends[ends.length - 1];
      if (!last || last.type !== 'speech-end') {
        missed++;
        continue;
      }
      extra += ends.length - 1;
      errors.push(Math.abs(last.endSec - trueEnd) * 1000);
      latencies.push((last.atSec - trueEnd) * 1000);
    }
  }
  errors.sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  return {
    cases,
    missed,
    extraSegments: extra,
    endErrorMs: { p50: round(percentile(errors, 0.5), 1), max: round(errors[errors.length - 1] ?? NaN, 1) },
    endOfUtteranceEventAfterTrueEndMs: {
      p50: round(percentile(latencies, 0.5), 1),
      max: round(latencies[latencies.length - 1] ?? NaN, 1),
    },
    target: 'end-pointing within 300 ms of the true end',
  };
}

/** Answers instantly, so timing transcribeBytes measures everything but the model. */
const NO_MODEL: SpeechRecognizer = {
  id: 'none',
  transcribe: async () => ({ text: '' }),
};

/**
 * Speech to text: the pipeline around the model (decode WAV/WebM, resample, VAD, windows, text
 * clean-up) timed with a recognizer that answers at once, and the real model's real-time factor
 * where its weights are installed (`npm run test:models` asserts RTF ≤ 0.3 there).
 */
async function sttBench(o: VoiceBenchOptions) {
  const files = [...o.wavFiles, ...(o.webmFiles ?? [])];
  const clips = await Promise.all(files.map(async (f) => ({ f, bytes: new Uint8Array(await readFile(f)) })));
  const run = async (recognizer: SpeechRecognizer, rounds: number) => {
    let audio = 0;
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++)
      for (const c of clips) {
        const t = await transcribeBytes(c.bytes, { recognizer: async () => recognizer, engineId: recognizer.id });
        audio += t.audioSeconds;
      }
    return { seconds: audio, ms: performance.now() - t0 };
  };
  await run(NO_MODEL, 1); // warm-up: the Opus decoder's WASM compiles once per process
  const front = await run(NO_MODEL, o.rounds ?? 3);
  const frontEnd = {
    clips: clips.length,
    webm: o.webmFiles?.length ?? 0,
    msPerAudioSecond: round(front.ms / front.seconds, 3),
    realTimeFactor: round(front.ms / 1000 / front.seconds, 5),
  };
  const modelId = o.speechModel ?? 'Xenova/whisper-tiny.en';
  if (!o.modelsRoot || !(await isSpeechModelInstalled(o.modelsRoot, modelId)))
    return {
      frontEnd,
      model: { skipped: `${modelId} weights not installed (npm run test:models measures it where they are)` },
    };
  const recognizer = await WhisperRecognizer.load({ modelsRoot: o.modelsRoot, modelId });
  await run(recognizer, 1);
  const real = await run(recognizer, 1);
  return {
    frontEnd,
    model: { id: modelId, realTimeFactor: round(real.ms / 1000 / real.seconds, 3), target: 'RTF ≤ 0.3 on 2 cores' },
  };
}

export async function benchVoice(o: VoiceBenchOptions) {
  return {
    stt: await sttBench(o),
    features: await featureBench(o),
    resample: resampleBench(),
    tts: await ttsBench(o),
    vad: vadBench(),
  };
}

export const sharedVoiceDir = (appRoot: string): string => join(appRoot, '..', 'shared', 'eval', 'voice');
