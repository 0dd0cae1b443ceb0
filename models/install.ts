/**
 * `npm run models`: install the ML models listed in models/manifest.json.
 *
 *   npm run models                          show what is installed and how to get the rest
 *   MODELS_DIR=../shared/models npm run models
 *   npm run models -- --from-dir DIR        copy from DIR/<owner>/<name>/...
 *   npm run models -- --hub                 download from the hub (HF_ENDPOINT overrides the URL)
 *
 * Exit codes: 0 = everything requested that was available is installed (unavailable models are
 * reported, not fatal: the real weights are not available everywhere); 1 = a real failure
 * (checksum mismatch after retry, network or disk error); 2 = usage error; 130 = cancelled.
 */
import { parseArgs } from 'node:util';
import { ensureDomainModel } from '../electron/core/engine/domainModel';
import { isMiniLmInstalled } from '../electron/core/engine/openEmbedder';
import { DOMAIN_MODEL_ID } from '../electron/core/models/staticModel/index';
import { defaultContentDir, vendoredTokenizerDir } from '../electron/core/paths';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { loadManifest } from '../electron/core/models/manifest';
import type { ModelEntry } from '../electron/core/models/manifest';
import { DEFAULT_HUB_URL, checkModelInstall, installModels, selectModels } from '../electron/core/models/installer';
import type { InstallReport, InstallSource, ModelReport, ProgressEvent } from '../electron/core/models/installer';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MANIFEST_PATH = join(REPO_ROOT, 'models', 'manifest.json');

const USAGE = `Usage: npm run models -- [options]

  --from-dir DIR   copy models from DIR/<owner>/<name>/... (default: $MODELS_DIR)
  --hub            download from the hub (${DEFAULT_HUB_URL}, or $HF_ENDPOINT)
  --dest DIR       install into DIR (default: $NIMBUS_MODELS_PATH or <repo>/models)
  --only ID[,ID]   only these model ids
  --optional       also install optional files (fp32 weights)
  --verify         check installed files by sha256, not just size (reinstalls bad ones)
  --force          reinstall even if already installed
  --no-build       do not build the project's own domain model afterwards
  -h, --help       this text

Without --from-dir, $MODELS_DIR or --hub it only reports what is installed.`;

class UsageError extends Error {}

interface Cli {
  source?: InstallSource;
  dest: string;
  only?: string[];
  optional: boolean;
  verify: boolean;
  force: boolean;
  build: boolean;
}

function parseCli(argv: string[]): Cli | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'from-dir': { type: 'string' },
        hub: { type: 'boolean', default: false },
        dest: { type: 'string' },
        only: { type: 'string' },
        optional: { type: 'boolean', default: false },
        verify: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return 'help';
  if (values.hub && values['from-dir']) throw new UsageError('use either --hub or --from-dir, not both');
  const env = process.env;
  let source: InstallSource | undefined;
  // An explicit --hub beats a MODELS_DIR left in the environment.
  if (values.hub) source = { kind: 'hub', baseUrl: env.HF_ENDPOINT || DEFAULT_HUB_URL };
  else if (values['from-dir'] || env.MODELS_DIR) source = { kind: 'dir', dir: resolve(values['from-dir'] || env.MODELS_DIR || '') };
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  return {
    source,
    dest: resolve(values.dest || env.NIMBUS_MODELS_PATH || join(REPO_ROOT, 'models')),
    only: only && only.length > 0 ? only : undefined,
    optional: values.optional,
    verify: values.verify,
    force: values.force,
    build: !values['no-build'],
  };
}

const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;

