import { describe, expect, it } from 'vitest';
import {
  assessCoverage,
  decideAbstention,
  namePhrases,
  type CoverageContext,
} from '../../../electron/core/answer/abstain';
import { CommonWords } from '../../../electron/core/answer/lexicon';
import type { Chunk } from '../../../electron/core/knowledge/types';

const notes =
  'Amazon EC2 instances. Spot Instances use spare capacity. Elastic Load Balancing spreads traffic. Django apps on EC2.';
const vocab = new Set(notes.toLowerCase().match(/[a-z0-9]+/g));
const STOP = new Set(['how', 'do', 'i', 'a', 'with', 'the', 'what', 'can', 'is', 'for', 'my', 'on']);
const ctx: CoverageContext = {
  terms: {
    analyze: (t) => (t.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !STOP.has(w)),
    resolve: (t) => (vocab.has(t) ? t : null),
    weight: () => 1,
  },
  rarity: (w) => CommonWords.fromList(['cheapest', 'deploy', 'app', 'bread', 'compare']).rarity(w),
  hasPhrase: (p) => notes.toLowerCase().includes(p),
};
const top: Chunk[] = [
  { id: 'c', sectionId: 's', phaseId: 'phase1', headingPath: ['EC2'], text: notes, ordinal: 0, source: 'notes' },
];

describe('namePhrases', () => {
  it('finds capitalised runs, ignoring a sentence-initial function word and the AWS/Amazon brand', () => {
    const fn = (w: string): boolean => STOP.has(w.toLowerCase());
    expect(namePhrases('Can Elastic Beanstalk run Django?', fn).map((p) => p.words.join(' '))).toEqual([
      'Elastic Beanstalk',
      'Django',
    ]);
    expect(namePhrases('How does Amazon Athena charge?', fn)).toEqual([
      { words: ['Athena'], branded: true, initial: false },
    ]);
    // punctuation separates names: "CLB, ALB" is two names, not one
    expect(namePhrases('differences between CLB, ALB and NLB', fn).map((p) => p.words.join(' '))).toEqual([
      'CLB',
      'ALB',
      'NLB',
    ]);
    expect(namePhrases('What is EC2. Spot pricing?', fn).map((p) => p.words.join(' '))).toEqual(['EC2']);
  });
});

describe('abstention', () => {
  it('answers when the question is covered, even with everyday words the notes never use', () => {
    const f = assessCoverage('cheapest spot instances on EC2', top, ctx);
    expect(f.unknownTerms).toEqual(['cheapest']);
    expect(decideAbstention(f)).toBe(false);
  });

  it('abstains when the question names a service the notes lack', () => {
    const f = assessCoverage('How do I deploy a Django app with Elastic Beanstalk?', top, ctx);
    expect(f.unknownServiceNames).toEqual(['Elastic Beanstalk']);
    expect(decideAbstention(f)).toBe(true);
    expect(decideAbstention(assessCoverage('How does Amazon Athena price queries?', top, ctx))).toBe(true);
  });

  it('takes "amazon x" in lower-case chat style as a service name, but not "aws" + an everyday verb', () => {
    const lower = assessCoverage('what is amazon braket used for on ec2?', top, ctx);
    expect(lower.unknownServiceNames).toEqual(['braket']);
    expect(decideAbstention(lower)).toBe(true);
    const words = CommonWords.fromList(['take', 'over', 'cheapest', 'deploy', 'app']);
    const grammar = assessCoverage('can aws take over spot instances on ec2?', top, {
      ...ctx,
      isEveryday: (w) => words.isEveryday(w),
    });
    expect(grammar.unknownServiceNames).toEqual([]);
    // A typo of an everyday word is not everyday: "braket" is not "bracket".
    expect(CommonWords.fromList(['bracket']).isEveryday('braket')).toBe(false);
    expect(CommonWords.fromList(['bracket']).isEveryday('brackets')).toBe(true);
  });

  it('abstains when most of the question is unknown, rare vocabulary', () => {
    const f = assessCoverage('sourdough hydration bread', top, ctx);
    expect(f.unknownShare).toBeGreaterThan(0.5);
    expect(decideAbstention(f)).toBe(true);
  });

  it('does not mistake a capitalised first word for part of a name', () => {
    const f = assessCoverage('Compare Spot Instances and EC2', top, ctx);
    expect(f.unknownServiceNames).toEqual([]);
  });

  it('abstains on a question with no informative words', () => {
    expect(decideAbstention(assessCoverage('how do i', top, ctx))).toBe(true);
  });
});

describe('CommonWords', () => {
  it('accepts plurals and one-swap typos of common words but not rare words', () => {
    const cw = CommonWords.fromList(['weird', 'login', 'anything']);
    expect(cw.isCommonOrTypo('wierd')).toBe(true);
    expect(cw.isCommonOrTypo('logins')).toBe(true);
    expect(cw.isCommonOrTypo('anythng')).toBe(true);
    expect(cw.isCommonOrTypo('sourdough')).toBe(false);
  });

  it('rates rarity by frequency rank: everyday words 0, names far down the list high, unknown words 1', () => {
    const cw = CommonWords.fromList(['visitors'], 5000);
    expect(cw.rarity('visitors')).toBe(0);
    expect(CommonWords.fromList(['pizza'], 14000).rarity('pizza')).toBeGreaterThan(0.3);
    expect(CommonWords.fromList(['athena'], 21000).rarity('athena')).toBeGreaterThan(0.8);
    expect(cw.rarity('sourdough')).toBe(1);
  });
});
