// Mixed-radix FFT (kissfft's decimation-in-time recursion: radix-4 and radix-2 butterflies, a
// generic one for 3, 5, 7, …) and a real-input transform built on a half-length complex FFT.
// Whisper uses n_fft = 400 = 2^4 · 5^2: padding to 512 would change the bins, so the transform
// has to be exactly 400 points. transformers.js uses Bluestein for that; this is ~10× cheaper.

function factorize(n: number): number[] {
  const out: number[] = [];
  let p = 4;
  while (n > 1) {
    while (n % p !== 0) {
      if (p === 4) p = 2;
      else if (p === 2) p = 3;
      else p += 2;
      if (p * p > n) p = n;
    }
    n /= p;
    out.push(p, n); // radix, remaining length
  }
  return out;
}

/** In-place-safe complex DFT of a fixed length: X[k] = Σ x[n]·e^(−2πikn/N). */
export class ComplexFFT {
  private readonly twRe: Float64Array;
  private readonly twIm: Float64Array;
  private readonly factors: number[];
  private readonly scratchRe: Float64Array;
  private readonly scratchIm: Float64Array;

  constructor(readonly n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`FFT length must be a positive integer, got ${n}`);
    this.twRe = new Float64Array(n);
    this.twIm = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = (-2 * Math.PI * i) / n;
      this.twRe[i] = Math.cos(a);
      this.twIm[i] = Math.sin(a);
    }
    this.factors = factorize(n);
    const maxP = Math.max(1, ...this.factors.filter((_, i) => i % 2 === 0));
    this.scratchRe = new Float64Array(maxP);
    this.scratchIm = new Float64Array(maxP);
  }

  /** out = FFT(in); in and out must not overlap. */
  transform(inRe: Float64Array, inIm: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    if (this.n === 1) {
      outRe[0] = inRe[0];
      outIm[0] = inIm[0];
      return;
    }
    this.work(outRe, outIm, 0, inRe, inIm, 0, 1, 0);
  }

  private work(
    oRe: Float64Array,
    oIm: Float64Array,
    o: number,
    iRe: Float64Array,
    iIm: Float64Array,
    i: number,
    fstride: number,
    fi: number,
  ): void {
    const p = this.factors[fi];
    const m = this.factors[fi + 1];
    const end = o + p * m;
    if (m === 1) {
      for (let k = o; k < end; k++, i += fstride) {
        oRe[k] = iRe[i];
        oIm[k] = iIm[i];
      }
    } else {
      for (let k = o; k < end; k += m, i += fstride) this.work(oRe, oIm, k, iRe, iIm, i, fstride * p, fi + 2);
    }
    if (p === 2) this.bfly2(oRe, oIm, o, fstride, m);
    else if (p === 4) this.bfly4(oRe, oIm, o, fstride, m);
    else this.bflyGeneric(oRe, oIm, o, fstride, m, p);
  }

  private bfly2(re: Float64Array, im: Float64Array, o: number, fstride: number, m: number): void {
    const { twRe, twIm } = this;
    for (let k = 0, t = 0; k < m; k++, t += fstride) {
      const a = o + k;
      const b = a + m;
      const tr = re[b] * twRe[t] - im[b] * twIm[t];
      const ti = re[b] * twIm[t] + im[b] * twRe[t];
      re[b] = re[a] - tr;
      im[b] = im[a] - ti;
      re[a] += tr;
      im[a] += ti;
    }
  }

  private bfly4(re: Float64Array, im: Float64Array, o: number, fstride: number, m: number): void {
    const { twRe, twIm } = this;
    for (let k = 0; k < m; k++) {
      const a0 = o + k;
      const a1 = a0 + m;
      const a2 = a1 + m;
      const a3 = a2 + m;
      const t1 = k * fstride;
      const t2 = 2 * t1;
      const t3 = 3 * t1;
      const s0r = re[a1] * twRe[t1] - im[a1] * twIm[t1];
      const s0i = re[a1] * twIm[t1] + im[a1] * twRe[t1];
      const s1r = re[a2] * twRe[t2] - im[a2] * twIm[t2];
      const s1i = re[a2] * twIm[t2] + im[a2] * twRe[t2];
      const s2r = re[a3] * twRe[t3] - im[a3] * twIm[t3];
      const s2i = re[a3] * twIm[t3] + im[a3] * twRe[t3];
      const s5r = re[a0] - s1r;
      const s5i = im[a0] - s1i;
      const x0r = re[a0] + s1r;
      const x0i = im[a0] + s1i;
      const s3r = s0r + s2r;
      const s3i = s0i + s2i;
      const s4r = s0r - s2r;
      const s4i = s0i - s2i;
      re[a2] = x0r - s3r;
      im[a2] = x0i - s3i;
      re[a0] = x0r + s3r;
      im[a0] = x0i + s3i;
      re[a1] = s5r + s4i;
      im[a1] = s5i - s4r;
      re[a3] = s5r - s4i;
      im[a3] = s5i + s4r;
    }
  }

  private bflyGeneric(re: Float64Array, im: Float64Array, o: number, fstride: number, m: number, p: number): void {
    const { twRe, twIm, scratchRe: sr, scratchIm: si, n } = this;
    for (let u = 0; u < m; u++) {
      for (let q = 0, k = u; q < p; q++, k += m) {
        sr[q] = re[o + k];
        si[q] = im[o + k];
      }
      for (let q1 = 0, k = u; q1 < p; q1++, k += m) {
        let accR = sr[0];
        let accI = si[0];
        let t = 0;
        for (let q = 1; q < p; q++) {
          t += fstride * k;
          if (t >= n) t %= n;
          accR += sr[q] * twRe[t] - si[q] * twIm[t];
          accI += sr[q] * twIm[t] + si[q] * twRe[t];
        }
        re[o + k] = accR;
        im[o + k] = accI;
      }
    }
  }
}