/** A cli-progress bar on a terminal; plain, sparse lines otherwise (CI logs). */
function makeProgress(): { onProgress: (e: ProgressEvent) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: ' {bar} {percentage}% | {done}/{all} | {model} {file}', hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      onProgress: (e) => {
        const payload = { done: mb(e.overallDone), all: mb(e.overallTotal), model: e.model, file: e.phase === 'verify' ? `${e.file} (verifying)` : e.file };
        if (!started) {
          bar.start(Math.max(e.overallTotal, 1), e.overallDone, payload);
          started = true;
        } else bar.update(e.overallDone, payload);
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let current = '';
  let lastQuarter = 0;
  return {
    onProgress: (e) => {
      const key = `${e.model}/${e.file}/${e.phase}`;
      if (key !== current) {
        current = key;
        lastQuarter = 0;
        if (e.phase === 'verify' && e.bytesTotal < 5e6) return;
        console.log(`  ${e.model}: ${e.phase} ${e.file} (${mb(e.bytesTotal)})`);
      }
      // Quarter marks only for big files, so logs stay short.
      const quarter = e.bytesTotal > 0 ? Math.floor((4 * e.bytesDone) / e.bytesTotal) : 4;
      if (e.bytesTotal >= 5e6 && quarter > lastQuarter && quarter < 4) {
        lastQuarter = quarter;
        console.log(`    ${quarter * 25}% (${mb(e.bytesDone)})`);
      }
    },
    stop: () => undefined,
  };
}

const LABEL: Record<ModelReport['status'], string> = {
  installed: 'installed',
  'already-installed': 'already installed',
  unavailable: 'UNAVAILABLE',
  failed: 'FAILED',
  skipped: 'skipped',
};

function printReport(report: InstallReport): void {
  console.log(`\nModels in ${report.dest} (source ${report.source}):`);
  const width = Math.max(...report.models.map((m) => m.id.length));
  for (const m of report.models) {
    const commit = m.commit && m.status === 'installed' ? ` (hashes attested by the hub at commit ${m.commit.slice(0, 12)})` : '';
    console.log(`  ${m.id.padEnd(width)}  ${LABEL[m.status]}${commit}${m.reason ? `: ${m.reason}` : ''}`);
  }
  if (report.models.some((m) => m.status === 'unavailable')) {
    console.log('\nUnavailable models are not an error: the app runs without them (see models/README.md).');
  }
}

async function printStatus(entries: ModelEntry[], cli: Cli): Promise<number> {
  console.log(`Models in ${cli.dest}:`);
  const width = Math.max(...entries.map((m) => m.id.length));
  let broken = 0;
  let missing = 0;
  for (const e of entries) {
    if (e.built) {
      console.log(`  ${e.id.padEnd(width)}  built locally by the app`);
      continue;
    }
    const check = await checkModelInstall(cli.dest, e, { verify: cli.verify ? 'sha256' : 'size' });
    if (check.installed) {
      const opt = check.optionalPresent.length > 0 ? ` (+ ${check.optionalPresent.join(', ')})` : '';
      const at = check.marker?.commit ? ` @ ${check.marker.commit.slice(0, 12)}` : '';
      console.log(`  ${e.id.padEnd(width)}  installed, revision ${check.marker?.revision ?? '?'}${at}${opt}`);
      continue;
    }
    missing++;
    if (check.marker) broken++; // our marker is there, so a file went bad after install
    const shown = check.problems.slice(0, 3).join('; ') + (check.problems.length > 3 ? `; +${check.problems.length - 3} more` : '');
    console.log(`  ${e.id.padEnd(width)}  ${check.marker ? 'DAMAGED' : 'not installed'}: ${shown}`);
  }
  if (missing > 0) {
    console.log(`
To install the missing models:
  MODELS_DIR=/path/to/models npm run models    copy from a folder laid out <dir>/<owner>/<name>/<file>
  npm run models -- --hub                      download from ${process.env.HF_ENDPOINT || DEFAULT_HUB_URL} (set HF_ENDPOINT for a mirror)
Models marked "hashes": "hub-attested" in the manifest install from the hub only.
See models/README.md for what works without the real weights.`);
  }
  return broken > 0 ? 1 : 0;
}

/**
 * Builds the project's own domain embedder when the real MiniLM weights are absent (it is what the
 * app then uses), unless --no-build. Skipped when an up-to-date build is already there.
 */
async function buildStep(entries: ModelEntry[], cli: Cli): Promise<number> {
  const built = entries.filter((e) => e.built);
  if (!cli.build || built.length === 0) return 0;
  if (isMiniLmInstalled(cli.dest)) {
    console.log(`${DOMAIN_MODEL_ID}: not built, MiniLM is installed and will be used`);
    return 0;
  }
  try {
    const r = await ensureDomainModel({ modelsRoot: cli.dest, contentDir: defaultContentDir(), tokenizerDir: vendoredTokenizerDir() });
    console.log(r.built ? `${DOMAIN_MODEL_ID}: built in ${Math.round(r.ms)} ms into ${r.dir}` : `${DOMAIN_MODEL_ID}: up to date`);
    return 0;
  } catch (err) {
    console.error(`${DOMAIN_MODEL_ID}: build failed: ${(err as Error).message}`);
    return 1;
  }
}

async function main(argv: string[]): Promise<number> {
  const cli = parseCli(argv);
  if (cli === 'help') {
    console.log(USAGE);
    return 0;
  }
  const manifest = await loadManifest(MANIFEST_PATH);
  let entries: ModelEntry[];
  try {
    entries = selectModels(manifest, cli.only);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }

  if (!cli.source) {
    const code = await printStatus(entries, cli);
    return Math.max(code, await buildStep(entries, cli));
  }

  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  const progress = makeProgress();
  let report: InstallReport;
  try {
    report = await installModels({
      manifest,
      dest: cli.dest,
      modelIds: cli.only,
      source: cli.source,
      includeOptional: cli.optional,
      force: cli.force,
      verify: cli.verify ? 'sha256' : 'size',
      onProgress: progress.onProgress,
      signal: controller.signal,
    });
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
  }
  printReport(report);
  if (controller.signal.aborted) return 130;
  const installCode = report.ok ? 0 : 1;
  return Math.max(installCode, await buildStep(entries, cli));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Expected failures (bad flags, unreadable manifest) get one line; set NIMBUS_DEBUG for a stack.
    const msg = err instanceof Error ? err.message : String(err);
    console.error(`error: ${msg}`);
    if (err instanceof UsageError) console.error(`\n${USAGE}`);
    if (process.env.NIMBUS_DEBUG && err instanceof Error) console.error(err.stack);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
