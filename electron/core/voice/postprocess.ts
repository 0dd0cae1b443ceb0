// Clean-up of raw recognizer text before vocabulary correction: Whisper's non-speech tags
// ("[BLANK_AUDIO]", "(upbeat music)", "*laughs*"), its repetition loops on noise ("the the the
// the …", a phrase repeated over and over), stray whitespace before punctuation.

const TAG = /\[[^\]]{0,40}\]|\((?:[^)]{0,40})\)|\*[^*]{1,40}\*|♪+/g;

/** Phrases of up to 4 words repeated more than twice in a row collapse to one. */
export function collapseRepeats(text: string, maxRepeats = 2): string {
  const words = text.split(/\s+/).filter(Boolean);
  const key = (w: string): string => w.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    let skipped = false;
    for (let n = 1; n <= 4 && !skipped; n++) {
      if (out.length < n * maxRepeats) continue;
      // is words[i..i+n) the same as each of the last maxRepeats phrases of length n in `out`?
      let same = i + n <= words.length;
      for (let r = 1; r <= maxRepeats && same; r++) {
        for (let k = 0; k < n && same; k++) same = key(out[out.length - r * n + k]) === key(words[i + k]);
      }
      if (same) {
        i += n;
        skipped = true;
      }
    }
    if (!skipped) out.push(words[i++]);
  }
  return out.join(' ');
}

export function cleanTranscript(raw: string): string {
  let s = raw.replace(TAG, ' ');
  s = collapseRepeats(s);
  s = s
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  // a transcript of only punctuation ("." or "...") is nothing
  return /[\p{L}\p{N}]/u.test(s) ? s : '';
}
