import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeAudio } from '../../../electron/core/voice/decodeAudio';
import { demuxWebmOpus, MAX_WEBM_SECONDS } from '../../../electron/core/voice/webm';
import { opusPacketSamples } from '../../../electron/core/voice/opus';
import { AudioDecodeError, decodeWav } from '../../../electron/core/voice/wav';
import { toMono16k } from '../../../electron/core/voice/resample';
import { detectSpeech } from '../../../electron/core/voice/vad';
import { DEFAULT_MAX_DURATION_SEC } from '../../../electron/core/voice/transcribe';
import { SHARED } from '../../helpers/engine';
import { buildWebm, cat, el, ID, opusHead, rng, str, uint, UNKNOWN_SIZE, type WebmSpec } from './ebmlWriter';

// d006.webm: Chromium's MediaRecorder recording d006.wav through its fake microphone
// (tests/fixtures/voice/makeWebm.mjs): unknown-size Segment and Cluster, 60 ms Opus packets.
const FIXTURE = new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/voice/d006.webm')));
const REFERENCE = join(SHARED, 'eval', 'voice', 'd006.wav');
const packets = demuxWebmOpus(FIXTURE).packets;
const decode = (b: Uint8Array, maxDurationSec?: number) => decodeAudio(b, { maxDurationSec });

async function decodeError(b: Uint8Array, maxDurationSec?: number): Promise<AudioDecodeError> {
  try {
    await decode(b, maxDurationSec);
  } catch (e) {
    if (e instanceof AudioDecodeError) return e;
    throw e;
  }
  throw new Error('decoded without an error');
}

/** 20 ms RMS envelope of 16 kHz audio. */
function envelope(x: Float32Array): Float64Array {
  const e = new Float64Array(Math.floor(x.length / 320));
  for (let i = 0; i < e.length; i++) {
    let s = 0;
    for (let j = i * 320; j < i * 320 + 320; j++) s += x[j] * x[j];
    e[i] = Math.sqrt(s / 320);
  }
  return e;
}

/** Best Pearson correlation of b against a over lags of ±maxLag frames. */
function bestCorrelation(a: Float64Array, b: Float64Array, maxLag = 25): number {
  let best = -1;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    const lo = Math.max(0, -lag);
    const hi = Math.min(a.length, b.length - lag);
    const n = hi - lo;
    let ma = 0;
    let mb = 0;
    for (let i = lo; i < hi; i++) {
      ma += a[i];
      mb += b[i + lag];
    }
    ma /= n;
    mb /= n;
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let i = lo; i < hi; i++) {
      ab += (a[i] - ma) * (b[i + lag] - mb);
      aa += (a[i] - ma) ** 2;
      bb += (b[i + lag] - mb) ** 2;
    }
    best = Math.max(best, aa * bb > 0 ? ab / Math.sqrt(aa * bb) : 0);
  }
  return best;
}

describe('a WebM/Opus recording from Chromium MediaRecorder', () => {
  it('is a live-written file: unknown-size Segment and Cluster', () => {
    const hex = Buffer.from(FIXTURE).toString('hex');
    expect(hex).toContain('18538067' + Buffer.from(UNKNOWN_SIZE).toString('hex'));
    expect(hex).toContain('1f43b675' + Buffer.from(UNKNOWN_SIZE).toString('hex'));
    expect(FIXTURE.length).toBeLessThan(40_000);
  });

  it('decodes to 16 kHz mono Float32 of the recorded length', async () => {
    const a = await decode(FIXTURE);
    expect(a.sampleRate).toBe(16000);
    expect(a.channels).toHaveLength(1);
    expect(a.channels[0]).toBeInstanceOf(Float32Array);
    expect(a.frames).toBe(a.channels[0].length);
    expect(a.format).toEqual({ encoding: 'opus', bitsPerSample: 32, channels: 1, sampleRate: 16000 });
    // recorded for 6 s; the fake microphone loops d006.wav (6.16 s), so one pass, no repeat
    expect(a.durationSec).toBeGreaterThan(5.5);
    expect(a.durationSec).toBeLessThan(6.2);
    expect(a.channels[0].every((v) => Number.isFinite(v) && Math.abs(v) <= 1)).toBe(true);
    const d = demuxWebmOpus(FIXTURE);
    expect(d.track).toMatchObject({ number: 1, codecId: 'A_OPUS', channels: 1 });
    expect(d.packets.length).toBeGreaterThan(50);
  });

  it('holds the speech of the WAV it recorded (envelope correlation, VAD)', async () => {
    const rec = (await decode(FIXTURE)).channels[0];
    const ref = toMono16k(decodeWav(readFileSync(REFERENCE)));
    // measured 0.848 at lag 0 (Chromium's AGC and noise suppression are on, as in the app);
    // white noise scores ≈ 0.26 and silence 0
    expect(bestCorrelation(envelope(ref), envelope(rec))).toBeGreaterThan(0.75);
    const r = rng(7);
    const noise = Float32Array.from(rec, () => (r() - 0.5) * 0.2);
    expect(bestCorrelation(envelope(ref), envelope(noise))).toBeLessThan(0.5);
    expect(bestCorrelation(envelope(ref), envelope(new Float32Array(rec.length)))).toBe(0);
    // the VAD finds the same one utterance in both (0.00–5.78 s in the WAV)
    const [want] = detectSpeech(ref);
    const got = detectSpeech(rec);
    expect(got).toHaveLength(1);
    expect(Math.abs(got[0].startSec - want.startSec)).toBeLessThan(0.1);
    expect(Math.abs(got[0].endSec - want.endSec)).toBeLessThan(0.2);
  });

  it('decodes the same when called concurrently (one decoder per call)', async () => {
    const [a, b, c] = await Promise.all([decode(FIXTURE), decode(FIXTURE), decode(FIXTURE)]);
    expect(b.channels[0]).toEqual(a.channels[0]);
    expect(c.channels[0]).toEqual(a.channels[0]);
  });

  it('refuses audio over the duration limit before decoding, naming its length', async () => {
    const e = await decodeError(FIXTURE, 2);
    expect(e.code).toBe('too-large');
    expect(e.message).toBe('the audio is 6.0 s long, over the 2.0 s limit');
    expect(MAX_WEBM_SECONDS).toBe(DEFAULT_MAX_DURATION_SEC);
  });
});

