#!/usr/bin/env node
// Nimbus Tutor command line: a thin adapter over electron/core. Every fatal error is one clear
// line on stderr and a non-zero exit code; stdout carries only results (JSON in --jsonl mode).
import { parseArgs } from 'node:util';
import { runAsk, runAskJsonl } from './ask';
import { runSearch } from './search';
import { runIndex } from './indexCmd';
import { runContent } from './contentCmd';
import { runBench, runBenchScale } from './bench';
import { runTutorInteractive, runTutorJsonl } from './tutor';
import { runBookmarks, runLearn, runProgress, runReview } from './learner';
import { CliError, describeError, exitCodeOf, type GlobalOptions } from './common';
import { runAskAudio, runSpeak, runTranscribe } from './voice';
import { runVoiceBench } from './voiceBench';
import { runExport, runImport } from './backup';

const USAGE = `Usage: npm run -s cli -- <command> [options]

Commands:
  ask "question"           answer from the notes, with citations
  ask --jsonl              read {"id","question"} lines on stdin, write one JSON result per line
  ask --audio FILE.wav     transcribe a spoken question, then answer it (ask --jsonl record + "transcript")
  transcribe FILE.wav      speech to text: {"text","ms","audioSeconds","engine"} (--model ID);
                           (audio FILE for both: WAV, or WebM/Opus as a browser's MediaRecorder records it)
  speak "text" --out F.wav speak text or Markdown ("-" = stdin) into a WAV (--rate 0.5–2, --engine ID, --voice V)
  search "query"           ranked chunks with scores (--mode hybrid|dense|lexical, --k N, --rerank)
  index [--rebuild]        build or load the search index (progress on stderr)
  content [--seed FILE]    rebuild content/ from the raw notes
  bench                    print performance and quality figures as JSON
  bench-scale [--quick]    the engine on 10k and 100k chunks of synthetic notes (--sizes 2000,10000)
  bench-voice [--quick]    voice figures: log-mel features, resampling, TTS first audio and speed, VAD
  tutor                    the guided tutor in the terminal (lessons, check questions, free questions)
  tutor --jsonl            scripted tutor: {"cmd":"start"|"next"|"answer"|"ask"|"goto"|"progress",…} per line
  progress                 lessons done and mastery per phase, reviews due
  review [--jsonl]         due review cards; --jsonl: {"cmd":"due"} / {"cmd":"answer","questionId","answer"}
  bookmarks add --section ID|--chunk ID [--note T] | list | note ID "text" | remove ID
  learn add --title T --file F|--text "…" | add --file NOTES.md | list | remove ID
  export FILE              back up progress, reviews, bookmarks and self-learned topics to one JSON file
  import FILE              restore such a file (replaces them; validated first, the old data kept to undo)

Options:
  --data-dir DIR           data folder (index, caches, later progress); env NIMBUS_DATA_DIR
  --models-dir DIR         model folder; env NIMBUS_MODELS_PATH (default: ./models)
  --embedder auto|minilm|static   which embedder to use (default auto: MiniLM if installed)
  --json                   machine-readable output for ask/search/index
  --model ID               speech model for transcribe / ask --audio (default Xenova/whisper-tiny.en;
                           Xenova/whisper-base.en is more accurate, larger)

Exit codes: 0 ok, 1 failure, 2 bad input or usage, 3 a required model or engine is missing.
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'models-dir': { type: 'string' },
      embedder: { type: 'string' },
      jsonl: { type: 'boolean' },
      json: { type: 'boolean' },
      rebuild: { type: 'boolean' },
      mode: { type: 'string' },
      rerank: { type: 'boolean' },
      k: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      quick: { type: 'boolean' },
      sizes: { type: 'string' },
      title: { type: 'string' },
      file: { type: 'string' },
      text: { type: 'string' },
      note: { type: 'string' },
      section: { type: 'string' },
      chunk: { type: 'string' },
      audio: { type: 'string' },
      model: { type: 'string' },
      rate: { type: 'string' },
      engine: { type: 'string' },
      voice: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  const embedder = values.embedder ?? 'auto';
  if (!['auto', 'minilm', 'static'].includes(embedder))
    throw new CliError(`--embedder must be auto, minilm or static`, 2);
  const g: GlobalOptions = {
    dataDir: values['data-dir'],
    modelsDir: values['models-dir'],
    embedder: embedder as GlobalOptions['embedder'],
    json: values.json ?? false,
  };
  switch (command) {
    case 'ask':
      if (values.audio !== undefined) return runAskAudio(g, values.audio, values);
      return values.jsonl ? runAskJsonl(g) : runAsk(g, rest.join(' '));
    case 'transcribe':
      return runTranscribe(g, rest[0], values);
    case 'speak':
      return runSpeak(rest.join(' '), values);
    case 'search':
      return runSearch(g, rest.join(' '), { mode: values.mode, k: values.k, rerank: values.rerank });
    case 'index':
      return runIndex(g, values.rebuild ?? false);
    case 'content':
      return runContent(values.seed);
    case 'bench':
      return runBench(g, { out: values.out, quick: values.quick ?? false });
    case 'bench-scale':
      return runBenchScale(g, { out: values.out, quick: values.quick ?? false, sizes: values.sizes });
    case 'bench-voice':
      return runVoiceBench(g, { out: values.out, quick: values.quick ?? false });
    case 'tutor':
      return values.jsonl ? runTutorJsonl(g) : runTutorInteractive(g);
    case 'progress':
      return runProgress(g);
    case 'review':
      return runReview(g, values);
    case 'bookmarks':
      return runBookmarks(g, rest, values);
    case 'learn':
      return runLearn(g, rest, values);
    case 'export':
      return runExport(g, rest[0]);
    case 'import':
      return runImport(g, rest[0]);
    default:
      throw new CliError(`Unknown command "${command}".\n\n${USAGE}`, 2);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const e = err as Error;
    process.stderr.write(`nimbus: ${describeError(err)}\n`);
    if (process.env.NIMBUS_DEBUG) process.stderr.write(`${e.stack ?? ''}\n`);
    process.exitCode = exitCodeOf(err);
  },
);
