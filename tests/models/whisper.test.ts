import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeEngine } from '../../electron/core/engine/KnowledgeEngine';
import { isGoldHit, loadDevSet, type DevQuestion } from '../../electron/core/eval/devEval';
import { defaultContentDir, defaultModelsRoot, vendoredTokenizerDir } from '../../electron/core/paths';
import { DEFAULT_SPEECH_MODEL, WhisperRecognizer, speechModelStatus } from '../../electron/core/voice/recognizer';
import { transcribePcm, type TranscribeOptions } from '../../electron/core/voice/transcribe';
import { loadNotesVocabulary, type Vocabulary } from '../../electron/core/voice/vocabulary';
import { corpusWer, wordErrorCounts } from '../../electron/core/voice/wer';
import { decodeWav } from '../../electron/core/voice/wav';
import { toMono16k } from '../../electron/core/voice/resample';
import { Endpointer } from '../../electron/core/voice/endpoint';
import { EspeakSynthesizer } from '../../electron/core/voice/tts/espeak';
import { speakMarkdown } from '../../electron/core/voice/tts/speak';
import { DEV_SET, SHARED, tempDir } from '../helpers/engine';

// Speech to text with the real Whisper weights, on ../shared/eval/voice (8 dev questions spoken
// by espeak-ng): WER, real-time factor, retrieval from the transcript vs from the typed question,
// and end of speech → first spoken audio of the answer. Fails, not skips, without the weights.
const VOICE = join(SHARED, 'eval', 'voice');
interface VoiceItem {
  id: string;
  file: string;
  text: string;
  kind: string;
  duration_s: number;
}
const items = readFileSync(join(VOICE, 'manifest.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as VoiceItem);
const pcmOf = (it: VoiceItem) => toMono16k(decodeWav(readFileSync(join(VOICE, it.file))));

const data = tempDir('whisper-data');
let recognizer: WhisperRecognizer;
let vocabulary: Vocabulary;
let engine: KnowledgeEngine;
let spellings: Record<string, string>;
const transcripts = new Map<string, string>();
let recognitionMs = 0;
let audioSeconds = 0;

beforeAll(async () => {
  const modelsRoot = defaultModelsRoot();
  const status = await speechModelStatus(modelsRoot);
  if (!status.installed) {
    throw new Error(
      `Whisper weights are not installed in ${modelsRoot} (${status.problems.slice(0, 2).join('; ')}): run ${status.installCommand}`,
    );
  }
  recognizer = await WhisperRecognizer.load({ modelsRoot });
  vocabulary = await loadNotesVocabulary(defaultContentDir(), vendoredTokenizerDir());
  spellings = JSON.parse(readFileSync(join(modelsRoot, ...DEFAULT_SPEECH_MODEL.split('/'), 'normalizer.json'), 'utf8')) as Record<string, string>;
  engine = await KnowledgeEngine.open({
    contentDir: defaultContentDir(),
    dataDir: data.path,
    modelsRoot,
    tokenizerDir: vendoredTokenizerDir(),
    embedder: 'auto',
  });
  await recognizer.transcribe(pcmOf(items[0])); // warm-up: session creation and first-run allocations
  const opts: TranscribeOptions = { recognizer: async () => recognizer, engineId: recognizer.id, vocabulary };
  for (const it of items) {
    const pcm = pcmOf(it);
    const t0 = performance.now();
    const t = await transcribePcm(pcm, opts);
    recognitionMs += performance.now() - t0;
    audioSeconds += pcm.length / 16000;
    transcripts.set(it.id, t.text);
    process.stderr.write(`whisper ${it.id}: "${t.text}"  (raw "${t.rawText}")\n`);
  }
});
afterAll(() => data.cleanup());

describe(`${DEFAULT_SPEECH_MODEL} (real weights)`, () => {
  it('has a word error rate ≤ 10 % on the spoken dev questions', () => {
    const counts = items.map((it) => wordErrorCounts(it.text, transcripts.get(it.id) ?? '', { spellings }));
    const wer = corpusWer(counts);
    process.stderr.write(`whisper WER ${(wer * 100).toFixed(1)} % over ${items.length} files\n`);
    expect(wer).toBeLessThanOrEqual(0.1);
  });

  it('runs at a real-time factor ≤ 0.3 (decode + VAD + recognition + correction)', () => {
    const rtf = recognitionMs / 1000 / audioSeconds;
    process.stderr.write(`whisper RTF ${rtf.toFixed(3)} (${(recognitionMs / 1000).toFixed(1)} s for ${audioSeconds.toFixed(1)} s of audio)\n`);
    expect(rtf).toBeLessThanOrEqual(0.3);
  });

  it('retrieves the gold section in the top 5 from speech as often as from text, minus at most one', async () => {
    const dev = new Map(loadDevSet(DEV_SET).map((q) => [q.id, q]));
    const top5 = async (q: DevQuestion, text: string) => (await engine.search(text, { k: 5 })).some((h) => isGoldHit(q, h.chunk));
    let fromText = 0;
    let fromSpeech = 0;
    for (const it of items) {
      const q = dev.get(it.id);
      if (!q || q.kind === 'out_of_scope') continue;
      if (await top5(q, q.question)) fromText++;
      if (await top5(q, transcripts.get(it.id) ?? '')) fromSpeech++;
    }
    process.stderr.write(`top-5 gold hits: text ${fromText}, speech ${fromSpeech}\n`);
    expect(fromSpeech).toBeGreaterThanOrEqual(fromText - 1);
    const oos = items.find((it) => it.kind === 'out_of_scope');
    if (oos) expect((await engine.ask(transcripts.get(oos.id) ?? '')).abstained).toBe(true);
  });

  it('goes from the end of speech to the first spoken audio of the answer in ≤ 2 s', async () => {
    const espeak = new EspeakSynthesizer();
    await espeak.synthesize('warm up');
    const latencies: number[] = [];
    for (const it of items) {
      const pcm = pcmOf(it);
      const stream = new Float32Array(pcm.length + 16000 * 1.5);
      stream.set(pcm, 8000);
      const ep = new Endpointer();
      const events = [];
      for (let i = 0; i < stream.length; i += 128) events.push(...ep.push(stream.subarray(i, i + 128)));
      const utt = events.find((e) => e.type === 'utterance');
      expect(utt, it.id).toBeDefined();
      if (utt?.type !== 'utterance') continue;
      const decisionMs = (utt.atSec - utt.endSec) * 1000; // silence the endpointer waits for
      const t0 = performance.now();
      const t = await transcribePcm(utt.pcm, { recognizer: async () => recognizer, engineId: recognizer.id, vocabulary });
      const answer = await engine.ask(t.text);
      const first = await speakMarkdown(answer.answer, espeak).next();
      expect(first.done).toBe(false);
      latencies.push(decisionMs + performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    process.stderr.write(`end of speech → first audio: ${latencies.map((l) => l.toFixed(0)).join(', ')} ms\n`);
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThanOrEqual(2000);
  });
});