describe('hand-built WebM files', () => {
  const reference = decode(FIXTURE).then((a) => a.channels[0]);
  const same = async (spec: Partial<WebmSpec>) => {
    const a = await decode(buildWebm({ packets, ...spec }));
    expect(a.channels[0]).toEqual(await reference);
  };

  it('known-size and unknown-size Segment/Cluster, several Clusters, then Cues', async () => {
    await same({});
    await same({ perCluster: 7 });
    await same({ unknownSize: true });
    // an unknown-size Cluster ends at the next Cluster, or at any element that cannot be inside one
    await same({ unknownSize: true, perCluster: 9, trailer: el(ID.Cues, el(0xbb, uint(0xb3, 0))) });
  });

  it('BlockGroup/Block, and Xiph, EBML and fixed lacing', async () => {
    await same({ blockGroups: true });
    await same({ perBlock: 4, lacing: 'xiph' });
    await same({ perBlock: 3, lacing: 'ebml', unknownSize: true, perCluster: 12 });
    // fixed lacing needs equal sizes: real packets, each repeated
    const equal = [packets[10], packets[10], packets[10], packets[10]];
    const plain = await decode(buildWebm({ packets: equal }));
    const fixed = await decode(buildWebm({ packets: equal, perBlock: 4, lacing: 'fixed' }));
    expect(fixed.channels[0]).toEqual(plain.channels[0]);
    expect(plain.frames).toBe(4 * 960);
  });

  it('honours pre-skip (48 kHz samples, so ÷ 3), DiscardPadding and the output gain', async () => {
    const ref = await reference;
    const skipped = await decode(buildWebm({ packets, codecPrivate: opusHead(1, 312) }));
    expect(skipped.frames).toBe(ref.length - 104);
    expect(skipped.channels[0]).toEqual(ref.subarray(104));
    const padded = await decode(buildWebm({ packets, discardPaddingNs: 10_000_000 })); // 10 ms
    expect(padded.frames).toBe(ref.length - 160);
    const louder = (await decode(buildWebm({ packets, codecPrivate: opusHead(1, 0, -6 * 256) }))).channels[0];
    const i = ref.findIndex((v) => Math.abs(v) > 0.1);
    expect(louder[i] / ref[i]).toBeCloseTo(10 ** (-6 / 20), 3);
  });

  it('decodes a stereo stream to its mono mix', async () => {
    const stereo = await decode(buildWebm({ packets, channels: 2, codecPrivate: opusHead(2) }));
    expect(stereo.format.channels).toBe(2);
    expect(stereo.channels).toHaveLength(1);
    const ref = await reference;
    expect(stereo.frames).toBe(ref.length);
    expect(bestCorrelation(envelope(ref), envelope(stereo.channels[0]), 0)).toBeGreaterThan(0.99);
  });

  it('refuses other codecs, files without audio and non-WebM EBML, naming the problem', async () => {
    const vorbis = await decodeError(buildWebm({ packets, codecId: 'A_VORBIS', codecPrivate: new Uint8Array(3) }));
    expect(vorbis).toMatchObject({ code: 'unsupported' });
    expect(vorbis.message).toBe('WebM audio codec A_VORBIS is not supported: only Opus (A_OPUS) is');
    const video = el(ID.TrackEntry, uint(ID.TrackNumber, 2), uint(ID.TrackType, 1), str(ID.CodecID, 'V_VP8'));
    const noAudio = await decodeError(buildWebm({ packets, audioTrack: false, extraTracks: [video] }));
    expect(noAudio).toMatchObject({ code: 'empty', message: 'the WebM file has no audio track (only V_VP8)' });
    // a video track before the audio one is skipped, its blocks ignored
    const withVideo = await decode(buildWebm({ packets, extraTracks: [video] }));
    expect(withVideo.channels[0]).toEqual(await reference);
    const other = await decodeError(buildWebm({ packets, docType: 'mkv3d' }));
    expect(other.message).toBe('EBML document type "mkv3d" is not WebM or Matroska');
    const noPackets = await decodeError(buildWebm({ packets: [] }));
    expect(noPackets).toMatchObject({ code: 'empty' });
    const badHead = await decodeError(buildWebm({ packets, codecPrivate: new Uint8Array(19) }));
    expect(badHead.message).toMatch(/no valid OpusHead/);
    const surround = opusHead(6);
    surround[18] = 1;
    expect((await decodeError(buildWebm({ packets, codecPrivate: surround }))).message).toMatch(
      /mapping family 1 \(6 channels\) is not supported/,
    );
  });

  it('refuses packets that break the Opus framing rules before libopus sees them', async () => {
    expect(opusPacketSamples(packets[0])).toBe(2880); // 60 ms
    expect(opusPacketSamples(Uint8Array.of(0xf8, 1, 2))).toBe(960);
    expect(opusPacketSamples(new Uint8Array(0))).toMatch(/empty/);
    expect(opusPacketSamples(Uint8Array.of(0xf9, 1, 2, 3))).toMatch(/even length/); // code 1, N - 1 odd
    expect(opusPacketSamples(Uint8Array.of(0xfb, 0))).toMatch(/0 frames/); // code 3, M = 0
    expect(opusPacketSamples(Uint8Array.of(0xfb, 7, 1, 2))).toMatch(/120 ms/); // 7 × 20 ms
    expect(opusPacketSamples(Uint8Array.of(0xfb, 0x43, 200, 1))).toMatch(/padding/);
    const bad = [...packets.slice(0, 5), Uint8Array.of(0xfb, 0x43, 200, 1)];
    const e = await decodeError(buildWebm({ packets: bad }));
    expect(e.message).toMatch(/^WebM Opus packet 6 \(at 0\.30 s\) is corrupt: /);
  });
});

