// Multiple-choice questions: "Which S3 storage class fits this description …?" from a labelled
// list item, "Which service …?" from a lesson's definition and "In Amazon VPC, which of these …?"
// from a sub-section's. Distractors are sibling items/sections of the same kind that do not also
// fit the description.

import type { Section } from '../../knowledge/types';
import { normalizeAnswer } from '../grading/normalize';
import type { Candidate } from './candidate';
import { definitionIn, lessonDefinition, NOUN_DEFINITION, withArticle } from './define';
import { factSentences, lessonFacts as lessonFactsOf, type Fact } from './facts';
import type { LessonMaterial } from './lessonMaterial';
import { bareName, displayName, isServiceTitle, kindNoun, qualifyKind, singleTopic } from './names';
import { shuffled } from './seeded';
import { coverage, fitsToo, givesAway, keyTerms, stemsOf, wordCount } from './terms';

interface Option {
  label: string;
  /** The option's own text, to check it does not also fit the description. */
  text: string;
}

// Labels that name an aspect of every service rather than one thing of a kind.
const GENERIC_LABEL = /^(?:features|(?:common )?use cases|key differences|benefits|usage|choosing between them)$/i;

const heading = (s: Section): string => s.headingPath[s.headingPath.length - 1];

/**
 * Keeps the options that are distinct, not named by the prompt and not also fitting the
 * description; the most similar (most tempting) first. Null when fewer than 3 remain.
 */
function pickDistractors(answer: string, description: string, pool: Option[], ignore: string[]): Option[] | null {
  const seen = new Set([normalizeAnswer(answer)]);
  const keys = keyTerms(
    description,
    pool.map((o) => o.text),
  );
  const valid: { o: Option; c: number }[] = [];
  for (const o of pool) {
    const key = normalizeAnswer(o.label);
    if (seen.has(key) || givesAway(description, o.label, ignore) || fitsToo(keys, o.text)) continue;
    seen.add(key);
    valid.push({ o, c: coverage(description, o.text) });
  }
  if (valid.length < 3) return null;
  return valid
    .sort((a, b) => b.c - a.c)
    .slice(0, 3)
    .map((v) => v.o);
}

function choiceCandidate(
  section: Section,
  source: string,
  score: number,
  prompt: string,
  answer: string,
  distractors: Option[],
  accepted: string[],
): Candidate {
  return {
    kind: 'choice',
    section,
    source,
    key: normalizeAnswer(answer),
    score,
    build: (rand) => ({
      prompt,
      answer,
      choices: shuffled([answer, ...distractors.map((d) => d.label)], rand),
      accepted: [...new Set(accepted.map(normalizeAnswer))],
    }),
  };
}

/** The description shown for an item: the whole text when short, else its first sentence. */
function describe(fact: Fact): string {
  const desc = fact.desc ?? '';
  const text = wordCount(desc) > 30 ? (factSentences({ ...fact, plain: desc })[0] ?? desc) : desc;
  return text.replace(/[.:;]\s*$/, '').trim();
}

/** A sub-section as an option: "Amazon Elastic Block Store (EBS)" → "Amazon EBS"; others as headed. */
function optionName(title: string): string {
  return /^(?:Amazon|AWS)\s/.test(title) ? displayName(title) : title;
}

function optionLabel(label: string): string {
  return label.replace(/\s*\((?:e\.g\.|i\.e\.)[^)]*\)/g, '').trim();
}

export function itemChoices(lesson: LessonMaterial, facts: readonly Fact[], procedural: boolean): Candidate[] {
  const groups = new Map<string, Fact[]>();
  for (const f of facts) {
    if (!f.label || !f.desc || f.hasChildren || GENERIC_LABEL.test(f.label)) continue;
    groups.set(f.group, [...(groups.get(f.group) ?? []), f]);
  }
  const short = singleTopic(lesson.title) ? bareName(lesson.title) : null;
  const out: Candidate[] = [];
  for (const items of groups.values()) {
    if (items.length < 4) continue;
    const groupLabel = items[0].groupLabel;
    const noun = groupLabel ? kindNoun(groupLabel) : procedural ? 'step' : short ? 'feature' : 'of these';
    if (!noun) continue;
    const kind = noun === 'step' || noun === 'of these' ? noun : qualifyKind(noun, short);
    // words every label shares ("S3", "EFS") or the lesson's own name ("VPC") carry no hint
    const labelStems = items.map((f) => new Set(stemsOf(f.label ?? '')));
    const ignore = [...labelStems[0]].filter((t) => labelStems.every((s) => s.has(t)));
    if (short) ignore.push(...stemsOf(short));
    for (const fact of items) {
      const description = describe(fact);
      const answer = optionLabel(fact.label ?? '');
      if (wordCount(description) < 3 || givesAway(description, answer, ignore)) continue;
      const pool = items
        .filter((f) => f !== fact)
        .map((f) => ({ label: optionLabel(f.label ?? ''), text: `${f.label ?? ''} ${f.desc ?? ''}` }));
      const distractors = pickDistractors(answer, description, pool, ignore);
      if (!distractors) continue;
      const which = procedural ? `In “${lesson.title}”, which step` : `Which ${kind}`;
      const prompt = `${which} fits this description: “${description}”?`;
      out.push(choiceCandidate(fact.section, fact.source, 2, prompt, answer, distractors, [answer, fact.label ?? '']));
    }
  }
  return out;
}

