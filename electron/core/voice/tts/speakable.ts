// Markdown (an answer or a lesson message) → sentences to speak. Each sentence has the text to
// show (markers stripped) and the text to say: tables summarised ("A table with 8 rows comparing
// …"), code blocks announced rather than read, links read as "a link to <host>", citation markers
// dropped, inline code read as words, and AWS acronyms spelled so every engine says E-C-2, not "ek".

import { splitSentences } from './sentences';

export interface SpeakableSentence {
  /** What the screen shows while this plays. */
  text: string;
  /** What the engine is given. */
  spoken: string;
}

/** Acronyms people say as a word (the rest are spelled out), with how to write them for an engine. */
const SAY_AS_WORD: Record<string, string> = {
  NACL: 'nackle',
  NAT: 'NAT',
  WAF: 'waff',
  RAM: 'RAM',
  JSON: 'JSON',
  YAML: 'YAML',
  SAML: 'SAML',
  REST: 'REST',
  CIDR: 'cider',
  SQL: 'sequel',
  FIFO: 'fife-oh',
  OAuth: 'OAuth',
  ASCII: 'ASCII',
  GIF: 'GIF',
  LAN: 'LAN',
  WAN: 'WAN',
};

const UNITS: Record<string, string> = {
  KB: 'kilobytes',
  MB: 'megabytes',
  GB: 'gigabytes',
  TB: 'terabytes',
  PB: 'petabytes',
  KiB: 'kibibytes',
  MiB: 'mebibytes',
  GiB: 'gibibytes',
  TiB: 'tebibytes',
  ms: 'milliseconds',
  Gbps: 'gigabits per second',
  Mbps: 'megabits per second',
  GHz: 'gigahertz',
  MHz: 'megahertz',
  vCPU: 'virtual CPUs',
  vCPUs: 'virtual CPUs',
};

const PHRASES: [RegExp, string][] = [
  [/\be\.g\.(?=\s|,|$)/gi, 'for example'],
  [/\bi\.e\.(?=\s|,|$)/gi, 'that is'],
  [/\betc\.(?=\s|,|$)/gi, 'et cetera'],
  [/\bvs\.?(?=\s)/gi, 'versus'],
  [/\bapprox\.(?=\s)/gi, 'approximately'],
  [/(?<!\s)\s*&\s*/g, ' and '],
  [/(?<!\s)\s*(?:→|->|=>)\s*/g, ' to '],
  [/(?<!\s)\s*(?:←|<-)\s*/g, ' from '],
  [/≥|>=/g, ' at least '],
  [/≤|<=/g, ' at most '],
  [/~(?=\d)/g, 'about '],
  [/(\d)\s*%/g, '$1 percent'],
  [/(\d)\s*[x×](?=\s|$)/g, '$1 times'],
  [/(\d)\s*[–—-]\s*(\d)/g, '$1 to $2'],
  [/[–—]/g, ', '],
  [/\p{Extended_Pictographic}/gu, ''],
];

// All-capital words that are ordinary English, not acronyms: left for the engine to read.
const CAPS_WORDS = new Set([
  'NOT',
  'NOTE',
  'AND',
  'OR',
  'THE',
  'ALL',
  'NEW',
  'FREE',
  'NO',
  'YES',
  'OK',
  'TIP',
  'ONLY',
  'NEVER',
  'ALWAYS',
  'DO',
  'DONT',
]);

const URL = /\bhttps?:\/\/([^\s/)\]>]+)[^\s)\]>]*/gi;

/** One acronym token → how to write it for an engine. */
function speakAcronym(tok: string): string {
  const plural = /^([A-Z][A-Z0-9]*[A-Z0-9])s$/.exec(tok);
  const base = plural ? plural[1] : tok;
  if (SAY_AS_WORD[base]) return SAY_AS_WORD[base] + (plural ? 's' : '');
  // letters joined by dots are read as letter names by espeak-ng, say and SAPI; digits stand apart
  const groups = base.match(/[A-Z]+|[0-9]+/g) ?? [base];
  const spelled = groups.map((g) => (/^[0-9]/.test(g) ? g : g.length === 1 ? g : [...g].join('.'))).join(' ');
  if (!plural) return spelled;
  return /[0-9]$/.test(spelled) ? `${spelled}'s` : `${spelled}.'s`;
}

/** Plain sentence → what an engine should be given. */
export function speakify(text: string): string {
  let s = text;
  for (const [re, rep] of PHRASES) s = s.replace(re, rep);
  s = s.replace(
    /(?<![\d,.])(\d(?:[\d,.]*\d)?)\s?(KiB|MiB|GiB|TiB|KB|MB|GB|TB|PB|ms|Gbps|Mbps|GHz|MHz|vCPUs?)\b/g,
    (_, n: string, u: string) => `${n} ${UNITS[u]}`,
  );
  // word/word: "Flask/Django" → "Flask or Django"; acronym pairs ("CI/CD") just pause
  s = s.replace(/\b([A-Za-z][a-z]+)\/([A-Za-z][a-z]+)\b/g, '$1 or $2');
  s = s.replace(/\b([A-Z]{2,})\/([A-Z]{2,})\b/g, '$1, $2');
  // CamelCase product names read better split: "DynamoDB" → "Dynamo DB", "CloudFront" → "Cloud Front"
  s = s
    .replace(/\b([A-Z]?[a-z]+)([A-Z][a-z]+|[A-Z]{2,}s?)\b/g, '$1 $2')
    .replace(/\b([A-Z]?[a-z]+)([A-Z][a-z]+)\b/g, '$1 $2');
  s = s.replace(/\b[A-Z][A-Z0-9]*[A-Z0-9]s?\b/g, (tok) =>
    tok.length > 7 || CAPS_WORDS.has(tok) ? tok : speakAcronym(tok),
  );
  return s
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .trim();
}

