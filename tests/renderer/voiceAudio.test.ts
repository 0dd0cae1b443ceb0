import { describe, expect, it } from 'vitest';
import { decodeWav } from '../../electron/core/voice/wav';
import {
  base64ToBytes,
  bytesToBase64,
  clipFromPcm,
  formatClock,
  peaksOf,
  WAVEFORM_BARS,
} from '../../renderer/src/voice/clip';
import { FrameBatcher } from '../../renderer/src/voice/frameBatcher';
import { DEFAULT_VOICE_SETTINGS, parseVoiceSettings } from '../../renderer/src/voice/voiceSettings';

const tone = (sec: number, rate: number, hz = 440, amp = 0.5) =>
  Float32Array.from({ length: Math.round(sec * rate) }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate));

describe('voice clips', () => {
  it('a 48 kHz recording becomes a 16 kHz mono 16-bit WAV of the same length, with its peaks', () => {
    const pcm = new Float32Array(48000 * 2);
    pcm.set(tone(1, 48000), 48000); // silence, then a tone
    const clip = clipFromPcm(pcm, 48000);
    const audio = decodeWav(clip.wav);
    expect(audio.sampleRate).toBe(16000);
    expect(audio.format).toMatchObject({ channels: 1, bitsPerSample: 16 });
    expect(audio.durationSec).toBeCloseTo(2, 3);
    expect(clip.durationSec).toBeCloseTo(2, 3);
    expect(clip.peaks).toHaveLength(WAVEFORM_BARS);
    expect(Math.max(...clip.peaks.slice(0, 18))).toBeLessThan(0.01);
    expect(Math.min(...clip.peaks.slice(22))).toBeGreaterThan(0.45);
    expect(base64ToBytes(clip.base64)).toEqual(clip.wav);
  });

  it('base64 round-trips any bytes (also longer than one chunk)', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(b64)).toEqual(bytes);
  });

  it('peaks of an empty or short signal, and clock labels', () => {
    expect(peaksOf(new Float32Array(0), 4)).toEqual([0, 0, 0, 0]);
    expect(peaksOf(Float32Array.from([0.5, -0.75]), 4)).toEqual([0.5, 0.5, 0.75, 0.75]);
    expect([formatClock(0), formatClock(7.4), formatClock(59.6), formatClock(61)]).toEqual([
      '0:00',
      '0:07',
      '1:00',
      '1:01',
    ]);
  });
});

describe('the worklet’s frame batcher', () => {
  it('turns 128-frame render quanta into fixed blocks, averaging channels to mono, and flushes the rest', () => {
    const blocks: Float32Array[] = [];
    const b = new FrameBatcher(300, (x) => blocks.push(x));
    const left = Float32Array.from({ length: 128 }, () => 1);
    const right = Float32Array.from({ length: 128 }, () => 0);
    for (let i = 0; i < 5; i++) b.push([left, right]);
    expect(blocks.map((x) => x.length)).toEqual([300, 300]);
    expect(blocks[0].every((x) => x === 0.5)).toBe(true);
    b.flush();
    expect(blocks.map((x) => x.length)).toEqual([300, 300, 40]);
    b.flush();
    expect(blocks).toHaveLength(3);
    b.push([]); // no input connected yet
    expect(blocks).toHaveLength(3);
  });
});

describe('voice settings', () => {
  it('parses what is stored, clamping the speed and ignoring junk', () => {
    expect(parseVoiceSettings(null)).toEqual(DEFAULT_VOICE_SETTINGS);
    const tiny = 'Xenova/whisper-tiny.en';
    expect(parseVoiceSettings('{"readAloud":true,"rate":1.5}')).toEqual({
      readAloud: true,
      rate: 1.5,
      speechModel: tiny,
    });
    expect(parseVoiceSettings('{"readAloud":"yes","rate":9,"speechModel":"x"}')).toEqual({
      readAloud: false,
      rate: 2,
      speechModel: tiny,
    });
    expect(parseVoiceSettings('{"speechModel":"Xenova/whisper-base.en"}').speechModel).toBe('Xenova/whisper-base.en');
    expect(parseVoiceSettings('{"rate":0.1}').rate).toBe(0.5);
    expect(parseVoiceSettings('not json')).toEqual(DEFAULT_VOICE_SETTINGS);
  });
});
