// Learner content is stored and indexed as text and rendered through the sanitising Markdown
// renderer later; still, nothing that could execute is kept: script/style/iframe blocks, event
// handler attributes and links with a scheme other than http(s)/mailto are removed here.

const BLOCK_RE = /<(script|style|iframe|object|embed|noscript|template|svg|math)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
// Openers without a closing tag (or stray closers): the tag goes, the text after it stays inert.
const TAG_RE =
  /<\/?(?:script|style|iframe|object|embed|noscript|template|frame|frameset|meta|link|base|form|svg|math)\b[^>]*>/gi;
const HTML_TAG_RE = /<[a-z][a-z0-9-]*\b[^>]*>/gi;
const EVENT_ATTR_RE = /\s+on[a-z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi;
const URL_ATTR_RE =
  /\s+(href|src|xlink:href|action|formaction|srcset|poster|background)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;
// [text](dest "title") and ![alt](dest); the destination may hold one level of parentheses.
const MD_LINK_RE = /(!?)\[([^\]]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const REF_DEF_RE = /^ {0,3}\[[^\]]+\]:[ \t]*<?(\S+?)>?(?:[ \t].*)?$/gm;
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
  return tag
    .replace(EVENT_ATTR_RE, '')
    .replace(URL_ATTR_RE, (attr: string, _name: string, value: string) =>
      isSafeUrl(value.replace(/^["']|["']$/g, '')) ? attr : '',
    );
}

function once(text: string): string {
  return (
    text
      .replace(BLOCK_RE, '')
      .replace(TAG_RE, '')
      .replace(HTML_TAG_RE, cleanTag)
      // An unsafe link keeps its text (an image its alt text) and loses the target.
      .replace(MD_LINK_RE, (link: string, _bang: string, label: string, dest: string) =>
        isSafeUrl(dest) ? link : label,
      )
      .replace(REF_DEF_RE, (def: string, dest: string) => (isSafeUrl(dest) ? def : ''))
      .replace(AUTOLINK_RE, (link: string, url: string) => (isSafeUrl(url) ? link : ''))
      .replace(BARE_SCRIPT_SCHEME_RE, '')
  );
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
    .replace(/<[^>]*>/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
}
