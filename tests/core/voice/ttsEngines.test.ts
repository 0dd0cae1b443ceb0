import { afterAll, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EspeakSynthesizer } from '../../../electron/core/voice/tts/espeak';
import { SaySynthesizer } from '../../../electron/core/voice/tts/say';
import { SAPI_SCRIPT, SapiSynthesizer, sapiRate } from '../../../electron/core/voice/tts/sapi';
import { chooseSynthesizer } from '../../../electron/core/voice/tts/choose';
import { runProcess, type ChildLike, type Spawner } from '../../../electron/core/voice/tts/process';
import { SynthesisError } from '../../../electron/core/voice/tts/types';
import { decodeWav } from '../../../electron/core/voice/wav';
import { encodeWav } from '../../../electron/core/voice/wavEncode';
import { sine } from '../../../electron/core/voice/signals';
import { tempDir } from '../../helpers/engine';

interface Call {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  stdin: string;
}

/** A fake child process: `behave` sees the call (stdin complete) and returns exit code + stdout. */
function fakeSpawner(behave: (c: Call) => { code: number; stdout?: Uint8Array; stderr?: string } | 'enoent' | 'hang'): {
  spawner: Spawner;
  calls: Call[];
} {
  const calls: Call[] = [];
  const spawner: Spawner = (command, args, opts) => {
    const ee = new EventEmitter();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const stdin = new PassThrough();
    const call: Call = { command, args: [...args], env: opts.env ?? {}, stdin: '' };
    calls.push(call);
    let killed = false;
    stdin.on('data', (d: Buffer) => (call.stdin += d.toString('utf8')));
    stdin.on('finish', () => {
      const r = behave(call);
      setImmediate(() => {
        if (r === 'enoent') return void ee.emit('error', Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' }));
        if (r === 'hang' || killed) return;
        if (r.stdout) stdout.write(Buffer.from(r.stdout));
        if (r.stderr) stderr.write(r.stderr);
        stdout.end();
        stderr.end();
        setImmediate(() => ee.emit('close', r.code, null));
      });
    });
    const child: ChildLike = {
      stdout,
      stderr,
      stdin,
      on: (ev: string, cb: (...a: never[]) => void) => ee.on(ev, cb as (...a: unknown[]) => void),
      kill: () => {
        killed = true;
        setImmediate(() => ee.emit('close', null, 'SIGKILL'));
        return true;
      },
    };
    return child;
  };
  return { spawner, calls };
}

const tone = () => encodeWav(sine(220, 22050, 0.5, 0.3), 22050);
const dir = tempDir('tts');
afterAll(() => dir.cleanup());

describe('espeak-ng (real binary)', () => {
  const espeak = new EspeakSynthesizer();

  it('is available here and speaks a sentence into a 16-bit mono WAV that sox agrees with', async () => {
    expect(await espeak.available()).toBe(true);
    const r = await espeak.synthesize('Amazon S 3 stores objects in buckets.');
    expect(r.sampleRate).toBe(22050);
    expect(r.durationSec).toBeGreaterThan(1);
    expect(r.durationSec).toBeLessThan(5);
    const path = join(dir.path, 'espeak.wav');
    writeFileSync(path, r.wav);
    const sox = spawnSync('sox', [path, '-n', 'stat'], { encoding: 'utf8' });
    expect(sox.status).toBe(0);
    const report = sox.stderr; // sox writes the stat report on stderr
    const length = Number(/Length \(seconds\):\s+([\d.]+)/.exec(report)?.[1]);
    const rms = Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(report)?.[1]);
    expect(length).toBeCloseTo(r.durationSec, 3);
    expect(rms).toBeGreaterThan(0.02); // real speech, not silence
    const header = decodeWav(r.wav).format;
    expect(header).toEqual({ encoding: 'pcm', bitsPerSample: 16, channels: 1, sampleRate: 22050 });
  });

  it('speaks slower and faster with the rate, and reads text starting with a dash as text', async () => {
    const text = 'Security groups are stateful; network ACLs are stateless.';
    const slow = await espeak.synthesize(text, { rate: 0.6 });
    const fast = await espeak.synthesize(text, { rate: 1.8 });
    expect(slow.durationSec / fast.durationSec).toBeGreaterThan(2);
    const dash = await espeak.synthesize('--help is not an option here');
    expect(dash.durationSec).toBeGreaterThan(1);
    expect(espeak.args({ rate: 100 })).toEqual(['--stdout', '-b', '1', '-v', 'en-us', '-s', '340']); // clamped to 2×
  });

  it('fails clearly on empty text, a bad voice, or a missing binary', async () => {
    await expect(espeak.synthesize('  ')).rejects.toThrow(/empty text/);
    await expect(espeak.synthesize('hi', { voice: 'en; rm -rf /' })).rejects.toThrow(/bad espeak-ng voice/);
    await expect(espeak.synthesize('hi', { voice: 'xx-nonexistent' })).rejects.toBeInstanceOf(SynthesisError);
    const missing = new EspeakSynthesizer({ binary: 'espeak-ng-does-not-exist' });
    expect(await missing.available()).toBe(false);
    await expect(missing.synthesize('hi')).rejects.toThrow(/not installed/);
  });
});

