// Shared text analysis for lexical retrieval, synonyms and abstention checks. Everything that
// compares terms must go through the same pipeline, or "NACLs" in the notes and "nacl" in a
// question stop meeting.

/**
 * Split into raw ASCII word tokens (case kept). NFKD first so accents and the mojibake found in
 * the notes ("‚Äú", "üìå") decompose into marks/stray letters that get split off and dropped,
 * instead of gluing onto real words.
 */
export function tokenizeRaw(text: string): string[] {
  const out: string[] = [];
  for (const t of text.normalize('NFKD').split(/[^A-Za-z0-9]+/)) {
    if (t.length >= 2) out.push(t);
  }
  return out;
}

// Function words plus question/chat filler ("whats", "b4", "wanna"). Domain words that are merely
// frequent ("aws", "instance") are left to BM25's IDF rather than stopped. Never add "sort" (sort key).
const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any anyone anything are aren as at b4 basically be because been ' +
    'before being below between both but by can cannot could couldn did didn do does doesn doing don down during each ' +
    'either else etc even ever every everything few for from further get gets getting got had has hasn have haven having he ' +
    'her here hers him his how however i if im in into is isn it its itself just let lets like may me might more most much ' +
    'must my myself need needs no nor not nothing of off often on once only or other others our ours out over own please ' +
    'quite rather really same shall she should shouldn so some someone something still such than that thats the their ' +
    'theirs them then there these they thing things this those thru through to too under until up upon us very via was ' +
    'wasn way we were weren what whats when where whether which while who whom whose why will with within without won ' +
    'would wouldn ya yes yet you your yours yourself want wanna gonna kind kinds'
  ).split(' '),
);

export function isStopword(lowerToken: string): boolean {
  return STOPWORDS.has(lowerToken);
}

// Acronyms that end in "s" but are not plurals; stripping the "s" would turn "aws" into "aw".
const KEEP_TRAILING_S = new Set([
  'aws',
  'sqs',
  'sns',
  'ses',
  'efs',
  'ecs',
  'eks',
  'ebs',
  'rds',
  'dns',
  'kms',
  'iops',
  'cors',
  'tls',
  'https',
  'nfs',
  'gbps',
  'mbps',
  'ios',
  'macos',
  'sms',
  'fips',
  'ddos',
  'dms',
  'ops',
  'devops',
]);

const VOWEL = /[aeiouy]/;

function undouble(stem: string): string {
  // "running" -> "runn" -> "run"; keep ll/ss/zz ("billing" -> "bill", "access").
  const n = stem.length;
  if (n >= 3 && stem[n - 1] === stem[n - 2] && !/[aeiouylsz]/.test(stem[n - 1])) return stem.slice(0, -1);
  return stem;
}

/**
 * Light English stemmer (a few Porter-style suffix rules). Goal is not linguistic accuracy but
 * that inflections meet: scale/scales/scaling/scaled -> "scal", policies/policy -> "policy",
 * replicate/replication -> "replic", documentation -> "document". Applied identically to notes
 * and questions, so odd stems ("anyth") are harmless. Input must be lowercase.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length < 3 || /^\d/.test(w) || KEEP_TRAILING_S.has(w)) return w;
  // Plurals of 2-letter acronyms ("azs", "sgs", "ips") are the only 3-letter words touched.
  if (w.length === 3) return /[^aiosu]s$/.test(w) ? w.slice(0, -1) : w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  // "-is" is usually not a plural ("analysis", "redis"), except short acronyms ("amis", "apis").
  else if (w.endsWith('s') && !/(ss|us)$/.test(w) && !(w.endsWith('is') && w.length > 4)) w = w.slice(0, -1);

  // "privately" -> "private", "weekly" -> "week"; not "family"/"supply"/"apply".
  if (w.length >= 6 && /[^ip]ly$/.test(w)) w = w.slice(0, -2);

  const ate = /(ation|ated|ate|ating)$/.exec(w);
  if (ate) {
    // documentation/document, replicate/replicated/replication -> "replic"; short bases keep
    // "at" so create/creation -> "creat", update/updated -> "updat".
    const base = w.slice(0, ate.index);
    w = base.length >= 4 ? base : base + 'at';
  } else if (w.endsWith('ing')) {
    const s = w.slice(0, -3);
    if (s.length >= 3 && VOWEL.test(s)) w = undouble(s);
  } else if (w.endsWith('ed') && !w.endsWith('eed')) {
    const s = w.slice(0, -2);
    if (s.length >= 3 && VOWEL.test(s)) w = undouble(s);
  }
  // Drop a final silent "e" so "scale" meets "scal(ing)"; keep "ee" ("free").
  if (w.length > 3 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

// Tokens repeat a lot (indexing 100k chunks stems ~10M tokens from a vocabulary of ~50k raw
// spellings): memoising halves the lexical index build. Bounded: cleared when full.
const termMemo = new Map<string, string | null>();
const TERM_MEMO_LIMIT = 200_000;

/** Raw token -> index term, or null for stopwords. */
export function normalizeTerm(raw: string): string | null {
  const known = termMemo.get(raw);
  if (known !== undefined) return known;
  const lower = raw.toLowerCase();
  const term = lower.length < 2 || STOPWORDS.has(lower) ? null : stem(lower);
  if (termMemo.size >= TERM_MEMO_LIMIT) termMemo.clear();
  termMemo.set(raw, term);
  return term;
}

/** Full pipeline: text -> index terms (duplicates kept, order kept). */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const raw of tokenizeRaw(text)) {
    const t = normalizeTerm(raw);
    if (t) out.push(t);
  }
  return out;
}

/** Levenshtein distance with an early exit once every cell in a row exceeds `max`. */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}
