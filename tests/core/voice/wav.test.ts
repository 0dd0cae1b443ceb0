import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AudioDecodeError, decodeWav, downmix } from '../../../electron/core/voice/wav';
import { concatWav16, encodeWav, floatToInt16 } from '../../../electron/core/voice/wavEncode';
import { REPO, SHARED } from '../../helpers/engine';

/** A WAV built by hand: any format tag, bits, channels, extra chunks, lying sizes. */
function wav(o: {
  tag?: number;
  bits: number;
  channels?: number;
  rate?: number;
  data: Uint8Array;
  dataSize?: number;
  riffSize?: number;
  before?: Uint8Array;
  extensibleSub?: number;
}): Uint8Array {
  const channels = o.channels ?? 1;
  const rate = o.rate ?? 16000;
  const ext = o.extensibleSub !== undefined;
  const fmtLen = ext ? 40 : 16;
  const before = o.before ?? new Uint8Array(0);
  const buf = new Uint8Array(12 + 8 + fmtLen + before.length + 8 + o.data.length);
  const v = new DataView(buf.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, o.riffSize ?? buf.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, fmtLen, true);
  v.setUint16(20, ext ? 0xfffe : (o.tag ?? 1), true);
  v.setUint16(22, channels, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, (rate * channels * o.bits) / 8, true);
  v.setUint16(32, (channels * o.bits) / 8, true);
  v.setUint16(34, o.bits, true);
  let p = 36;
  if (ext) {
    v.setUint16(36, 22, true);
    v.setUint16(38, o.bits, true);
    v.setUint32(40, channels === 2 ? 3 : 4, true);
    // KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT GUID
    const guid = [o.extensibleSub ?? 1, 0, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71];
    guid.forEach((b, i) => v.setUint8(44 + i, b));
    p = 60;
  }
  buf.set(before, p);
  p += before.length;
  ascii(p, 'data');
  v.setUint32(p + 4, o.dataSize ?? o.data.length, true);
  buf.set(o.data, p + 8);
  return buf;
}

const bytesOf = (fill: (v: DataView) => void, n: number): Uint8Array => {
  const b = new Uint8Array(n);
  fill(new DataView(b.buffer));
  return b;
};

