// Repairs text that was UTF-8 but got decoded as Mac Roman ("‚Äî" instead of "—", "üìå" instead
// of "📌"). Works generally: runs of Mac Roman high characters are turned back into the bytes they
// came from and re-decoded as UTF-8 wherever those bytes form a valid UTF-8 sequence.

/** Mac Roman bytes 0x80–0xFF, in byte order (0xF0 is the Apple logo, a private-use character). */
const MAC_ROMAN_HIGH =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø' +
  '¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

const CHAR_TO_BYTE = new Map<string, number>(Array.from(MAC_ROMAN_HIGH, (ch, i) => [ch, 0x80 + i]));

function escapeForClass(ch: string): string {
  return /[\\\]^-]/.test(ch) ? `\\${ch}` : ch;
}

// Only runs of 2+ such characters can be a multi-byte UTF-8 sequence; single ones are left alone.
const RUN_RE = new RegExp(`[${Array.from(MAC_ROMAN_HIGH, escapeForClass).join('')}]{2,}`, 'gu');

const utf8 = new TextDecoder('utf-8', { fatal: true });

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Decodes one UTF-8 sequence, or null when the bytes are not one (or decode to something implausible). */
function decodeSequence(bytes: number[]): string | null {
  let decoded: string;
  try {
    decoded = utf8.decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
  const cp = decoded.codePointAt(0) ?? 0;
  // Two-byte sequences are the riskiest: clean text like "—é" is also bytes D1 8E ("ю"). Mojibake of
  // English notes only ever hides Latin letters/symbols there, so accept only those.
  if (bytes.length === 2 && (cp < 0xa0 || cp > 0x24f)) return null;
  return decoded;
}

function decodeRun(run: string): string {
  const chars = Array.from(run);
  const bytes = chars.map((ch) => CHAR_TO_BYTE.get(ch) ?? 0);
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const len = sequenceLength(bytes[i]);
    const decoded = len > 0 && i + len <= bytes.length ? decodeSequence(bytes.slice(i, i + len)) : null;
    if (decoded === null) {
      out += chars[i];
      i += 1;
    } else {
      out += decoded;
      i += len;
    }
  }
  return out;
}

/**
 * Undo UTF-8-read-as-Mac-Roman mojibake and normalise to NFC. Correct text passes through unchanged
 * (apart from NFC), so applying it twice gives the same result as once.
 */
export function repairMojibake(text: string): string {
  return text.normalize('NFC').replace(RUN_RE, decodeRun).normalize('NFC');
}
