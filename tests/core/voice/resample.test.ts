import { describe, expect, it } from 'vitest';
import { resample, toMono16k } from '../../../electron/core/voice/resample';
import { decodeWav } from '../../../electron/core/voice/wav';
import { encodeWav } from '../../../electron/core/voice/wavEncode';
import { sine, toneAmplitude } from '../../../electron/core/voice/signals';

const dB = (a: number, ref = 0.5) => 20 * Math.log10(a / ref);

/** Frequency of the strongest peak, by a fine scan of single-bin DFT amplitudes around `guess`. */
function peakFrequency(x: Float32Array, rate: number, guess: number): number {
  let best = guess;
  let bestA = -1;
  for (let f = guess - 50; f <= guess + 50; f += 1) {
    const a = toneAmplitude(x, f, rate);
    if (a > bestA) [best, bestA] = [f, a];
  }
  return best;
}

describe('resample', () => {
  it.each([44100, 48000, 8000, 22050, 11025, 32000])(
    'keeps a 1 kHz sine at 1 kHz and amplitude 0.5 from %i Hz',
    (rate) => {
      const y = resample(sine(1000, rate, 1), rate, 16000);
      expect(y.length).toBe(16000);
      expect(peakFrequency(y, 16000, 1000)).toBe(1000);
      expect(toneAmplitude(y, 1000, 16000)).toBeCloseTo(0.5, 3);
    },
  );

  it('keeps the speech band flat up to 6.5 kHz when downsampling', () => {
    for (const f of [100, 3000, 6500]) {
      const y = resample(sine(f, 44100, 1), 44100, 16000);
      expect(Math.abs(dB(toneAmplitude(y, f, 16000)))).toBeLessThan(0.1);
    }
  });

  it('removes what would alias: 12 kHz at 48 kHz must not appear at 4 kHz after going to 16 kHz', () => {
    const y = resample(sine(12000, 48000, 1), 48000, 16000);
    expect(dB(toneAmplitude(y, 4000, 16000))).toBeLessThan(-80);
    const z = resample(sine(9000, 44100, 1), 44100, 16000); // would fold to 7 kHz
    expect(dB(toneAmplitude(z, 7000, 16000))).toBeLessThan(-80);
  });

  it('does not create images when upsampling 8 kHz: 3 kHz stays, nothing at 5 kHz', () => {
    const y = resample(sine(3000, 8000, 1), 8000, 16000);
    expect(toneAmplitude(y, 3000, 16000)).toBeCloseTo(0.5, 2);
    expect(dB(toneAmplitude(y, 5000, 16000))).toBeLessThan(-80);
  });

  it('has unit gain at DC, copies at equal rates and handles rates with no small common factor', () => {
    const dc = resample(new Float32Array(4410).fill(0.3), 44100, 16000);
    expect(dc[800]).toBeCloseTo(0.3, 5);
    const x = sine(440, 16000, 0.1);
    const same = resample(x, 16000, 16000);
    expect(same).not.toBe(x);
    expect(Array.from(same)).toEqual(Array.from(x));
    // 16001 → 16000: 16000 phases, evaluated per output sample instead of from a table
    const odd = resample(sine(1000, 16001, 1), 16001, 16000);
    expect(odd.length).toBe(16000);
    expect(toneAmplitude(odd, 1000, 16000)).toBeCloseTo(0.5, 3);
    expect(() => resample(x, 0, 16000)).toThrow(RangeError);
    expect(() => resample(x, 44100.5, 16000)).toThrow(RangeError);
    expect(resample(new Float32Array(0), 44100, 16000)).toHaveLength(0);
  });

  it('turns a stereo 44.1 kHz WAV into 16 kHz mono', () => {
    const left = sine(500, 44100, 0.5, 0.4);
    const inter = new Float32Array(left.length * 2);
    left.forEach((s, i) => {
      inter[2 * i] = s;
      inter[2 * i + 1] = s;
    });
    const pcm = toMono16k(decodeWav(encodeWav(inter, 44100, { channels: 2 })));
    expect(pcm.length).toBe(8000);
    expect(toneAmplitude(pcm, 500, 16000)).toBeCloseTo(0.4, 3);
  });

  it('converts ten minutes of 48 kHz audio in a few seconds (no quadratic work)', () => {
    const x = new Float32Array(48000 * 600);
    const t0 = performance.now();
    const y = resample(x, 48000, 16000);
    expect(y.length).toBe(16000 * 600);
    expect(performance.now() - t0).toBeLessThan(15_000);
  });
});