function expectError(bytes: Uint8Array, code: string, msg: RegExp, opts?: Parameters<typeof decodeWav>[1]) {
  let err: unknown;
  try {
    decodeWav(bytes, opts);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(AudioDecodeError);
  expect((err as AudioDecodeError).code).toBe(code);
  expect((err as Error).message).toMatch(msg);
}

describe('decodeWav', () => {
  it('reads 8-bit unsigned, 16/24/32-bit signed and 32/64-bit float samples to [-1, 1]', () => {
    const u8 = decodeWav(wav({ bits: 8, data: Uint8Array.from([0, 128, 255]) }));
    expect(Array.from(u8.channels[0])).toEqual([-1, 0, 127 / 128]);
    const i16 = decodeWav(
      wav({
        bits: 16,
        data: bytesOf((v) => [-32768, 0, 16384, 32767].forEach((s, i) => v.setInt16(i * 2, s, true)), 8),
      }),
    );
    expect(Array.from(i16.channels[0])).toEqual([-1, 0, 0.5, 32767 / 32768]);
    const i24data = Uint8Array.from([0x00, 0x00, 0x80, 0xff, 0xff, 0x7f, 0x00, 0x00, 0x40]); // −1, max, 0.5
    const i24 = decodeWav(wav({ bits: 24, data: i24data }));
    expect(i24.channels[0][0]).toBe(-1);
    expect(i24.channels[0][1]).toBeCloseTo(1, 6);
    expect(i24.channels[0][2]).toBe(0.5);
    const i32 = decodeWav(wav({ bits: 32, data: bytesOf((v) => v.setInt32(0, -1073741824, true), 4) }));
    expect(i32.channels[0][0]).toBe(-0.5);
    const f32 = decodeWav(
      wav({
        tag: 3,
        bits: 32,
        data: bytesOf((v) => [0.25, -2, NaN].forEach((s, i) => v.setFloat32(i * 4, s, true)), 12),
      }),
    );
    expect(Array.from(f32.channels[0])).toEqual([0.25, -1, 0]); // clamped, NaN → silence
    const f64 = decodeWav(wav({ tag: 3, bits: 64, data: bytesOf((v) => v.setFloat64(0, -0.125, true), 8) }));
    expect(f64.channels[0][0]).toBe(-0.125);
    expect(f64.format).toEqual({ encoding: 'float', bitsPerSample: 64, channels: 1, sampleRate: 16000 });
  });

  it('splits interleaved stereo and downmixes by averaging', () => {
    const data = bytesOf((v) => [1000, -1000, 2000, 0].forEach((s, i) => v.setInt16(i * 2, s, true)), 8);
    const a = decodeWav(wav({ bits: 16, channels: 2, rate: 44100, data }));
    expect(a.channels).toHaveLength(2);
    expect(a.frames).toBe(2);
    expect(a.sampleRate).toBe(44100);
    expect(Array.from(a.channels[1])).toEqual([-1000 / 32768, 0]);
    expect(Array.from(downmix(a.channels))).toEqual([0, 1000 / 32768]);
  });

  it('understands WAVE_FORMAT_EXTENSIBLE PCM and float, and skips unknown chunks with odd sizes', () => {
    const list = Uint8Array.from([0x4c, 0x49, 0x53, 0x54, 3, 0, 0, 0, 1, 2, 3, 0]); // "LIST", 3 bytes + pad byte
    const pcm = decodeWav(
      wav({
        bits: 16,
        channels: 2,
        extensibleSub: 1,
        before: list,
        data: bytesOf((v) => v.setInt16(0, 16384, true), 4),
      }),
    );
    expect(pcm.channels[0][0]).toBe(0.5);
    const flt = decodeWav(wav({ bits: 32, extensibleSub: 3, data: bytesOf((v) => v.setFloat32(0, 0.75, true), 4) }));
    expect(flt.channels[0][0]).toBe(0.75);
    expectError(wav({ bits: 16, extensibleSub: 2, data: new Uint8Array(2) }), 'unsupported', /ADPCM/);
  });

  it('accepts the placeholder sizes streaming writers leave (espeak-ng --stdout) and reads to end of file', () => {
    const data = bytesOf((v) => [100, 200, 300].forEach((s, i) => v.setInt16(i * 2, s, true)), 6);
    for (const placeholder of [0x7ffff000, 0xffffffff]) {
      const a = decodeWav(wav({ bits: 16, data, dataSize: placeholder, riffSize: placeholder }));
      expect(a.frames).toBe(3);
    }
    const zero = decodeWav(wav({ bits: 16, data, dataSize: 0, riffSize: 0 }));
    expect(zero.frames).toBe(3);
  });

  it('decodes the shared voice recordings with the documented format and duration', () => {
    const lines = readFileSync(join(SHARED, 'eval', 'voice', 'manifest.jsonl'), 'utf8')
      .trim()
      .split('\n');
    for (const line of lines) {
      const m = JSON.parse(line) as { file: string; duration_s: number; sample_rate: number };
      const a = decodeWav(readFileSync(join(SHARED, 'eval', 'voice', m.file)));
      expect(a.format).toEqual({ encoding: 'pcm', bitsPerSample: 16, channels: 1, sampleRate: m.sample_rate });
      expect(a.durationSec).toBeCloseTo(m.duration_s, 1);
    }
  });

  it('fails with a clear, coded error on every kind of bad input', () => {
    expectError(new Uint8Array(0), 'empty', /empty \(0 bytes\)/);
    expectError(new TextEncoder().encode('just some text, not audio at all'), 'not-wav', /not a WAV file/);
    expectError(Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4, 5, 6, 7, 8]), 'not-wav', /WebM.*convert it/);
    expectError(new TextEncoder().encode('OggS\0\0\0\0\0\0\0\0\0'), 'not-wav', /Ogg/);
    expectError(new TextEncoder().encode('RIFX....WAVEfmt '), 'unsupported', /RIFX/);
    expectError(Uint8Array.from([0x52, 0x49]), 'not-wav', /only 2 bytes/);
    const good = encodeWav(new Float32Array(1000).fill(0.1), 16000);
    expectError(good.subarray(0, 30), 'truncated', /fmt/);
    expectError(good.subarray(0, 500), 'truncated', /announces 2000 bytes of audio but only 456/);
    expectError(wav({ bits: 16, data: new Uint8Array(0) }), 'empty', /no audio samples/);
    expectError(good.subarray(0, 36), 'empty', /no "data" chunk/);
    expectError(wav({ tag: 7, bits: 8, data: new Uint8Array(4) }), 'unsupported', /mu-law/);
    expectError(wav({ bits: 12, data: new Uint8Array(4) }), 'unsupported', /12-bit/);
    expectError(wav({ bits: 16, channels: 0, data: new Uint8Array(4) }), 'unsupported', /0 channels/);
    expectError(wav({ bits: 16, rate: 100, data: new Uint8Array(4) }), 'unsupported', /100 Hz/);
    // data before fmt
    const swapped = new Uint8Array(good);
    swapped.set(new TextEncoder().encode('data'), 12);
    expectError(swapped, 'corrupt', /before its "fmt " chunk/);
    // block align that contradicts channels × bits
    const badAlign = new Uint8Array(good);
    new DataView(badAlign.buffer).setUint16(32, 3, true);
    expectError(badAlign, 'corrupt', /block align 3/);
  });

  it('enforces the size and duration limits before decoding samples', () => {
    const tenSec = encodeWav(new Float32Array(160_000), 16000);
    expectError(tenSec, 'too-large', /over the 0 MiB limit/, { maxBytes: 100_000 });
    expectError(tenSec, 'too-large', /10\.0 s long, over the 5\.0 s limit/, { maxDurationSec: 5 });
    expect(decodeWav(tenSec, { maxDurationSec: 10 }).durationSec).toBe(10);
  });
});

