import { describe, expect, it } from 'vitest';
import {
  LexicalIndex,
  dropsOneLetter,
  fuzzyDistanceFor,
  type LexicalDoc,
} from '../../../electron/core/retrieval/lexicalIndex';
import { buildSynonyms } from '../../../electron/core/retrieval/synonyms';

// Small corpus shaped like the notes (heading path + markdown body).
const DOCS: LexicalDoc[] = [
  {
    id: 'lambda',
    headingPath: ['Phase 3 — Serverless', 'AWS Lambda'],
    text: 'Lambda runs code without provisioning servers. You can allocate memory between 128 MB and 10,240 MB to a function; CPU scales with memory.',
  },
  {
    id: 'nlb',
    headingPath: ['Phase 2 — Networking', 'Network Load Balancer (NLB)'],
    text: 'Operates at layer 4 and handles millions of requests per second. Designed to handle sudden and volatile traffic spikes with ultra-low latency. Supports static IP addresses.',
  },
  {
    id: 'alb',
    headingPath: ['Phase 2 — Networking', 'Application Load Balancer (ALB)'],
    text: 'Operates at layer 7 and routes HTTP and HTTPS requests based on path or host. Supports containers and Lambda targets.',
  },
  {
    id: 'nacl',
    headingPath: ['Phase 2 — Networking', 'Subnet firewalls'],
    text: 'Network access control lists are stateless and apply at the subnet level. Rules are evaluated in number order and can allow or deny traffic.',
  },
  {
    id: 'sg',
    headingPath: ['Phase 2 — Networking', 'Security Groups'],
    text: 'Security groups are stateful firewalls attached to instances. They only support allow rules.',
  },
  {
    id: 'dynamo',
    headingPath: ['Phase 2 — Databases', 'Amazon DynamoDB'],
    text: 'Each item is identified by a partition key and an optional sort key. The sort key orders items that share a partition key and enables range queries.',
  },
  {
    id: 'cloudwatch',
    headingPath: ['Phase 4 — Monitoring', 'Amazon CloudWatch'],
    text: 'CloudWatch collects metrics and logs. Anomaly detection learns normal metric behavior and flags unusual values.',
  },
  {
    id: 'versioning',
    headingPath: ['Amazon S3', 'Versioning'],
    text: 'Keeps multiple variants of an object in the same bucket so you can restore earlier copies.',
  },
  {
    id: 'replication',
    headingPath: ['Amazon S3', 'Replication'],
    text: 'Cross-region replication copies objects to another bucket; it requires versioning to be enabled on both buckets.',
  },
];

function build(): LexicalIndex {
  const idx = new LexicalIndex();
  idx.add(DOCS);
  return idx;
}

const top = (idx: LexicalIndex, q: string, opts = {}) => idx.search(q, 3, opts)[0]?.chunkId;

describe('LexicalIndex search', () => {
  const idx = build();

  it('finds the right chunk for typo-ridden questions', () => {
    expect(top(idx, 'how much memmory can i give a lambda functon')).toBe('lambda');
    expect(top(idx, 'wich load balancer handels sudden trafic spikes best')).toBe('nlb');
    expect(top(idx, 'whats a sort key for in dynamo')).toBe('dynamo');
    expect(top(idx, 'does cloudwatch have anythng for spotting wierd metric behaviour')).toBe('cloudwatch');
  });

  it('typo tolerance is what finds single-term misspellings', () => {
    expect(top(idx, 'memmory')).toBe('lambda');
    expect(idx.search('memmory', 3, { fuzzy: false })).toEqual([]);
    const hit = idx.search('trafic handels', 3)[0];
    expect(hit.chunkId).toBe('nlb');
    expect(hit.matchedTerms).toEqual(expect.arrayContaining(['traffic', 'handl']));
  });

  it('does not treat short acronyms as typos of each other', () => {
    expect(fuzzyDistanceFor('sns')).toBe(0);
    expect(fuzzyDistanceFor('ec2')).toBe(0);
    expect(fuzzyDistanceFor('memmory')).toBe(1);
    expect(fuzzyDistanceFor('configuraton')).toBe(2);
  });

  it('prefix matching connects "dynamo" to "dynamodb"', () => {
    expect(idx.search('dynamo', 3)[0]).toMatchObject({ chunkId: 'dynamo', matchedTerms: ['dynamodb'] });
    expect(idx.search('dynamo', 3, { prefix: false })).toEqual([]);
  });

  it('acronym expansion finds the spelled-out form', () => {
    const syn = buildSynonyms([]);
    expect(idx.search('NACL', 5)).toEqual([]); // the notes never write "NACL"
    expect(top(idx, 'NACL', { synonyms: syn })).toBe('nacl');
    expect(top(idx, 'are NACLs stateless?', { synonyms: syn })).toBe('nacl');
    expect(top(idx, 'what is an SG', { synonyms: syn })).toBe('sg');
  });

  it('mined synonyms from the notes work the same way', () => {
    const syn = buildSynonyms(['Routes traffic at layer 4 with a Network Load Balancer (NLB).'], []);
    expect(top(idx, 'nlb', { synonyms: syn })).toBe('nlb');
  });

  it("expansion terms weigh less than the learner's own words", () => {
    const syn = buildSynonyms([]);
    const direct = idx.search('network access control lists', 1)[0];
    const viaExpansion = idx.search('NACL', 1, { synonyms: syn })[0];
    expect(direct.chunkId).toBe('nacl');
    expect(viaExpansion.chunkId).toBe('nacl');
    expect(viaExpansion.score).toBeLessThan(direct.score);
    const heavier = idx.search('NACL', 1, { synonyms: syn, expansionWeight: 1 })[0];
    expect(heavier.score).toBeGreaterThan(viaExpansion.score);
  });

  it('boosts heading matches', () => {
    // Both mention versioning once in the body or heading; the one titled "Versioning" wins.
    const hits = idx.search('versioning', 5).map((h) => h.chunkId);
    expect(hits.slice(0, 2)).toEqual(['versioning', 'replication']);
    const flat = new LexicalIndex({ headingBoost: 1 });
    flat.add(DOCS);
    const boosted = idx.search('versioning', 5)[0].score;
    expect(boosted).toBeGreaterThan(flat.search('versioning', 5)[0].score);
  });

  it('returns nothing for empty, stopword-only or unknown queries', () => {
    expect(idx.search('', 5)).toEqual([]);
    expect(idx.search('what is the', 5)).toEqual([]);
    expect(idx.search('sourdough hydration', 5)).toEqual([]);
    expect(idx.search('lambda', 0)).toEqual([]);
  });

  it('scores are sorted and ties broken by id', () => {
    const hits = idx.search('networking layer operates', 10);
    for (let i = 1; i < hits.length; i++) {
      const a = hits[i - 1];
      const b = hits[i];
      expect(a.score > b.score || (a.score === b.score && a.chunkId < b.chunkId)).toBe(true);
    }
  });
});

