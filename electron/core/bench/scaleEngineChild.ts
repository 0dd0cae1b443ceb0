// Child process of scaleEngine.ts: opens the engine warm in a fresh process (so start-up time and
// memory are what an app start would see, not what the cold build left behind), runs the
// measurements and prints them as JSON on stdout. Logs go to stderr.
import { readFileSync } from 'node:fs';
import { measureWarm, type WarmArgs } from './scaleEngine';

const args = JSON.parse(readFileSync(process.argv[2], 'utf8')) as WarmArgs;
const result = await measureWarm(args, (m) => void process.stderr.write(`bench:   ${m}\n`));
process.stdout.write(JSON.stringify(result));
