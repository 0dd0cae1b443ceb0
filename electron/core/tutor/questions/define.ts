// Definitional sentences: "<Subject> is/lets/enables/provides … <predicate>" where the subject is
// the thing the section (or item, or lesson) is about. Both "What does X let you do?" and
// "Which service …?" are built from these.

import { splitSentences } from '../../answer/segment';
import type { Section } from '../../knowledge/types';
import { factSentences, type Fact } from './facts';
import { displayName, isBrandWord } from './names';
import { stemsOf, wordCount } from './terms';

export interface Definition {
  /** As written, without a leading article: "NAT Gateway". */
  subject: string;
  /** "A"/"An"/"The" when the sentence had one. */
  article: string;
  /** "is", "lets", "enables", "keeps" … exactly as written. */
  verb: string;
  /** Everything after the verb, without the final period. */
  predicate: string;
  /** The verb is plural ("define", "are"): "What do route tables do?" */
  plural: boolean;
}

// Verbs that introduce what something is or does. Plural forms are listed too ("Route tables define").
const VERBS = [
  'is',
  'are',
  'refers to',
  'acts? as',
  'lets?',
  'enables?',
  'allows?',
  'provides?',
  'offers?',
  'records?',
  'keeps?',
  'defines?',
  'tracks?',
  'adds?',
  'automates?',
  'divides?',
  'helps?',
  'identifies',
  'identify',
  'connects?',
  'stores?',
  'runs?',
  'handles?',
  'supports?',
  'manages?',
  'creates?',
  'emulates?',
  'presents?',
  'retains?',
  'visualizes?',
  'highlights?',
  'analyzes?',
  'recommends?',
  'detects?',
  'collects?',
  'captures?',
  'builds?',
  'compiles?',
  'hosts?',
  'routes?',
  'centralizes?',
  'redistributes?',
  'locks?',
  'uses?',
];
const VERB_RE = VERBS.join('|');
const DEFINITION = new RegExp(`^(?:(A|An|The)\\s+)?([A-Z][^,;:]*?)\\s+(${VERB_RE})\\s+(.+?)\\.?$`);
const SINGULAR_VERB = /^(?:is|refers to|acts as)$|[^s]s$|ies$/;
/** A label's description that names what it is ("Fully managed Kubernetes service that …"). */
export const NOUN_DEFINITION = /^(?:An?\s+)?(?:[\w-]+\s+){0,4}(?:service|tool|platform|engine|database|store)\b/i;
/** A description that starts with a (third-person) verb: "Identifies when real infrastructure differs …". */
export const VERB_LED = new RegExp(`^(?:Automatically\\s+)?(?:${VERB_RE})\\s`, 'i');

export function parseDefinition(sentence: string): Definition | null {
  const m = DEFINITION.exec(sentence.trim());
  if (!m) return null;
  const [, article = '', subject, verb, predicate] = m;
  if (subject.split(/\s+/).length > 7) return null;
  return { subject, article, verb, predicate, plural: !SINGULAR_VERB.test(verb) };
}

function withoutParens(text: string): string {
  return text.replace(/\([^)]*\)/g, ' ');
}

/**
 * Is `subject` a name for the thing `name` titles? Same content stems once parentheses are dropped
 * ("Availability Zone (AZ)" ~ "Availability Zones"); the subject may leave out words of the lesson's
 * own name ("Policies" ~ "IAM Policies" in the IAM lesson).
 */
export function namesSame(subject: string, name: string, lessonTitle: string): boolean {
  const lesson = new Set(stemsOf(lessonTitle));
  const same = (a: string, b: string): boolean => {
    const s = new Set(stemsOf(a));
    const n = new Set(stemsOf(b));
    if (s.size === 0 || n.size === 0) return false;
    for (const t of s) if (!n.has(t)) return false;
    for (const t of n) if (!s.has(t) && !lesson.has(t)) return false;
    return true;
  };
  // "Amazon VPC" names "Amazon Virtual Private Cloud (VPC)" too
  const forms = (x: string) => [withoutParens(x), displayName(x)];
  return forms(subject).some((a) => forms(name).some((b) => same(a, b)));
}

export interface FoundDefinition {
  fact: Fact;
  def: Definition;
  /** The verbatim text quoted as the question's source. */
  source: string;
  /** The definition is a bare noun phrase ("Highly available and scalable DNS web service."). */
  nounPhrase: boolean;
}

/** The single sentence of `fact` a question quotes: the sentence alone when it is verbatim in the notes. */
export function sourceFor(fact: Fact, sentence: string): string {
  return factSentences(fact).length > 1 && fact.source.includes(sentence) ? sentence : fact.source;
}

/** The first sentence of `section` that defines `name` ("A NAT Gateway enables …" under "NAT Gateway"). */
export function definitionIn(
  facts: readonly Fact[],
  section: Section,
  name: string,
  lessonTitle: string,
): FoundDefinition | null {
  for (const fact of facts) {
    if (fact.section !== section || fact.hasChildren || fact.kind === 'row') continue;
    const sentence = factSentences(fact)[0] ?? '';
    const def = parseDefinition(sentence);
    if (def && namesSame(def.subject, name, lessonTitle))
      return { fact, def, source: sourceFor(fact, sentence), nounPhrase: false };
  }
  return null;
}

/**
 * What the lesson says its subject is: "DynamoDB is a fully managed …", or — for notes that open
 * with a bare list ("- Highly available and scalable DNS web service.") — that first item.
 */
export function lessonDefinition(
  title: string,
  sections: readonly Section[],
  facts: readonly Fact[],
): FoundDefinition | null {
  const root = sections[0];
  const found = definitionIn(facts, root, title, '');
  if (found) return found;
  const own = facts.filter((f) => f.section === root);
  const first = own[0];
  if (!first || first.kind !== 'item' || first.label || first.subject || first.hasChildren) return null;
  const text = first.plain.replace(/\.\s*$/, '');
  if (splitSentences(first.plain).length > 1 || wordCount(text) > 25 || VERB_LED.test(text)) return null;
  const def: Definition = { subject: displayName(title), article: '', verb: 'is', predicate: text, plural: false };
  return { fact: first, def, source: first.source, nounPhrase: true };
}

/** "a highly available …" / "an …": the article a bare noun phrase needs inside a sentence. */
export function withArticle(nounPhrase: string): string {
  const lower = isBrandWord(nounPhrase.split(' ')[0] ?? '')
    ? nounPhrase
    : nounPhrase[0].toLowerCase() + nounPhrase.slice(1);
  return `${/^[aeiou]/i.test(lower) ? 'an' : 'a'} ${lower}`;
}