describe('macOS say and Windows SAPI (through a fake spawner)', () => {
  it('say: argv without a shell, text on stdin, WAV read back from the -o file', async () => {
    const { spawner, calls } = fakeSpawner((c) => {
      if (c.args[0] === '-v' && c.args[1] === '?')
        return { code: 0, stdout: new TextEncoder().encode('Samantha en_US # Hello') };
      writeFileSync(c.args[c.args.indexOf('-o') + 1], tone());
      return { code: 0 };
    });
    const say = new SaySynthesizer({ spawner, platform: 'darwin', voice: 'Samantha' });
    expect(await say.available()).toBe(true);
    const r = await say.synthesize('Use "quotes" & $(no shell)', { rate: 1.2 });
    expect(r.durationSec).toBeCloseTo(0.5, 3);
    const call = calls[calls.length - 1];
    expect(call.command).toBe('/usr/bin/say');
    expect(call.args).toEqual([
      '-v',
      'Samantha',
      '-r',
      '222',
      '-o',
      expect.stringMatching(/speech\.wav$/),
      '--file-format=WAVE',
      '--data-format=LEI16@22050',
      '-f',
      '-',
    ]);
    expect(call.stdin).toBe('Use "quotes" & $(no shell)');
    expect(await new SaySynthesizer({ spawner, platform: 'linux' }).available()).toBe(false);
  });

  it('say: a failing run or a file that is not audio is an error, not silence', async () => {
    const failing = fakeSpawner(() => ({ code: 1, stderr: 'Voice not found' }));
    await expect(new SaySynthesizer({ spawner: failing.spawner, platform: 'darwin' }).synthesize('hi')).rejects.toThrow(
      /code 1: Voice not found/,
    );
    const junk = fakeSpawner((c) => {
      writeFileSync(c.args[c.args.indexOf('-o') + 1], 'not a wav');
      return { code: 0 };
    });
    await expect(new SaySynthesizer({ spawner: junk.spawner, platform: 'darwin' }).synthesize('hi')).rejects.toThrow(
      /no usable audio/,
    );
  });

  it('SAPI: encoded script, text and output path in the environment, rate mapped to −10…10', async () => {
    const { spawner, calls } = fakeSpawner((c) => {
      const script = Buffer.from(c.args[c.args.indexOf('-EncodedCommand') + 1], 'base64').toString('utf16le');
      if (script.includes('exit 0')) return { code: 0 };
      expect(script).toBe(SAPI_SCRIPT);
      writeFileSync(String(c.env.NIMBUS_TTS_OUT), tone());
      return { code: 0 };
    });
    const sapi = new SapiSynthesizer({ spawner, platform: 'win32' });
    expect(await sapi.available()).toBe(true);
    const text = 'Zoë’s “EC2” — naïve; $env:PATH & `n';
    const r = await sapi.synthesize(text, { rate: 2 });
    expect(r.sampleRate).toBe(22050);
    const call = calls[calls.length - 1];
    expect(call.command).toBe('powershell.exe');
    expect(call.args.slice(0, 5)).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
    ]);
    expect(Buffer.from(String(call.env.NIMBUS_TTS_TEXT), 'base64').toString('utf8')).toBe(text);
    expect(call.env.NIMBUS_TTS_RATE).toBe('6');
    expect([sapiRate(0.5), sapiRate(1), sapiRate(3), sapiRate(undefined)]).toEqual([-6, 0, 6, 0]);
    expect(await new SapiSynthesizer({ spawner, platform: 'darwin' }).available()).toBe(false);
    await expect(sapi.synthesize('x'.repeat(7000))).rejects.toThrow(/split it into sentences/);
  });
});

