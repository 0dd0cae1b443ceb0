// Short-answer questions from definitional sentences: "A NAT Gateway enables instances in a private
// subnet to access the internet …" → "What does a NAT Gateway enable instances in a private subnet
// to do?", answered by the predicate and graded on its key words.

import { normalizeAnswer } from '../grading/normalize';
import type { Candidate } from './candidate';
import {
  lessonDefinition,
  namesSame,
  NOUN_DEFINITION,
  parseDefinition,
  sourceFor,
  VERB_LED,
  type Definition,
} from './define';
import { factSentences, type Fact } from './facts';
import type { LessonMaterial } from './lessonMaterial';
import { displayName, inSentence, isBrandWord, isServiceTitle, singleTopic } from './names';
import { commonWords, keyWords, stemsOf, wordCount } from './terms';

interface Asked {
  question: string;
  answer: string;
}

// "is/are" predicates that do not say what the thing is ("are designed to…", "are physically separated…").
const NOT_A_DEFINITION = /^(?:\w+ed|\w+ly|not|also|able|suitable|one of|available)\b/i;

function ask(def: Definition, subject: string): Asked | null {
  const does = def.plural ? 'do' : 'does';
  const verb = def.verb.toLowerCase();
  const p = def.predicate;
  if (verb === 'is' || verb === 'are') {
    const used = /^used (?:for|to) (.+)$/.exec(p);
    if (used) return { question: `What ${verb} ${subject} used for?`, answer: used[1] };
    if (NOT_A_DEFINITION.test(p)) return null;
    return { question: `What ${verb} ${subject}?`, answer: p };
  }
  if (/^lets?$/.test(verb) && p.startsWith('you ')) {
    return { question: `What ${does} ${subject} let you do?`, answer: p.slice(4) };
  }
  const enables = /^(enable|allow)s?$/.exec(verb);
  const to = enables ? /^(.{3,60}?) to (.+)$/.exec(p) : null;
  if (enables && to && !/\bto\b/.test(to[1])) {
    return { question: `What ${does} ${subject} ${enables[1]} ${to[1]} to do?`, answer: to[2] };
  }
  return { question: `What ${does} ${subject} do?`, answer: `${verb} ${p}` };
}

/** Keep the answer to its first clause ("…; changes are reflected immediately" is a second fact). */
function trimAnswer(answer: string): string {
  return answer
    .split(/;\s/)[0]
    .replace(/[.:]\s*$/, '')
    .trim();
}

/** A sentence's subject inside a question: "Amazon S3" for "Amazon Simple Storage Service (Amazon S3)". */
function subjectOf(def: Definition): string {
  if (/^(?:Amazon|AWS)\s.*\(/.test(def.subject)) return displayName(def.subject);
  const subject = def.subject.replace(/\s*\([^)]*\)/g, '');
  return inSentence(`${def.article ? `${def.article} ` : ''}${subject}`);
}

function isPlural(label: string): boolean {
  const last = label.split(/\s+/).pop() ?? '';
  return /[^su]s$/.test(last) && !isBrandWord(last);
}

function candidate(fact: Fact, source: string, asked: Asked, context: string | null, score: number): Candidate | null {
  const answer = trimAnswer(asked.answer);
  const n = wordCount(answer);
  if (n < 3 || n > 30) return null;
  const q = asked.question;
  const prompt = context ? `In ${context}, ${q[0].toLowerCase()}${q.slice(1)}` : q;
  // the verb that opens a "what does X do?" answer is not a key idea ("provides …", "tracks …")
  const opening = /(?:do|handle [\w\s]+)\?$/.test(q) ? answer.split(' ')[0] : '';
  const keywords = keyWords(answer, `${prompt} ${opening}`);
  if (keywords.length < 2) return null;
  const key = normalizeAnswer(answer);
  return { kind: 'short', section: fact.section, source, key, score, build: () => ({ prompt, answer, keywords }) };
}

// Labels that name an aspect of every service rather than a feature: no good question subject.
const GENERIC_LABEL =
  /^(?:features|(?:common )?use cases|key differences|benefits|usage|best practices|choosing between them)$/i;

