// A deliberately crude English sound key, just good enough to see that Whisper's "easy two" is
// someone saying the letters E, C and the digit 2, that "knackle" is "NACL" said as a word, or
// that "lamb da" and "lambda" sound the same. Spellings that sound alike map to the same key;
// letters said on their own map to the key of their name ("see" = C, "ess" = S, "dee" = D).

/** Keys of the letter names, in the same alphabet phoneticKey produces. */
export const LETTER_KEYS: Record<string, string> = {
  a: 'e',
  b: 'bi',
  c: 'si',
  d: 'di',
  e: 'i',
  f: 'ef',
  g: 'ji',
  h: 'eC',
  i: 'ai',
  j: 'je',
  k: 'ke',
  l: 'el',
  m: 'em',
  n: 'en',
  o: 'o',
  p: 'pi',
  q: 'kiu',
  r: 'ar',
  s: 'es',
  t: 'ti',
  u: 'iu',
  v: 'vi',
  w: 'dabliu',
  x: 'eks',
  y: 'wai',
  z: 'si',
};

/** Words a transcriber writes for a letter said on its own ("bee", "ess", "see", "eye"). */
export const LETTER_NAMES: Record<string, string> = {
  ay: 'a',
  aye: 'a',
  bee: 'b',
  be: 'b',
  see: 'c',
  cee: 'c',
  sea: 'c',
  dee: 'd',
  ee: 'e',
  eff: 'f',
  gee: 'g',
  aitch: 'h',
  eye: 'i',
  jay: 'j',
  kay: 'k',
  el: 'l',
  ell: 'l',
  em: 'm',
  en: 'n',
  oh: 'o',
  pee: 'p',
  cue: 'q',
  queue: 'q',
  ar: 'r',
  are: 'r',
  ess: 's',
  tee: 't',
  tea: 't',
  you: 'u',
  vee: 'v',
  ex: 'x',
  why: 'y',
  zee: 'z',
  zed: 'z',
};

/** A single letter, or a letter's name. */
export function isLetterToken(token: string): boolean {
  const t = token.toLowerCase();
  return /^[a-z]$/.test(t) || Object.hasOwn(LETTER_NAMES, t);
}

const RULES: [RegExp, string][] = [
  [/^kn/, 'n'],
  [/^wr/, 'r'],
  [/^ps/, 's'],
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/tch/g, 'C'],
  [/ch/g, 'C'],
  [/sh/g, 'S'],
  [/th/g, 'T'],
  [/qu/g, 'kw'],
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/c(?=[eiy])/g, 's'],
  [/c/g, 'k'],
  [/z/g, 's'],
  [/dg/g, 'j'],
  [/g(?=[eiy])/g, 'j'],
  [/mb/g, 'm'],
  [/([^aeiouy])le$/, '$1l'],
  [/([^aeiouy])e$/, '$1'],
  [/ey$/, 'i'],
  [/([^aeiou])y$/, '$1i'],
  [/^y(?=[aeiou])/, 'Y'],
  [/ee|ea|ie/g, 'i'],
  [/oo|ou|ew/g, 'u'],
  [/ai|ay|ei/g, 'e'],
  [/oa|ow$/g, 'o'],
  [/([^aeiou])y(?=[^aeiou]|$)/g, '$1i'],
  [/h$/, ''],
];

/** Sound key of one word (letters only; anything else is dropped). */
export function phoneticKey(word: string): string {
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return '';
  for (const [re, rep] of RULES) w = w.replace(re, rep);
  return collapseDoubles(w);
}

export function collapseDoubles(key: string): string {
  return key.replace(/(.)\1+/g, '$1');
}

/**
 * Key of one transcript token: runs of letters and digits, separated by any punctuation inside
 * the token ("E.C.2", "s3", "ec2"). A lone letter is read as its name, digits stay digits.
 */
export function tokenKey(token: string): string {
  const pieces = token.toLowerCase().match(/[a-z]+|[0-9]+/g) ?? [];
  let key = '';
  for (const p of pieces) {
    if (/^[0-9]/.test(p)) key += `#${p}`;
    else if (p.length === 1) key += LETTER_KEYS[p];
    else if (Object.hasOwn(LETTER_NAMES, p)) key += LETTER_KEYS[LETTER_NAMES[p]];
    else key += phoneticKey(p);
  }
  return key;
}

/** Key of a letter sequence said letter by letter ("NACL" → en·e·si·el). */
export function spelledKey(letters: string): string {
  return [...letters.toLowerCase()].map((c) => (/[0-9]/.test(c) ? `#${c}` : (LETTER_KEYS[c] ?? ''))).join('');
}