describe('process runner', () => {
  it('times out a hung engine and honours cancellation', async () => {
    const hang = fakeSpawner(() => 'hang');
    await expect(runProcess(hang.spawner, 't', 'slow', [], { timeoutMs: 50 })).rejects.toThrow(
      /did not finish within 50 ms/,
    );
    const ac = new AbortController();
    const p = runProcess(hang.spawner, 't', 'slow', [], { signal: ac.signal });
    ac.abort(new Error('barge-in'));
    await expect(p).rejects.toThrow(/barge-in/);
    const big = fakeSpawner(() => ({ code: 0, stdout: new Uint8Array(2000) }));
    await expect(runProcess(big.spawner, 't', 'loud', [], { maxOutputBytes: 1000 })).rejects.toThrow(
      /more than 1000 bytes/,
    );
  });
});

describe('chooseSynthesizer', () => {
  it('picks espeak-ng on this Linux machine and lists what it considered', async () => {
    const c = await chooseSynthesizer();
    expect(c.engine?.id).toBe('espeak-ng');
    expect(c.fallback).toBeNull();
    expect(c.summary).toBe('speech output: eSpeak NG');
  });

  it('prefers the OS voice on macOS and Windows, a preferred engine first, and falls back to the browser with none', async () => {
    const all = fakeSpawner((c) =>
      c.command.startsWith('espeak') ? { code: 0 } : { code: 0, stdout: new Uint8Array([1]) },
    );
    expect((await chooseSynthesizer({ platform: 'darwin', spawner: all.spawner })).engine?.id).toBe('say');
    expect((await chooseSynthesizer({ platform: 'win32', spawner: all.spawner })).engine?.id).toBe('sapi');
    expect((await chooseSynthesizer({ platform: 'win32', spawner: all.spawner, prefer: 'espeak-ng' })).engine?.id).toBe(
      'espeak-ng',
    );
    const neural = {
      id: 'neural',
      label: 'Neural voice',
      available: async () => true,
      synthesize: async () => ({ wav: tone(), sampleRate: 22050, durationSec: 0.5 }),
    };
    expect((await chooseSynthesizer({ platform: 'linux', spawner: all.spawner, preferred: [neural] })).engine?.id).toBe(
      'neural',
    );
    const none = fakeSpawner(() => 'enoent');
    const c = await chooseSynthesizer({ platform: 'win32', spawner: none.spawner });
    expect(c.engine).toBeNull();
    expect(c.fallback).toBe('web-speech');
    expect(c.candidates).toEqual([
      { id: 'sapi', label: 'Windows voice (SAPI)', available: false },
      { id: 'espeak-ng', label: 'eSpeak NG', available: false },
    ]);
    expect(c.summary).toMatch(/no voice engine found.*browser/);
  });
});