/** Can `label` be asked about as a thing ("What is Terraform?", "What is Amazon EKS?")? */
function namesAThing(label: string): boolean {
  return (
    isServiceTitle(label) || isBrandWord(label) || (/^[A-Z][a-z]+$/.test(label) && commonWords().rarity(label) >= 0.5)
  );
}

/**
 * From a labelled item: "What does Drift Detection do?", "How does Amazon SNS handle security?",
 * "What is Amazon EKS?", or a walkthrough's step.
 */
function fromLabel(lesson: LessonMaterial, fact: Fact, procedural: boolean): Candidate | null {
  const label = fact.label ?? '';
  const desc = factSentences({ ...fact, plain: fact.desc ?? '' })[0] ?? '';
  if (GENERIC_LABEL.test(label)) return null;
  if (procedural) {
    const asked = { question: `In “${lesson.title}”, what do you do in the “${label}” step?`, answer: desc };
    return candidate(fact, fact.source, asked, null, 1.5);
  }
  const context = singleTopic(lesson.title) ? displayName(lesson.title) : null;
  if (VERB_LED.test(desc)) {
    const [verb, ...rest] = desc.split(' ');
    // an aspect ("Security", "Scaling") is not an actor: ask how the service handles it
    if (/^[A-Z][a-z]+$/.test(label) && !namesAThing(label)) {
      if (!context) return null;
      const asked = {
        question: `How does ${context} handle ${label.toLowerCase()}?`,
        answer: `${verb.toLowerCase()} ${rest.join(' ')}`,
      };
      return candidate(fact, fact.source, asked, null, 2);
    }
    const def: Definition = { subject: label, article: '', verb, predicate: rest.join(' '), plural: isPlural(label) };
    const asked = ask(def, /\(/.test(label) ? displayName(label) : label);
    return asked && candidate(fact, fact.source, asked, context, 2);
  }
  if (NOUN_DEFINITION.test(desc) && namesAThing(label)) {
    return candidate(fact, fact.source, { question: `What is ${displayName(label)}?`, answer: desc }, null, 2);
  }
  return null;
}

export function shortCandidates(lesson: LessonMaterial, facts: readonly Fact[], procedural: boolean): Candidate[] {
  const root = lesson.sections[0];
  const name = displayName(lesson.title);
  const lessonStems = stemsOf(lesson.title);
  const out: Candidate[] = [];
  // "What is Amazon Route 53?" when the notes open with a bare description
  const opening = lessonDefinition(lesson.title, lesson.sections, facts);
  if (opening?.nounPhrase) {
    const c = candidate(
      opening.fact,
      opening.source,
      { question: `What is ${name}?`, answer: opening.def.predicate },
      null,
      3,
    );
    if (c) out.push(c);
  }
  for (const fact of facts) {
    if (fact.hasChildren || fact.kind === 'row') continue;
    if (fact.label && fact.desc) {
      const c = fromLabel(lesson, fact, procedural);
      if (c) out.push(c);
      continue;
    }
    const first = factSentences(fact)[0] ?? '';
    const def = parseDefinition(first);
    if (!def) continue;
    const heading = fact.section.headingPath[fact.section.headingPath.length - 1];
    // a sub-section's subject may drop the lesson's name ("Policies" under "IAM Policies"); the lesson's may not
    const names = [heading, fact.subject ?? ''].filter(Boolean);
    const named =
      names.some((n) => namesSame(def.subject, n, lesson.title)) ||
      (fact.section === root && namesSame(def.subject, lesson.title, ''));
    if (!named) continue;
    const asked = ask(def, subjectOf(def));
    // the lesson's name gives context unless the subject already carries it
    const needsContext = fact.section !== root && !stemsOf(def.subject).some((t) => lessonStems.includes(t));
    const context = needsContext && singleTopic(lesson.title) ? name : null;
    const c = asked && candidate(fact, sourceFor(fact, first), asked, context, 3);
    if (c) out.push(c);
  }
  return out;
}
