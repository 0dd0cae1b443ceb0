// File or bytes → text: decode WAV or WebM/Opus → 16 kHz mono → VAD → windows cut at pauses → recognizer →
// merge → clean-up → AWS vocabulary correction. Audio without speech never reaches the
// recognizer (Whisper invents sentences on silence); it yields empty text and a note saying so.

import { readFile, stat } from 'node:fs/promises';
import { AudioDecodeError, DEFAULT_MAX_WAV_BYTES, formatDuration } from './wav';
import { decodeAudio } from './decodeAudio';
import { toMono16k, WHISPER_SAMPLE_RATE } from './resample';
import { detectSpeech, type VadOptions } from './vad';
import { mergeTranscripts, planWindows } from './chunking';
import { cleanTranscript } from './postprocess';
import { correctTranscript, type Correction, type Vocabulary } from './vocabulary';
import type { SpeechRecognizer } from './recognizer';

export interface TranscribeOptions {
  /** Loaded only when the audio holds speech (a silent file needs no model). */
  recognizer: () => Promise<SpeechRecognizer>;
  /** Id shown when no recognizer was needed. */
  engineId: string;
  vocabulary?: Vocabulary;
  vad?: Partial<VadOptions>;
  /** Longest input accepted (default 15 min): longer is a clear error, not an hour of work. */
  maxDurationSec?: number;
  maxBytes?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface Transcription {
  text: string;
  /** Recognizer output before clean-up and vocabulary correction. */
  rawText: string;
  ms: number;
  audioSeconds: number;
  speechSeconds: number;
  engine: string;
  windows: number;
  corrections: Correction[];
  /** Why the text is empty, when it is. */
  note?: string;
}

export const DEFAULT_MAX_DURATION_SEC = 15 * 60;

export async function transcribeFile(path: string, opts: TranscribeOptions): Promise<Transcription> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_WAV_BYTES;
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new AudioDecodeError(`${path} is not a file`, 'not-wav');
    size = st.size;
  } catch (err) {
    if (err instanceof AudioDecodeError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const why: Record<string, string> = {
      ENOENT: 'no such file',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
    };
    throw new AudioDecodeError(`cannot read ${path}: ${why[code] ?? (code || String(err))}`, 'not-wav');
  }
  if (size > maxBytes) {
    throw new AudioDecodeError(
      `${path} is ${(size / 1048576).toFixed(1)} MiB, over the ${(maxBytes / 1048576).toFixed(0)} MiB limit`,
      'too-large',
    );
  }
  return transcribeBytes(new Uint8Array(await readFile(path)), opts);
}

export async function transcribeBytes(bytes: Uint8Array, opts: TranscribeOptions): Promise<Transcription> {
  const t0 = performance.now();
  const maxDurationSec = opts.maxDurationSec ?? DEFAULT_MAX_DURATION_SEC;
  const audio = await decodeAudio(bytes, { maxBytes: opts.maxBytes, maxDurationSec });
  return transcribePcm(toMono16k(audio), opts, t0);
}

/** 16 kHz mono in, text out. `t0` lets callers include decoding in the reported time. */
export async function transcribePcm(
  pcm: Float32Array,
  opts: TranscribeOptions,
  t0 = performance.now(),
): Promise<Transcription> {
  const audioSeconds = pcm.length / WHISPER_SAMPLE_RATE;
  const maxDurationSec = opts.maxDurationSec ?? DEFAULT_MAX_DURATION_SEC;
  if (audioSeconds > maxDurationSec) {
    throw new AudioDecodeError(
      `the audio is ${formatDuration(audioSeconds)} long, over the ${formatDuration(maxDurationSec)} limit`,
      'too-large',
    );
  }
  const speech = detectSpeech(pcm, { ...opts.vad, sampleRate: WHISPER_SAMPLE_RATE });
  const speechSeconds = speech.reduce((s, g) => s + (g.endSec - g.startSec), 0);
  const base = {
    audioSeconds: round(audioSeconds, 3),
    speechSeconds: round(speechSeconds, 3),
    corrections: [] as Correction[],
  };
  if (speech.length === 0) {
    return {
      ...base,
      text: '',
      rawText: '',
      ms: round(performance.now() - t0, 1),
      engine: opts.engineId,
      windows: 0,
      note: silenceNote(pcm),
    };
  }
  const recognizer = await opts.recognizer();
  const windows = planWindows(pcm.length, speech, { sampleRate: WHISPER_SAMPLE_RATE });
  const parts: { text: string; overlapsPrevious: boolean }[] = [];
  for (const [i, w] of windows.entries()) {
    opts.signal?.throwIfAborted();
    const r = await recognizer.transcribe(pcm.subarray(w.start, w.end), { signal: opts.signal });
    parts.push({ text: cleanTranscript(r.text), overlapsPrevious: w.overlapsPrevious });
    opts.onProgress?.(i + 1, windows.length);
  }
  const rawText = mergeTranscripts(parts);
  const corrected = opts.vocabulary ? correctTranscript(rawText, opts.vocabulary) : { text: rawText, corrections: [] };
  return {
    ...base,
    text: corrected.text,
    rawText,
    corrections: corrected.corrections,
    ms: round(performance.now() - t0, 1),
    engine: recognizer.id,
    windows: windows.length,
    note: corrected.text ? undefined : 'the recognizer heard speech-like sound but no words',
  };
}

function silenceNote(pcm: Float32Array): string {
  let peak = 0;
  for (let i = 0; i < pcm.length; i++) peak = Math.max(peak, Math.abs(pcm[i]));
  if (peak === 0) return 'no speech detected: the audio is digital silence';
  const db = 20 * Math.log10(peak);
  return `no speech detected (peak level ${db.toFixed(0)} dBFS): silence or steady noise only`;
}

const round = (x: number, d: number): number => Number(x.toFixed(d));