describe('damaged WebM', () => {
  it('truncated anywhere: an AudioDecodeError naming WebM, or (cut between blocks) a shorter valid decode', async () => {
    const full = (await decode(FIXTURE)).frames;
    let errors = 0;
    let valid = 0;
    for (let cut = 1; cut < FIXTURE.length; cut += 97) {
      try {
        const a = await decode(FIXTURE.subarray(0, cut));
        expect(a.frames).toBeLessThan(full);
        valid++;
      } catch (e) {
        expect(e, `cut at ${cut}`).toBeInstanceOf(AudioDecodeError);
        expect((e as Error).message).toMatch(/WebM|audio/);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(0.9 * (errors + valid));
  });

  it('200 random byte flips: an AudioDecodeError or a valid decode, never another error or a hang', async () => {
    // the recorder's file, and hand-built ones that reach the BlockGroup and lacing paths
    const variants = [
      FIXTURE,
      buildWebm({ packets: packets.slice(0, 30), perBlock: 3, lacing: 'ebml', perCluster: 9 }),
      buildWebm({ packets: packets.slice(0, 30), perBlock: 2, lacing: 'xiph', blockGroups: true, unknownSize: true }),
    ];
    const r = rng(2024);
    const t0 = performance.now();
    const outcomes = { error: 0, ok: 0 };
    for (let trial = 0; trial < 200; trial++) {
      const b = variants[trial % 3].slice();
      const flips = 1 + Math.floor(r() * 4);
      // half the trials hit the first 200 bytes, where the headers and track list are
      const span = trial % 2 ? b.length : 200;
      for (let k = 0; k < flips; k++) b[Math.floor(r() * span)] ^= 1 + Math.floor(r() * 255);
      try {
        const a = await decode(b);
        expect(a.channels[0].every((v) => Number.isFinite(v) && Math.abs(v) <= 1)).toBe(true);
        outcomes.ok++;
      } catch (e) {
        expect(e, `trial ${trial}`).toBeInstanceOf(AudioDecodeError);
        outcomes.error++;
      }
    }
    expect(outcomes.error).toBeGreaterThan(10);
    expect(outcomes.ok).toBeGreaterThan(10);
    expect(performance.now() - t0).toBeLessThan(20_000);
  });

  it('is told apart from WAV and other containers by decodeAudio', async () => {
    const wav = readFileSync(REFERENCE);
    expect((await decodeAudio(wav)).channels[0]).toEqual(decodeWav(wav).channels[0]);
    const ogg = await decodeError(cat([0x4f, 0x67, 0x67, 0x53], new Uint8Array(40)));
    expect(ogg).toMatchObject({ code: 'not-wav' });
    expect(ogg.message).toMatch(/Ogg audio, which cannot be read: use WAV or WebM\/Opus/);
    expect((await decodeError(new TextEncoder().encode('this is text, not audio'))).message).toBe(
      'not a WAV or WebM file (no RIFF/WAVE or EBML header)',
    );
    expect(await decodeError(new Uint8Array(0))).toMatchObject({ code: 'empty' });
    const header = Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0, 0, 0]);
    expect(await decodeError(header)).toMatchObject({
      code: 'truncated',
      message: 'WebM is truncated inside its EBML header element',
    });
  });
});
