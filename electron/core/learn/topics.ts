// Topic ⇄ sections. Each learner topic is indexed like a notes section: phase 'self', source
// 'self', heading path ["Self-Learned Topics", "Topic: <title>", …sub-headings], ids from the path.
// The root differs from the shipped notes' "Self-Learning Topics", so a learner topic never shares
// an id (or gets removed together) with the notes.

import { basename, extname } from 'node:path';
import { sectionId } from '../knowledge/ids';
import { parseRawNotes } from '../knowledge/parseNotes';
import { SectionTree } from '../knowledge/sectionTree';
import { cleanHeading, tidyLines } from '../knowledge/text';
import type { Section } from '../knowledge/types';
import { sanitizeTitle } from './sanitize';
import type { LearnedTopic, TopicInput } from './types';

export const TOPICS_ROOT = 'Self-Learned Topics';

const HEADING_RE = /^\s{0,3}(#{1,6})\s+(.+?)\s*$/;
const FENCE_RE = /^\s*(?:```|~~~)/;
const TOPIC_PREFIX_RE = /^topic\s*:\s*/i;
// "#### Topic: X" entries or the seed's "### New topic - self learning" marker.
const NOTES_FORMAT_RE = /^\s{0,3}#{1,6}\s+(?:\*\*)?\s*(?:topic\s*:|new topic\b.*\bself[\s-]*learn)/im;

/** Title as shown: plain text, one line, no "Topic:" prefix, no heading marks or emoji. */
export function cleanTitle(raw: string): string {
  return cleanHeading(sanitizeTitle(raw).replace(/^\s*#+\s*/, ''))
    .replace(TOPIC_PREFIX_RE, '')
    .trim();
}

export function topicPath(title: string): string[] {
  return [TOPICS_ROOT, `Topic: ${title}`];
}

/** The topic's own section id; two titles that give the same id are the same topic. */
export function topicSectionId(title: string): string {
  return sectionId('self', topicPath(title));
}

/** Sections of one topic, in document order; sub-headings nest by their level. */
export function topicSections(topic: TopicInput): Section[] {
  const tree = new SectionTree();
  const root = tree.phaseRoot('self', TOPICS_ROOT);
  const topicNode = tree.child(root, `Topic: ${topic.title}`);
  let stack: { level: number; node: typeof topicNode }[] = [];
  let current = topicNode;
  let buf: string[] = [];
  let inFence = false;
  const flush = (): void => {
    tree.addBody(current, tidyLines(buf));
    buf = [];
  };
  for (const line of topic.markdown.split('\n')) {
    if (FENCE_RE.test(line)) inFence = !inFence;
    const h = inFence ? null : HEADING_RE.exec(line);
    const text = h ? cleanHeading(h[2]) : '';
    if (!h || !text) {
      buf.push(line);
      continue;
    }
    flush();
    const level = h[1].length;
    stack = stack.filter((s) => s.level < level);
    current = tree.child(stack.length ? stack[stack.length - 1].node : topicNode, text);
    stack.push({ level, node: current });
  }
  flush();
  // The shared root is a container with no text: it is not part of any one topic.
  return tree.toSections('self').slice(1);
}

export function sectionsOf(topics: readonly Pick<LearnedTopic, 'title' | 'markdown'>[]): Section[] {
  return topics.flatMap((t) => topicSections(t));
}

/** "aws-athena_notes.md" → "aws athena notes". */
export function titleFromFileName(fileName: string): string {
  return basename(fileName, extname(fileName)).replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Sections parsed from notes-format text → topics: one per depth-2 heading, sub-sections as headings. */
function topicsFromNotes(text: string, fileName: string): TopicInput[] {
  const out: TopicInput[] = [];
  const byHeading = new Map<string, string[]>();
  const loose: string[] = [];
  for (const s of parseRawNotes(text, { source: 'self', defaultPhase: 'self' }).sections) {
    if (s.headingPath.length < 2) {
      if (s.body.trim()) loose.push(s.body);
      continue;
    }
    const key = s.headingPath[1];
    let parts = byHeading.get(key);
    if (!parts) {
      parts = [];
      byHeading.set(key, parts);
    }
    const depth = s.headingPath.length;
    if (depth > 2) parts.push(`${'#'.repeat(Math.min(6, depth - 1))} ${s.headingPath[depth - 1]}`);
    if (s.body.trim()) parts.push(s.body);
  }
  // Text outside any topic is kept (never silently dropped), as a topic named after the file.
  if (loose.length) out.push({ title: titleFromFileName(fileName), markdown: loose.join('\n\n') });
  for (const [heading, parts] of byHeading) out.push({ title: heading, markdown: parts.join('\n\n') });
  return out;
}

/**
 * Splits imported text into topic drafts: the notes' format ("#### Topic: X" entries) gives one
 * topic per entry; plain Markdown opening with a heading is one topic titled by it; otherwise the
 * whole text is one topic titled from the file name. Titles are not yet cleaned or validated.
 */
export function splitImport(text: string, fileName: string): TopicInput[] {
  if (NOTES_FORMAT_RE.test(text)) return topicsFromNotes(text, fileName);
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  const h = first >= 0 ? HEADING_RE.exec(lines[first]) : null;
  if (h) return [{ title: h[2], markdown: lines.slice(first + 1).join('\n') }];
  return [{ title: titleFromFileName(fileName), markdown: text }];
}

/** Drops a first heading that only repeats the title ("# Amazon Athena" under title "Amazon Athena"). */
export function dropRepeatedTitle(title: string, markdown: string): string {
  const lines = markdown.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  const h = first >= 0 ? HEADING_RE.exec(lines[first]) : null;
  if (h && topicSectionId(cleanTitle(h[2])) === topicSectionId(title)) return lines.slice(first + 1).join('\n');
  return markdown;
}
