// Checks on what a learner types or imports, before anything is parsed: size, encoding, binary
// content. Errors are LearnErrors with a code the UI can turn into a helpful message.

import { extname } from 'node:path';
import { repairMojibake } from '../knowledge/mojibake';
import { tidyLines } from '../knowledge/text';
import { sanitizeMarkdown } from './sanitize';
import { LearnError } from './types';

export const IMPORT_EXTENSIONS = ['.md', '.markdown', '.txt'];

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function kb(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

export function checkSize(bytes: number, limit: number, what: string): void {
  if (bytes > limit) {
    throw new LearnError('too-large', `${what} is ${kb(bytes)}; the limit is ${kb(limit)}.`, { limit, size: bytes });
  }
}

export function checkExtension(fileName: string): void {
  const ext = extname(fileName).toLowerCase();
  if (!IMPORT_EXTENSIONS.includes(ext)) {
    throw new LearnError(
      'unsupported-type',
      `Only ${IMPORT_EXTENSIONS.join(', ')} files can be imported (got “${ext || fileName}”).`,
    );
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes of an imported file → text. Rejects UTF-16/32, binary data and invalid UTF-8. */
export function decodeImport(bytes: Uint8Array, limit: number): string {
  checkSize(bytes.length, limit, 'The file');
  const bom16 =
    bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (bom16) throw new LearnError('encoding', 'The file is UTF-16; save it as UTF-8 and import it again.');
  // NUL is valid UTF-8, so binary files can pass the decoder: check for it first.
  if (bytes.includes(0)) throw new LearnError('binary', 'The file holds binary data (NUL bytes); import a text file.');
  try {
    return utf8.decode(bytes);
  } catch {
    throw new LearnError('encoding', 'The file is not valid UTF-8; save it as UTF-8 and import it again.');
  }
}

// C0/C1 controls other than tab and newline carry no text.
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Share of control characters above which text is binary data rather than notes. */
const MAX_CONTROL_SHARE = 0.01;

/**
 * Normalises text the way the notes are: BOM and CR dropped, mojibake repaired, NFC. Text with NUL
 * or many control characters is rejected; a few strays are removed. Executable HTML and unsafe
 * links are stripped.
 */
export function cleanText(text: string): string {
  if (text.includes('\u0000')) throw new LearnError('binary', 'The text holds binary data (NUL characters).');
  const unix = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const controls = unix.match(CONTROL_RE)?.length ?? 0;
  if (controls > Math.max(4, unix.length * MAX_CONTROL_SHARE)) {
    throw new LearnError('binary', 'The text holds binary data (control characters).');
  }
  const repaired = repairMojibake(unix.replace(CONTROL_RE, ''));
  return tidyLines(sanitizeMarkdown(repaired).split('\n'));
}