describe('encodeWav (the renderer-side encoder)', () => {
  it('round-trips through decodeWav within one 16-bit step, and exactly as float32', () => {
    const x = Float32Array.from({ length: 4000 }, (_, i) => Math.sin(i / 7) * 0.9);
    const back = decodeWav(encodeWav(x, 16000)).channels[0];
    let err = 0;
    for (let i = 0; i < x.length; i++) err = Math.max(err, Math.abs(back[i] - x[i]));
    expect(err).toBeLessThanOrEqual(0.5 / 32768);
    const f = decodeWav(encodeWav(x, 48000, { format: 'float32' }));
    expect(f.sampleRate).toBe(48000);
    expect(Array.from(f.channels[0])).toEqual(Array.from(x));
  });

  it('clamps, silences NaN, writes interleaved channels and rejects impossible layouts', () => {
    expect([floatToInt16(2), floatToInt16(-2), floatToInt16(NaN), floatToInt16(1), floatToInt16(-1)]).toEqual([
      32767, -32768, 0, 32767, -32768,
    ]);
    const st = decodeWav(encodeWav(Float32Array.from([0.5, -0.5, 0.25, -0.25]), 22050, { channels: 2 }));
    expect(st.channels.map((c) => Array.from(c))).toEqual([
      [16384 / 32768, 8192 / 32768],
      [-0.5, -0.25],
    ]);
    expect(() => encodeWav(new Float32Array(3), 16000, { channels: 2 })).toThrow(RangeError);
    expect(() => encodeWav(new Float32Array(2), 0)).toThrow(RangeError);
  });

  it('joins sentence WAVs with pauses between them', () => {
    const a = encodeWav(new Float32Array(100).fill(0.5), 22050);
    const b = encodeWav(new Float32Array(50).fill(-0.5), 22050);
    const j = decodeWav(concatWav16([a, b], 22050, 0.01));
    expect(j.frames).toBe(100 + 221 + 50);
    expect(j.channels[0][100 + 221]).toBe(-0.5);
    expect(j.channels[0][150]).toBe(0);
    expect(() => concatWav16([a, encodeWav(new Float32Array(5), 16000)], 22050)).toThrow(/same sample rate/);
  });

  it('has no Node imports, so the renderer can bundle it', () => {
    const src = readFileSync(join(REPO, 'electron/core/voice/wavEncode.ts'), 'utf8');
    expect(src).not.toMatch(/^\s*import\b/m);
    expect(src).not.toMatch(/\brequire\(|\bBuffer\b|\bprocess\./);
  });
});