/** Other services of the phase: its single-service lessons and labelled items naming a service ("**Amazon EKS**: …"). */
function phaseServices(lesson: LessonMaterial): Option[] {
  const lessons = lesson.siblings
    .filter((s) => s.headingPath.length === 2 && isServiceTitle(heading(s)))
    .map((s) => ({ label: displayName(heading(s)), text: `${heading(s)} ${s.body.split('\n')[0] ?? ''}` }));
  const items = lessonFactsOf(lesson.siblings)
    // only items that define a service ("AWS Documentation: Official guides …" is not one)
    .filter((f) => f.label && f.topLevel && isServiceTitle(f.label) && NOUN_DEFINITION.test(f.desc ?? ''))
    .map((f) => ({ label: displayName(f.label ?? ''), text: f.plain }));
  return [...lessons, ...items];
}

/** "Which service is a fully managed, serverless NoSQL database …?" with the phase's other services as options. */
export function serviceChoice(lesson: LessonMaterial, facts: readonly Fact[]): Candidate[] {
  const root = lesson.sections[0];
  if (!isServiceTitle(lesson.title)) return [];
  const found = lessonDefinition(lesson.title, lesson.sections, facts);
  if (!found) return [];
  const answer = displayName(lesson.title);
  const { verb, predicate } = found.def;
  const description = found.nounPhrase ? `is ${withArticle(predicate)}` : `${verb} ${predicate}`;
  if (givesAway(description, answer)) return [];
  const distractors = pickDistractors(answer, description, phaseServices(lesson), []);
  if (!distractors) return [];
  const gloss = /\(([^)]+)\)\s*$/.exec(lesson.title)?.[1] ?? '';
  const accepted = [answer, bareName(lesson.title), lesson.title, lesson.title.replace(/\s*\([^)]*\)/g, ''), gloss];
  return [
    choiceCandidate(
      root,
      found.source,
      3,
      `Which service ${description}?`,
      answer,
      distractors,
      accepted.filter(Boolean),
    ),
  ];
}

const NOT_A_THING = /\bvs\b|comparison|best practices|basics|use cases|benefits|features|resources|&|,/i;

/** "In Amazon S3, which of these keeps multiple variants of an object …?" with the lesson's other sub-sections as options. */
export function subsectionChoices(lesson: LessonMaterial, facts: readonly Fact[]): Candidate[] {
  const root = lesson.sections[0];
  const children = lesson.sections.filter(
    (s) => s.headingPath.length === root.headingPath.length + 1 && !NOT_A_THING.test(heading(s)),
  );
  if (children.length < 4) return [];
  const ignore = stemsOf(bareName(lesson.title));
  const out: Candidate[] = [];
  for (const child of children) {
    const found = definitionIn(facts, child, heading(child), lesson.title);
    if (!found) continue;
    const answer = optionName(heading(child));
    const description = `${found.def.verb} ${found.def.predicate}`;
    if (givesAway(description, answer, ignore)) continue;
    const pool = children
      .filter((c) => c !== child)
      .map((c) => ({
        label: optionName(heading(c)),
        text: `${heading(c)} ${c.body.split('\n').slice(0, 2).join(' ')}`,
      }));
    const distractors = pickDistractors(answer, description, pool, ignore);
    if (!distractors) continue;
    const prompt = `In ${displayName(lesson.title)}, which of these ${description}?`;
    out.push(choiceCandidate(child, found.source, 2.5, prompt, answer, distractors, [answer, heading(child)]));
  }
  return out;
}
