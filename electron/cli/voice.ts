// Voice commands: `transcribe FILE`, `ask --audio FILE` (WAV or WebM/Opus), `speak "text" --out FILE.wav`.
// Bad audio is exit 2 with one clear line, a missing speech model exit 3 with the install command.

import { writeFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { vendoredTokenizerDir } from '../core/paths';
import { loadNotesVocabulary } from '../core/voice/vocabulary';
import { DEFAULT_SPEECH_MODEL, SPEECH_MODELS, WhisperRecognizer } from '../core/voice/recognizer';
import { transcribeFile, type Transcription } from '../core/voice/transcribe';
import { chooseSynthesizer } from '../core/voice/tts/choose';
import { synthesizeMarkdown } from '../core/voice/tts/speak';
import { MAX_RATE, MIN_RATE } from '../core/voice/tts/types';
import { validateQuestion } from '../core/engine/validateQuestion';
import type { KnowledgeEngine } from '../core/engine/KnowledgeEngine';
import { toJsonlRecord } from './ask';
import { CliError, openEngine, resolvedPaths, type GlobalOptions } from './common';

export interface VoiceFlags {
  model?: string;
  rate?: string;
  engine?: string;
  voice?: string;
  out?: string;
}

function speechModel(flags: VoiceFlags): string {
  const id = flags.model ?? DEFAULT_SPEECH_MODEL;
  if (!/^[\w.-]+\/[\w.-]+$/.test(id))
    throw new CliError(`--model must be a model id like ${SPEECH_MODELS.join(' or ')}`, 2);
  return id;
}

async function transcribeCli(g: GlobalOptions, file: string | undefined, flags: VoiceFlags): Promise<Transcription> {
  if (!file) throw new CliError('give a WAV or WebM/Opus file: transcribe FILE.wav|FILE.webm', 2);
  const paths = resolvedPaths(g);
  const modelId = speechModel(flags);
  const vocabulary = await loadNotesVocabulary(paths.contentDir, vendoredTokenizerDir());
  return transcribeFile(resolve(file), {
    recognizer: () => WhisperRecognizer.load({ modelsRoot: paths.modelsRoot, modelId }),
    engineId: modelId,
    vocabulary,
  });
}

/** `transcribe FILE` (WAV or WebM/Opus) → {"text","ms","audioSeconds","engine"} (+ "note" when there is no speech). */
export async function runTranscribe(g: GlobalOptions, file: string | undefined, flags: VoiceFlags): Promise<number> {
  const t = await transcribeCli(g, file, flags);
  const out: Record<string, unknown> = { text: t.text, ms: t.ms, audioSeconds: t.audioSeconds, engine: t.engine };
  if (t.note) out.note = t.note;
  process.stdout.write(JSON.stringify(out) + '\n');
  return 0;
}

/** `ask --audio FILE` (WAV or WebM/Opus): the `ask --jsonl` record of the transcribed question, plus "transcript". */
export async function runAskAudio(g: GlobalOptions, file: string | undefined, flags: VoiceFlags): Promise<number> {
  const t = await transcribeCli(g, file, flags);
  if (!t.text) throw new CliError(`${file}: ${t.note ?? 'no words recognised'}; nothing to ask`, 2);
  const q = validateQuestion(t.text);
  const engine = await openEngine(g, { quiet: true });
  const record = await audioAskRecord(engine, basename(file as string, extname(file as string)), { ...t, text: q });
  process.stdout.write(JSON.stringify(record) + '\n');
  return 0;
}

/** The `ask --jsonl` record for a transcribed question, with the transcript and speech timing added. */
export async function audioAskRecord(engine: KnowledgeEngine, id: string, t: Transcription) {
  const r = await engine.ask(t.text);
  return {
    ...toJsonlRecord(id, r),
    transcript: t.text,
    speech: { ms: t.ms, audioSeconds: t.audioSeconds, engine: t.engine },
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `speak "text" --out FILE.wav [--rate N] [--engine ID] [--voice V]`; text "-" reads stdin (Markdown welcome). */
export async function runSpeak(text: string, flags: VoiceFlags): Promise<number> {
  if (!flags.out) throw new CliError('speak needs --out FILE.wav', 2);
  const body = text === '-' ? await readStdin() : text;
  if (!body.trim()) throw new CliError('nothing to say: give the text to speak (or "-" to read it from stdin)', 2);
  if (body.length > 200_000) throw new CliError('text too long to speak (over 200,000 characters)', 2);
  let rate = 1;
  if (flags.rate !== undefined) {
    rate = Number(flags.rate);
    if (!Number.isFinite(rate) || rate < MIN_RATE || rate > MAX_RATE)
      throw new CliError(`--rate must be a number from ${MIN_RATE} to ${MAX_RATE} (1 = normal speed)`, 2);
  }
  const chosen = await chooseSynthesizer({ prefer: flags.engine });
  if (!chosen.engine) {
    throw new CliError(
      `no text-to-speech engine is available here (${chosen.candidates.map((c) => c.id).join(', ')}). On Linux install espeak-ng: sudo apt-get install espeak-ng`,
      3,
    );
  }
  if (flags.engine && chosen.engine.id !== flags.engine) {
    process.stderr.write(`nimbus: engine "${flags.engine}" is not available, using ${chosen.engine.id}\n`);
  }
  const r = await synthesizeMarkdown(body, chosen.engine, { rate, voice: flags.voice });
  await writeFile(resolve(flags.out), r.wav);
  const report = {
    out: resolve(flags.out),
    engine: chosen.engine.id,
    sentences: r.sentences,
    audioSeconds: Number(r.durationSec.toFixed(3)),
    ms: Number(r.ms.toFixed(1)),
    firstAudioMs: Number(r.firstAudioMs.toFixed(1)),
  };
  process.stdout.write(JSON.stringify(report) + '\n');
  return 0;
}