function codeToWords(code: string): string {
  return code
    .replace(/[_./:=\\-]+/g, ' ')
    .replace(/[{}()[\]<>"'`$#*|;]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Dual {
  display: string;
  spoken: string;
}

/** Inline Markdown → shown and said text (code spans read as words). */
function inline(md: string): Dual {
  let s = md
    .replace(/<[^<>]+>/g, '')
    .replace(/!\[([^\][]*)\]\([^()]*\)/g, '$1')
    .replace(/\[([^\][]+)\]\([^()\s]+\)/g, '$1')
    .replace(/(?<!\s)\s*\[\d+(?:\s*[,–-]\s*\d+)*\]/g, '')
    .replace(/\*\*|__/g, '')
    .replace(/(^|[\s(])[*_](?=\S)|(?<=\S)[*_](?=[\s).,;:!?]|$)/g, '$1')
    .replace(/(?<!\s)\s*›\s*/g, ': ');
  s = s.replace(URL, (_, host: string) => `a link to ${host.replace(/^www\./, '')}`);
  const parts = s.split(/(`[^`]*`)/);
  let display = '';
  let spoken = '';
  for (const p of parts) {
    if (p.startsWith('`') && p.endsWith('`') && p.length >= 2) {
      display += p.slice(1, -1);
      spoken += codeToWords(p.slice(1, -1));
    } else {
      display += p;
      spoken += p;
    }
  }
  return { display: display.replace(/\s+/g, ' ').trim(), spoken: spoken.replace(/\s+/g, ' ').trim() };
}

const cells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => inline(c).display);
const shortName = (h: string): string => h.replace(/(?<!\s)\s*\([^()]*\)\s*/g, ' ').trim() || h;

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A table as a few sentences: its shape, then its rows when there are few, else their labels. */
export function summarizeTable(lines: string[]): string[] {
  const rows = lines.filter((l, i) => !(i === 1 && /^\s*\|?\s*:?-{2,}/.test(l))).map(cells);
  const [header, ...body] = rows;
  const n = body.length;
  const rowsWord = `${n} row${n === 1 ? '' : 's'}`;
  if (!header || header.length < 2) return [`A table with ${rowsWord}.`];
  const out: string[] = [];
  const cols = header.slice(1).map(shortName);
  if (cols.length >= 2) out.push(`A table with ${rowsWord} comparing ${listWords(cols)}.`);
  else out.push(`A table with ${rowsWord} of ${shortName(header[0])} and ${cols[0]}.`);
  if (n <= 3) {
    for (const r of body) {
      const label = r[0] || 'Row';
      const vals = cols
        .map((c, i) => (cols.length >= 2 ? `${c}: ${r[i + 1] ?? ''}` : (r[i + 1] ?? '')))
        .filter(Boolean);
      out.push(`${label}. ${vals.join('; ')}.`);
    }
  } else {
    const labels = body
      .slice(0, 3)
      .map((r) => r[0])
      .filter(Boolean);
    if (labels.length) out.push(`Its rows cover ${listWords([...labels, ...(n > 3 ? [`${n - 3} more`] : [])])}.`);
  }
  return out;
}

const ensureStop = (s: string): string => (/[.!?:;…]$/.test(s) ? s : `${s}.`);

/** Markdown → the sentences to speak, in order. */
export function markdownToSpeakable(md: string): SpeakableSentence[] {
  const out: SpeakableSentence[] = [];
  const emit = (d: Dual): void => {
    const displays = splitSentences(ensureStop(d.display));
    const spokens = splitSentences(ensureStop(d.spoken));
    // split both the same way when they agree, else keep the block whole on screen
    if (displays.length === spokens.length)
      displays.forEach((t, i) => out.push({ text: t, spoken: speakify(spokens[i]) }));
    else spokens.forEach((sp, i) => out.push({ text: i === 0 ? d.display : '', spoken: speakify(sp) }));
  };
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  const flush = (): void => {
    if (para.length) {
      const raw = para.join(' ');
      const d = inline(raw);
      // an answer's source line "**Service › Section** [1]": say only where it is from
      const path = /^\s*\*\*([^*›]+›[^*]+)\*\*\s*(?:\[\d+\])?\s*$/.exec(raw);
      if (path) d.spoken = `From ${inline(path[1].split('›').pop() ?? '').spoken}`;
      if (d.display) emit(d);
    }
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^\s*(```|~~~)\s*([\w+-]*)/.exec(line);
    if (fence) {
      flush();
      let j = i + 1;
      while (j < lines.length && !lines[j].trim().startsWith(fence[1])) j++;
      const lang = fence[2] ? `${fence[2]} ` : '';
      const sentence = `Here is a ${lang}code example, shown on screen.`;
      out.push({ text: sentence, spoken: sentence });
      i = j;
      continue;
    }
    if (/^\s*\|/.test(line) && i + 1 < lines.length && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1])) {
      flush();
      let j = i;
      while (j < lines.length && /^\s*\|/.test(lines[j])) j++;
      for (const s of summarizeTable(lines.slice(i, j))) out.push({ text: s, spoken: speakify(s) });
      i = j - 1;
      continue;
    }
    const block = /^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)/.exec(line);
    if (!line.trim() || block) flush();
    if (!line.trim()) continue;
    para.push(block ? line.slice(block[0].length) : line);
    if (block) flush(); // headings and list items are sentences of their own
  }
  flush();
  return out.filter((s) => /[\p{L}\p{N}]/u.test(s.spoken));
}
