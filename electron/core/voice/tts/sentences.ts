// Sentence splitting for speech: a boundary is . ! ? (or …) followed by a space and a capital,
// digit or quote — except after abbreviations ("e.g.", "i.e.", "etc.", "vs.", "approx.") and
// dotted initialisms ("U.S."). "v1.2" and "3.5" have no space after the dot; "…in S3. Then" ends
// a sentence. Over-long sentences are cut at ; : , so the first audio comes quickly.

// Only words that are almost never the last word of a sentence ("no", "min" can be).
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'etc',
  'vs',
  'cf',
  'approx',
  'incl',
  'excl',
  'esp',
  'fig',
  'figs',
  'mr',
  'mrs',
  'ms',
  'dr',
  'jr',
  'sr',
  'inc',
  'ltd',
  'corp',
  'dept',
  'a.m',
  'p.m',
  'u.s',
  'u.k',
  'vol',
  'ver',
  'resp',
]);

// Starts only where a run of stops starts: inside a long run every start would rescan it.
const BOUNDARY = /(?<![.!?…])([.!?…]+)(["'”’)\]]*)(\s+)(?=["'“‘([]?[\p{Lu}\p{N}])/gu;

function isAbbreviation(before: string): boolean {
  // the tail only: an abbreviation is short, and matching at the end of a long text is quadratic
  const m = /([\p{L}.]+)$/u.exec(before.slice(-32));
  if (!m) return false;
  const word = m[1].toLowerCase().replace(/^\.+/, '');
  if (ABBREVIATIONS.has(word)) return true;
  // dotted initialisms: "U.S", "e.g" written with other letters
  return /^(?:\p{L}\.){1,}\p{L}$/u.test(word);
}

export function splitSentences(text: string, maxLen = 220): string[] {
  const out: string[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    const flat = para.replace(/\s+/g, ' ').trim();
    if (!flat) continue;
    let start = 0;
    for (const m of flat.matchAll(BOUNDARY)) {
      const end = (m.index ?? 0) + m[1].length + m[2].length;
      if (m[1] === '.' && isAbbreviation(flat.slice(start, m.index))) continue;
      pushSentence(out, flat.slice(start, end), maxLen);
      start = end + m[3].length;
    }
    pushSentence(out, flat.slice(start), maxLen);
  }
  return out;
}

function pushSentence(out: string[], s: string, maxLen: number): void {
  const t = s.trim();
  if (!t) return;
  if (t.length <= maxLen) {
    out.push(t);
    return;
  }
  // cut at the separator nearest the middle, strongest kind first
  const mid = t.length / 2;
  for (const sep of ['; ', ': ', ', ', ' ']) {
    let best = -1;
    for (let i = t.indexOf(sep); i >= 0; i = t.indexOf(sep, i + 1)) {
      if (i < 20 || i > t.length - 20) continue;
      if (best < 0 || Math.abs(i - mid) < Math.abs(best - mid)) best = i;
    }
    if (best >= 0) {
      const cut = best + sep.trimEnd().length;
      pushSentence(out, t.slice(0, cut), maxLen);
      pushSentence(out, t.slice(cut), maxLen);
      return;
    }
  }
  out.push(t);
}
