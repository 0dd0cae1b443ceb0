import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VoiceActivityDetector, detectSpeech, type VadEvent } from '../../../electron/core/voice/vad';
import { generateSignal, lastAbove, type Burst } from '../../../electron/core/voice/signals';
import { decodeWav, downmix } from '../../../electron/core/voice/wav';
import { SHARED } from '../../helpers/engine';

const TOL = 0.1; // the target is 300 ms; a 10 ms-frame detector on generated bursts does far better

function expectSegments(found: { startSec: number; endSec: number }[], want: [number, number][], tol = TOL) {
  expect(found.map((s) => [s.startSec, s.endSec].map((v) => Number(v.toFixed(2))))).toHaveLength(want.length);
  found.forEach((s, i) => {
    expect(Math.abs(s.startSec - want[i][0])).toBeLessThan(tol);
    expect(Math.abs(s.endSec - want[i][1])).toBeLessThan(tol);
  });
}

const bursts: Burst[] = [
  { startSec: 0.5, endSec: 1.7, amplitude: 0.3, kind: 'speechlike' },
  { startSec: 1.9, endSec: 2.4, amplitude: 0.1 }, // 200 ms pause: same utterance
  { startSec: 3.5, endSec: 4.2, amplitude: 0.3 },
  { startSec: 6.0, endSec: 6.05, amplitude: 0.5 }, // a 50 ms click: not speech
  { startSec: 7.0, endSec: 9.3, amplitude: 0.08, kind: 'speechlike' },
];
const WANT: [number, number][] = [
  [0.5, 2.4],
  [3.5, 4.2],
  [7.0, 9.3],
];

describe('voice activity detection on generated audio', () => {
  it.each([undefined, -70, -55, -45])('finds tone bursts and speech-like bursts with noise at %s dBFS', (noiseDb) => {
    expectSegments(detectSpeech(generateSignal({ durationSec: 11, bursts, noiseDb })), WANT);
  });

  it('finds nothing in digital silence, low hiss or steady noise', () => {
    expect(detectSpeech(new Float32Array(16000 * 5))).toEqual([]);
    expect(detectSpeech(generateSignal({ durationSec: 5, bursts: [], noiseDb: -60 }))).toEqual([]);
    expect(detectSpeech(generateSignal({ durationSec: 5, bursts: [], noiseDb: -30 }))).toEqual([]);
  });

  it('gives the same events whatever the block size (AudioWorklet 128 samples or a whole file)', () => {
    const x = generateSignal({ durationSec: 11, bursts, noiseDb: -55, seed: 3 });
    const run = (block: number) => {
      const vad = new VoiceActivityDetector();
      const ev: VadEvent[] = [];
      for (let i = 0; i < x.length; i += block) ev.push(...vad.push(x.subarray(i, i + block)));
      return [...ev, ...vad.flush()];
    };
    const whole = run(x.length);
    expect(run(128)).toEqual(whole);
    expect(run(1000)).toEqual(whole);
    expect(whole.map((e) => e.type)).toEqual([
      'speech-start',
      'speech-end',
      'speech-start',
      'speech-end',
      'speech-start',
      'speech-end',
    ]);
  });

  it('announces the end of an utterance after the hangover silence, and reports when speech really ended', () => {
    const x = generateSignal({
      durationSec: 4,
      bursts: [{ startSec: 0.5, endSec: 2, amplitude: 0.2, kind: 'speechlike' }],
      noiseDb: -55,
    });
    const vad = new VoiceActivityDetector({ minSilenceMs: 400 });
    const ev = vad.push(x);
    const end = ev.find((e) => e.type === 'speech-end');
    expect(end).toBeDefined();
    if (end?.type !== 'speech-end') return;
    expect(Math.abs(end.endSec - 2)).toBeLessThan(TOL);
    expect(end.atSec - end.endSec).toBeGreaterThanOrEqual(0.399);
    expect(end.atSec - end.endSec).toBeLessThan(0.42);
    expect(end.forced).toBe(false);
    expect(vad.speaking).toBe(false);
  });

  it('closes an open utterance on flush, and cuts one that runs past the maximum length', () => {
    const vad = new VoiceActivityDetector();
    vad.push(generateSignal({ durationSec: 2, bursts: [{ startSec: 1, endSec: 2, amplitude: 0.3 }] }));
    expect(vad.speaking).toBe(true);
    const [e] = vad.flush();
    expect(e).toMatchObject({ type: 'speech-end', forced: true });
    const long = new VoiceActivityDetector({ maxUtteranceMs: 3000 });
    const ev = long.push(
      generateSignal({ durationSec: 5, bursts: [{ startSec: 0.5, endSec: 5, amplitude: 0.3, kind: 'speechlike' }] }),
    );
    expect(ev.find((x) => x.type === 'speech-end')).toMatchObject({ forced: true });
  });

  it('follows the noise floor: quiet speech after loud noise stops, and a fan that starts is learnt as noise', () => {
    // noise rises from -70 to -35 dBFS at 2 s and stays; a loud burst at 14 s must still be found
    const quiet = generateSignal({ durationSec: 16, bursts: [], noiseDb: -70, seed: 5 });
    const loud = generateSignal({
      durationSec: 16,
      bursts: [{ startSec: 14, endSec: 15, amplitude: 0.5, kind: 'speechlike' }],
      noiseDb: -35,
      seed: 6,
    });
    const x = new Float32Array(quiet.length);
    for (let i = 0; i < x.length; i++) x[i] = i < 32000 ? quiet[i] : loud[i];
    const vad = new VoiceActivityDetector();
    const segs = detectSpeech(x);
    expect(segs.length).toBeGreaterThanOrEqual(1);
    const last = segs[segs.length - 1];
    expect(Math.abs(last.startSec - 14)).toBeLessThan(0.1);
    expect(Math.abs(last.endSec - 15)).toBeLessThan(0.1);
    // the noise step itself was taken for speech at most until the stationary limit (8 s)
    expect(segs[0].endSec - segs[0].startSec).toBeLessThan(8.5);
    vad.push(x);
    expect(vad.noiseFloorDb).toBeGreaterThan(-40);
  });

  it('needs more level while the tutor speaks (setSensitivity)', () => {
    const x = generateSignal({ durationSec: 3, bursts: [{ startSec: 1, endSec: 2, amplitude: 0.01 }], noiseDb: -60 });
    expect(detectSpeech(x)).toHaveLength(1);
    const vad = new VoiceActivityDetector();
    vad.setSensitivity({ extraOnsetDb: 12 });
    expect([...vad.push(x), ...vad.flush()]).toEqual([]);
  });

  it('ends espeak-ng recordings of dev questions within 300 ms of their last sound', () => {
    for (const id of ['d006', 'd014', 'd019', 'd024', 'd033', 'd038', 'd052', 'd058']) {
      const speech = downmix(decodeWav(readFileSync(join(SHARED, 'eval', 'voice', `${id}.wav`))).channels);
      const x = new Float32Array(speech.length + 48000);
      x.set(speech, 16000); // 1 s before, 2 s after
      const noise = generateSignal({ durationSec: x.length / 16000, bursts: [], noiseDb: -60, seed: 9 });
      for (let i = 0; i < x.length; i++) x[i] += noise[i];
      const trueEnd = (16000 + lastAbove(speech, 0.01) + 1) / 16000;
      const segs = detectSpeech(x);
      expect(segs.length).toBeGreaterThanOrEqual(1);
      expect(Math.abs(segs[segs.length - 1].endSec - trueEnd)).toBeLessThan(0.3);
      expect(segs[0].startSec).toBeGreaterThan(0.95);
    }
  });
});
