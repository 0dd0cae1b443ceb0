// Long audio → windows Whisper can take (≤ 30 s). Cuts go into the pauses the VAD found, so no
// word is split and no overlap has to be reconciled; only speech that runs on for more than a
// window without a pause is cut hard, with an overlap whose duplicated words mergeTranscripts
// removes. Silent stretches produce no window at all (nothing to hallucinate on). Linear time.

import type { SpeechSegment } from './vad';

export interface AudioWindow {
  /** Sample range [start, end) in the 16 kHz signal. */
  start: number;
  end: number;
  /** This window repeats the last `overlap` samples of the previous one (a hard cut). */
  overlapsPrevious: boolean;
}

export interface WindowOptions {
  sampleRate: number;
  maxWindowSec: number;
  /** Audio kept around each speech segment. */
  padSec: number;
  /** Overlap of hard cuts inside long unbroken speech. */
  overlapSec: number;
}

export const DEFAULT_WINDOW_OPTIONS: WindowOptions = {
  sampleRate: 16000,
  maxWindowSec: 30,
  padSec: 0.25,
  overlapSec: 2,
};

/**
 * Packs speech segments into windows. Without segments (no VAD) the whole signal is cut into
 * fixed, overlapping windows.
 */
export function planWindows(
  totalSamples: number,
  speech: SpeechSegment[] | null,
  opts: Partial<WindowOptions> = {},
): AudioWindow[] {
  const o = { ...DEFAULT_WINDOW_OPTIONS, ...opts };
  const max = Math.round(o.maxWindowSec * o.sampleRate);
  const overlap = Math.min(Math.round(o.overlapSec * o.sampleRate), Math.floor(max / 2));
  if (totalSamples <= 0) return [];
  if (speech === null) return hardSplit(0, totalSamples, max, overlap, false);
  const pad = Math.round(o.padSec * o.sampleRate);
  // padded segments, merged where they touch
  const spans: [number, number][] = [];
  for (const s of speech) {
    const a = Math.max(0, Math.round(s.startSec * o.sampleRate) - pad);
    const b = Math.min(totalSamples, Math.round(s.endSec * o.sampleRate) + pad);
    if (b <= a) continue;
    const last = spans[spans.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else spans.push([a, b]);
  }
  const windows: AudioWindow[] = [];
  let cur: [number, number] | null = null;
  for (const [a, b] of spans) {
    if (b - a > max) {
      if (cur) windows.push({ start: cur[0], end: cur[1], overlapsPrevious: false });
      cur = null;
      windows.push(...hardSplit(a, b, max, overlap, false));
      continue;
    }
    if (cur && b - cur[0] <= max) cur[1] = b;
    else {
      if (cur) windows.push({ start: cur[0], end: cur[1], overlapsPrevious: false });
      cur = [a, b];
    }
  }
  if (cur) windows.push({ start: cur[0], end: cur[1], overlapsPrevious: false });
  return windows;
}

function hardSplit(a: number, b: number, max: number, overlap: number, firstOverlaps: boolean): AudioWindow[] {
  const out: AudioWindow[] = [];
  let s = a;
  for (;;) {
    const e = Math.min(b, s + max);
    out.push({ start: s, end: e, overlapsPrevious: out.length === 0 ? firstOverlaps : true });
    if (e >= b) break;
    s = e - overlap;
  }
  return out;
}

const norm = (w: string): string => w.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Joins window transcripts. Where a window overlaps the previous one, the longest run of words
 * that ends the previous text and starts this one (compared without case or punctuation, at
 * most 12 words) is kept once.
 */
export function mergeTranscripts(parts: { text: string; overlapsPrevious: boolean }[]): string {
  let words: string[] = [];
  for (const p of parts) {
    const next = p.text.trim().split(/\s+/).filter(Boolean);
    if (next.length === 0) continue;
    let skip = 0;
    if (p.overlapsPrevious && words.length > 0) {
      const maxK = Math.min(12, words.length, next.length);
      for (let k = maxK; k >= 1; k--) {
        let same = true;
        for (let i = 0; i < k && same; i++) same = norm(words[words.length - k + i]) === norm(next[i]);
        if (same) {
          skip = k;
          break;
        }
      }
    }
    words = words.concat(next.slice(skip));
  }
  return words.join(' ');
}
