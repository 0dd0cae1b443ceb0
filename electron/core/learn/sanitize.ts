// Learner content is stored and indexed as text and rendered through the sanitising Markdown
// renderer later; still, nothing that could execute is kept: script/style/iframe blocks, event
// handler attributes and links with a scheme other than http(s)/mailto are removed here.
//
// Every pattern runs in linear time on hostile input (imports are up to 200 KB and run on the
// engine's queue): no quantifier can rescan the same text from many start positions. Where a
// pattern needs "a closer somewhere after", it only runs on the text up to the last closer, as no
// attempt after it could match (see beforeLast).

const BLOCK_TAGS = ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'svg', 'math'];
// Per element: the whole block, and its closing tag alone (to find where the last block ends).
const BLOCK_RE = new Map(
  BLOCK_TAGS.map((t) => [
    t,
    { block: new RegExp(`<${t}\\b[^>]*>[\\s\\S]*?<\\/${t}\\s*>`, 'gi'), closer: new RegExp(`<\\/${t}\\s*>`, 'gi') },
  ]),
);
// Openers without a closing tag (or stray closers): the tag goes, the text after it stays inert.
const TAG_RE =
  /<\/?(?:script|style|iframe|object|embed|noscript|template|frame|frameset|meta|link|base|form|svg|math)\b[^>]*>/gi;
const HTML_TAG_RE = /<[a-z][a-z0-9-]*\b[^>]*>/gi;
// Attributes start after whitespace, a slash or a closing quote (browsers read <img/src=x/onerror=…>).
const EVENT_ATTR_RE = /(?<=[\s/"'])on[a-z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi;
const URL_ATTR_RE =
  /(?<=[\s/"'])(href|src|xlink:href|action|formaction|srcset|poster|background)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;
// [text](dest "title") and ![alt](dest); the destination may hold one level of parentheses. The
// text holds no brackets, so each "[" is scanned only up to the next bracket (nested-bracket links
// are caught by UNSAFE_DEST_RE); a (title) holds no parentheses, as in CommonMark.
const MD_LINK_RE =
  /(!?)\[([^\][]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)/g;
// Any "](dest" whose destination is unsafe, however the rest of the link is written.
const UNSAFE_DEST_RE = /(\]\(\s*<?)([^\s()<>]+)/g;
// Link labels hold no unescaped brackets (CommonMark), so a label is scanned to the next bracket.
const REF_DEF_RE = /^ {0,3}\[[^\][]+\]:[ \t]*<?(\S+?)>?(?:[ \t].*)?$/gm;
const AUTOLINK_RE = /<([a-z][a-z0-9+.-]*:[^<>\s]*)>/gi;
const BARE_SCRIPT_SCHEME_RE = /\b(?:javascript|vbscript|livescript)\s*:/gi;

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':')
    .replace(/&(?:tab|newline);/gi, '');
}

/** Relative links and http(s)/mailto are safe; any other scheme (javascript:, data:, …) is not. */
export function isSafeUrl(url: string): boolean {
  let plain: string;
  try {
    plain = decodeEntities(url);
  } catch {
    return false; // an entity outside the Unicode range: not a real link
  }
  // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
  // eslint-disable-next-line no-control-regex
  plain = plain.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(plain);
  return scheme === null || SAFE_SCHEMES.has(scheme[1]);
}

function cleanTag(tag: string): string {
  const clean = tag
    .replace(EVENT_ATTR_RE, '')
    .replace(URL_ATTR_RE, (attr: string, _name: string, value: string) =>
      isSafeUrl(value.replace(/^["']|["']$/g, '')) ? attr : '',
    );
  // Where an attribute went, so does the whitespace it leaves doubled (or before the ">").
  return clean === tag ? tag : clean.replace(/\s+(?=\s|\/?>$)/g, '');
}

/**
 * Applies `re` (global) to the text up to and including the last `closer`, leaving the rest as is.
 * Patterns that end in `closer` cannot match after its last occurrence, and without the cut each
 * start position there would scan to the end of the text before failing.
 */
function beforeLast(text: string, closer: string, re: RegExp, fn: (m: string, ...g: string[]) => string): string {
  const end = text.toLowerCase().lastIndexOf(closer);
  if (end < 0) return text;
  const cut = end + closer.length;
  return text.slice(0, cut).replace(re, fn) + text.slice(cut);
}

/** Where the last match of `re` (global) ends, or -1. */
function lastMatchEnd(text: string, re: RegExp): number {
  let end = -1;
  for (const m of text.matchAll(re)) end = m.index + m[0].length;
  return end;
}

function removeBlocks(text: string): string {
  let out = text;
  // One pass per element, and only up to that element's last closing tag.
  for (const { block, closer } of BLOCK_RE.values()) {
    const cut = lastMatchEnd(out, closer);
    if (cut >= 0) out = out.slice(0, cut).replace(block, '') + out.slice(cut);
  }
  return out;
}

function once(text: string): string {
  let out = removeBlocks(text);
  out = beforeLast(out, '>', TAG_RE, () => '');
  out = beforeLast(out, '>', HTML_TAG_RE, cleanTag);
  // An unsafe link keeps its text (an image its alt text) and loses the target.
  out = out.replace(MD_LINK_RE, (link: string, _bang: string, label: string, dest: string) =>
    isSafeUrl(dest) ? link : label,
  );
  out = out.replace(UNSAFE_DEST_RE, (m: string, open: string, dest: string) => (isSafeUrl(dest) ? m : open));
  out = out.replace(REF_DEF_RE, (def: string, dest: string) => (isSafeUrl(dest) ? def : ''));
  out = out.replace(AUTOLINK_RE, (link: string, url: string) => (isSafeUrl(url) ? link : ''));
  return out.replace(BARE_SCRIPT_SCHEME_RE, '');
}

/** Removes executable HTML and unsafe links; repeated until stable so nested tricks cannot reassemble. */
export function sanitizeMarkdown(text: string): string {
  let prev = text;
  for (let i = 0; i < 10; i++) {
    const next = once(prev);
    if (next === prev) break;
    prev = next;
  }
  return prev;
}

/** Titles are plain text: no tags, no link syntax. */
export function sanitizeTitle(title: string): string {
  return sanitizeMarkdown(title)
    .replace(/<[^<>]*>/g, '')
    .replace(/!?\[([^\][]*)\]\([^()]*\)/g, '$1');
}
