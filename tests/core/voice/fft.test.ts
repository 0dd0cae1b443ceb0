import { describe, expect, it } from 'vitest';
import { ComplexFFT, RealFFT } from '../../../electron/core/voice/fft';
import { mulberry32 } from '../../../electron/core/util/prng';

function dft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  const oRe = new Float64Array(n);
  const oIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let t = 0; t < n; t++) {
      const a = (-2 * Math.PI * ((k * t) % n)) / n;
      sr += re[t] * Math.cos(a) - im[t] * Math.sin(a);
      si += re[t] * Math.sin(a) + im[t] * Math.cos(a);
    }
    oRe[k] = sr;
    oIm[k] = si;
  }
  return [oRe, oIm];
}

const rnd = mulberry32(7);
const random = (n: number) => Float64Array.from({ length: n }, () => rnd() * 2 - 1);

describe('ComplexFFT', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 25, 49, 100, 200, 400, 11 * 13])('matches a direct DFT for n = %i', (n) => {
    const re = random(n);
    const im = random(n);
    const [eRe, eIm] = dft(re, im);
    const oRe = new Float64Array(n);
    const oIm = new Float64Array(n);
    new ComplexFFT(n).transform(re, im, oRe, oIm);
    for (let k = 0; k < n; k++) {
      expect(oRe[k]).toBeCloseTo(eRe[k], 9);
      expect(oIm[k]).toBeCloseTo(eIm[k], 9);
    }
  });

  it('rejects non-integer lengths', () => {
    expect(() => new ComplexFFT(0)).toThrow(RangeError);
    expect(() => new ComplexFFT(2.5)).toThrow(RangeError);
  });
});

describe('RealFFT', () => {
  it.each([2, 4, 10, 400, 512])('gives bins 0..N/2 of a direct DFT for n = %i', (n) => {
    const x = random(n);
    const [eRe, eIm] = dft(x, new Float64Array(n));
    const fft = new RealFFT(n);
    const oRe = new Float64Array(fft.bins);
    const oIm = new Float64Array(fft.bins);
    fft.transform(x, oRe, oIm);
    expect(fft.bins).toBe(n / 2 + 1);
    for (let k = 0; k <= n / 2; k++) {
      expect(oRe[k]).toBeCloseTo(eRe[k], 9);
      expect(oIm[k]).toBeCloseTo(eIm[k], 9);
    }
  });

  it('needs an even length', () => {
    expect(() => new RealFFT(401)).toThrow(/even/);
  });
});