describe('LexicalIndex maintenance and vocabulary', () => {
  it('remove() drops a chunk from results and vocabulary; re-add restores it', () => {
    const idx = build();
    expect(idx.hasTerm('anomaly')).toBe(true);
    expect(idx.remove('cloudwatch')).toBe(true);
    expect(idx.remove('cloudwatch')).toBe(false);
    expect(idx.size).toBe(DOCS.length - 1);
    expect(idx.search('cloudwatch anomaly', 5).map((h) => h.chunkId)).not.toContain('cloudwatch');
    expect(idx.hasTerm('anomaly')).toBe(false);
    expect(idx.hasTerm('metric')).toBe(false);
    idx.add([DOCS.find((d) => d.id === 'cloudwatch') as LexicalDoc]);
    expect(top(idx, 'cloudwatch anomaly')).toBe('cloudwatch');
  });

  it('add() with an existing id replaces the chunk', () => {
    const idx = build();
    idx.add([{ id: 'lambda', headingPath: ['AWS Lambda'], text: 'Functions time out after fifteen minutes.' }]);
    expect(idx.size).toBe(DOCS.length);
    expect(idx.search('memory allocate', 5).map((h) => h.chunkId)).not.toContain('lambda');
    expect(top(idx, 'timeout minutes fifteen')).toBe('lambda');
  });

  it('vocabulary helpers: exact, inflected, near-miss and absent terms', () => {
    const idx = build();
    expect(idx.hasTerm('memory')).toBe(true);
    expect(idx.hasTerm('Memories')).toBe(true);
    expect(idx.hasTerm('spikes')).toBe(true);
    expect(idx.hasTerm('the')).toBe(false);
    expect(idx.hasTerm('sourdough')).toBe(false);
    expect(idx.closestTerm('memory')).toMatchObject({ term: 'memory', distance: 0 });
    expect(idx.closestTerm('memmory')).toMatchObject({ term: 'memory', distance: 1 });
    expect(idx.closestTerm('trafic')).toMatchObject({ term: 'traffic', distance: 1 });
    expect(idx.closestTerm('behaviour')).toMatchObject({ term: 'behavior', distance: 1 });
    expect(idx.closestTerm('sourdough')).toBeNull();
    expect(idx.closestTerm('hydration')).toBeNull();
    expect(idx.closestTerm('the')).toBeNull();
    expect(idx.closestTerm('sqs')).toBeNull(); // short terms: exact only
    expect(idx.closestTerm('allot')).toBeNull(); // 5 letters (~allow): too many neighbours at distance 1
    // …except a letter left out: "lamda" is "lambda"; "stat" (4) and "lambdas"-style extras are not
    expect(idx.closestTerm('lamda')).toMatchObject({ term: 'lambda', distance: 1, match: 'fuzzy' });
    expect(idx.closestTerm('lambx')).toBeNull();
    expect(dropsOneLetter('lamda', 'lambda')).toBe(true);
    expect(dropsOneLetter('ambda', 'lambda')).toBe(true);
    expect(dropsOneLetter('lambd', 'lambda')).toBe(true);
    expect(dropsOneLetter('lamxa', 'lambda')).toBe(false);
    expect(dropsOneLetter('lambda', 'lambda')).toBe(false);
    expect(idx.closestTerm('dynamo')).toMatchObject({ term: 'dynamodb', match: 'prefix', distance: 2 });
    expect(idx.closestTerm('memmory')?.match).toBe('fuzzy');
    expect(idx.vocabulary().get('partition')).toBe(1);
    expect(idx.analyze('What are the Sort Keys?')).toEqual(['sort', 'key']);
  });

  it('toJSON/fromJSON round-trips results, vocabulary and further edits', () => {
    const idx = build();
    const json = JSON.parse(JSON.stringify(idx.toJSON()));
    const copy = LexicalIndex.fromJSON(json);
    for (const q of ['memmory lambda', 'sudden traffic', 'sort key', 'versioning']) {
      expect(copy.search(q, 5)).toEqual(idx.search(q, 5));
    }
    expect([...copy.vocabulary()].sort()).toEqual([...idx.vocabulary()].sort());
    expect(copy.remove('nlb')).toBe(true);
    expect(copy.search('sudden spikes', 5).map((h) => h.chunkId)).not.toContain('nlb');
  });
});
