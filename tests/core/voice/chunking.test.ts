import { describe, expect, it } from 'vitest';
import { mergeTranscripts, planWindows } from '../../../electron/core/voice/chunking';
import { detectSpeech } from '../../../electron/core/voice/vad';
import { generateSignal, type Burst } from '../../../electron/core/voice/signals';

const SR = 16000;

describe('planWindows', () => {
  it('packs speech into windows of at most 30 s, cut in pauses, skipping silence', () => {
    const speech = [
      { startSec: 1, endSec: 10 },
      { startSec: 12, endSec: 25 },
      { startSec: 26, endSec: 35 }, // would make the first window 34.25 s: starts a new one
      { startSec: 100, endSec: 101 },
    ];
    const w = planWindows(120 * SR, speech);
    expect(w.map((x) => [x.start / SR, x.end / SR])).toEqual([
      [0.75, 25.25],
      [25.75, 35.25],
      [99.75, 101.25],
    ]);
    expect(w.every((x) => !x.overlapsPrevious)).toBe(true);
  });

  it('cuts unbroken speech longer than a window into overlapping windows', () => {
    const w = planWindows(80 * SR, [{ startSec: 5, endSec: 75 }], { padSec: 0 });
    expect(w.map((x) => [x.start / SR, x.end / SR, x.overlapsPrevious])).toEqual([
      [5, 35, false],
      [33, 63, true],
      [61, 75, true],
    ]);
  });

  it('without VAD, covers everything in fixed overlapping windows; nothing for no audio', () => {
    const w = planWindows(65 * SR, null);
    expect(w[0]).toEqual({ start: 0, end: 30 * SR, overlapsPrevious: false });
    expect(w[w.length - 1].end).toBe(65 * SR);
    expect(planWindows(0, null)).toEqual([]);
    expect(planWindows(10 * SR, [])).toEqual([]);
  });

  it('plans ten minutes of talk quickly, every window ≤ 30 s and every speech segment covered', () => {
    const bursts: Burst[] = [];
    for (let t = 1; t < 595; t += 7 + (t % 5))
      bursts.push({ startSec: t, endSec: t + 4 + (t % 3), amplitude: 0.3, kind: 'speechlike' });
    const x = generateSignal({ durationSec: 600, bursts, noiseDb: -55 });
    const t0 = performance.now();
    const segs = detectSpeech(x);
    const w = planWindows(x.length, segs);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(segs).toHaveLength(bursts.length);
    for (const win of w) expect(win.end - win.start).toBeLessThanOrEqual(30 * SR);
    for (const s of segs) {
      expect(w.some((win) => win.start <= s.startSec * SR && win.end >= s.endSec * SR)).toBe(true);
    }
  });
});

describe('mergeTranscripts', () => {
  it('joins windows, dropping words repeated across a hard cut', () => {
    expect(
      mergeTranscripts([
        { text: 'Amazon S3 stores objects in', overlapsPrevious: false },
        { text: 'objects in buckets, and EC2', overlapsPrevious: true },
        { text: 'Then, a new sentence.', overlapsPrevious: false },
      ]),
    ).toBe('Amazon S3 stores objects in buckets, and EC2 Then, a new sentence.');
    // compared without case or punctuation; only across overlaps
    expect(
      mergeTranscripts([
        { text: 'in the VPC.', overlapsPrevious: false },
        { text: 'the vpc has', overlapsPrevious: true },
      ]),
    ).toBe('in the VPC. has');
    expect(
      mergeTranscripts([
        { text: 'yes yes', overlapsPrevious: false },
        { text: 'yes', overlapsPrevious: false },
      ]),
    ).toBe('yes yes yes');
    expect(mergeTranscripts([{ text: '  ', overlapsPrevious: false }])).toBe('');
  });
});