/**
 * DFT of a real signal of even length N, bins 0..N/2, through one complex FFT of length N/2
 * (even samples as real part, odd as imaginary, then the usual split).
 */
export class RealFFT {
  readonly bins: number;
  private readonly half: ComplexFFT;
  private readonly zr: Float64Array;
  private readonly zi: Float64Array;
  private readonly Zr: Float64Array;
  private readonly Zi: Float64Array;
  private readonly wr: Float64Array;
  private readonly wi: Float64Array;

  constructor(readonly n: number) {
    if (n < 2 || n % 2 !== 0) throw new RangeError(`RealFFT needs an even length, got ${n}`);
    const h = n / 2;
    this.bins = h + 1;
    this.half = new ComplexFFT(h);
    this.zr = new Float64Array(h);
    this.zi = new Float64Array(h);
    this.Zr = new Float64Array(h);
    this.Zi = new Float64Array(h);
    this.wr = new Float64Array(h + 1);
    this.wi = new Float64Array(h + 1);
    for (let k = 0; k <= h; k++) {
      this.wr[k] = Math.cos((-2 * Math.PI * k) / n);
      this.wi[k] = Math.sin((-2 * Math.PI * k) / n);
    }
  }

  /** Writes Re/Im of bins 0..N/2 into outRe/outIm (length ≥ N/2 + 1). */
  transform(x: ArrayLike<number>, outRe: Float64Array, outIm: Float64Array): void {
    const h = this.n / 2;
    const { zr, zi, Zr, Zi, wr, wi } = this;
    for (let i = 0; i < h; i++) {
      zr[i] = x[2 * i];
      zi[i] = x[2 * i + 1];
    }
    this.half.transform(zr, zi, Zr, Zi);
    for (let k = 0; k <= h; k++) {
      const a = k % h;
      const b = (h - k) % h;
      // E = (Z[k] + conj Z[h−k]) / 2, O = (Z[k] − conj Z[h−k]) / 2i, X = E + W^k·O
      const er = 0.5 * (Zr[a] + Zr[b]);
      const ei = 0.5 * (Zi[a] - Zi[b]);
      const or = 0.5 * (Zi[a] + Zi[b]);
      const oi = -0.5 * (Zr[a] - Zr[b]);
      outRe[k] = er + wr[k] * or - wi[k] * oi;
      outIm[k] = ei + wr[k] * oi + wi[k] * or;
    }
  }
}
