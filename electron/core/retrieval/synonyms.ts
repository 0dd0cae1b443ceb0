// AWS acronym/synonym expansion. Pairs are mined from the notes themselves ("Long Name (ACR)" and
// "ACR (Long Name)") and merged with a small curated list of shorthand learners type but the notes
// may never define. Groups are equivalence classes: any form found in a query adds the others.

import { isStopword, stem, tokenizeRaw } from './textNorm';

export interface SynonymGroup {
  /** Surface forms, first-seen spelling kept (e.g. ["NACL", "Network ACLs", "network access control list"]). */
  forms: string[];
  source: 'mined' | 'curated' | 'both';
}

export interface SynonymMap {
  groups: SynonymGroup[];
  /** Normalised form key -> index into `groups`. */
  byKey: Map<string, number>;
  /** Longest key in tokens, bounds the n-gram scan. */
  maxKeyTokens: number;
}

/**
 * Curated equivalences only: each row names one thing. Broader "related" mappings (serverless ->
 * Lambda, event bus -> EventBridge) are left to dense retrieval, since expanding them would
 * push lexical results towards one service when the learner asked about a concept.
 */
export const CURATED_SYNONYMS: readonly (readonly string[])[] = [
  ['EC2', 'Elastic Compute Cloud'],
  ['S3', 'Simple Storage Service'],
  ['ALB', 'application load balancer'],
  ['NLB', 'network load balancer'],
  ['CLB', 'classic load balancer'],
  ['ELB', 'Elastic Load Balancing', 'elastic load balancer'],
  ['LB', 'load balancer'],
  ['NACL', 'network ACL', 'network access control list'],
  ['SG', 'security group'],
  ['MFA', 'multi-factor authentication', 'two-factor authentication', 'two-factor', '2FA'],
  ['IaC', 'infrastructure as code'],
  ['CDN', 'content delivery network', 'CloudFront'],
  ['k8s', 'Kubernetes'],
  ['EKS', 'Elastic Kubernetes Service'],
  ['ECS', 'Elastic Container Service'],
  ['ECR', 'Elastic Container Registry'],
  ['dynamo', 'DynamoDB', 'DDB'],
  ['TTL', 'time to live'],
  ['AZ', 'availability zone'],
  ['VPC', 'virtual private cloud'],
  ['IAM', 'identity and access management'],
  ['KMS', 'key management service'],
  ['SNS', 'simple notification service'],
  ['SQS', 'simple queue service'],
  ['SES', 'simple email service'],
  ['RDS', 'relational database service'],
  ['EBS', 'elastic block store'],
  ['EFS', 'elastic file system'],
  ['AMI', 'amazon machine image'],
  ['ASG', 'auto scaling group'],
  ['SSO', 'single sign-on', 'IAM Identity Center'],
  ['ACM', 'certificate manager'],
  ['WAF', 'web application firewall'],
  ['CLI', 'command line interface'],
  ['SDK', 'software development kit'],
  ['VPN', 'virtual private network'],
  ['DNS', 'domain name system'],
  ['RTO', 'recovery time objective'],
  ['RPO', 'recovery point objective'],
  ['HA', 'high availability'],
  ['DR', 'disaster recovery'],
  ['CFN', 'CloudFormation'],
  ['db', 'database'],
  ['API GW', 'API Gateway'],
  ['SSM', 'Systems Manager'],
  ['EMR', 'Elastic MapReduce'],
  ['CI/CD', 'continuous integration'],
];

// Mined groups we refuse: expanding "AWS" to "amazon web services" just adds noise everywhere.
const DENY_ACRONYMS = new Set(['aws']);

// Function words ignored inside phrases ("Identity and Access Management" ~ "identity access
// management"). Narrower than the search stopword list: "things" in "Internet of Things" counts.
const PHRASE_DROP = new Set(['a', 'an', 'the', 'of', 'and', 'for', 'to', 'in', 'on', 'as', 'by', 'with']);

/** Key of a form: stemmed lowercase tokens, phrase function words dropped in multi-word forms. */
export function formKey(form: string): string {
  const toks = tokenizeRaw(form).map((t) => t.toLowerCase());
  if (toks.length === 1) return stem(toks[0]);
  return toks
    .filter((t) => !PHRASE_DROP.has(t))
    .map(stem)
    .join(' ');
}

function isAcronymLike(tok: string): boolean {
  if (tok.length < 2 || tok.length > 10 || !/^[A-Za-z][A-Za-z0-9&/-]*$/.test(tok)) return false;
  const upper = (tok.match(/[A-Z]/g) ?? []).length;
  const letters = (tok.match(/[A-Za-z]/g) ?? []).length;
  // Mostly capitals ("IoT", "NACLs", "S3", "EC2"), so CamelCase names ("CloudFront") are not taken.
  return upper * 2 >= letters && (upper >= 2 || (upper >= 1 && /\d/.test(tok)));
}

/** "NACLs" -> "NACL": a plural "s" after an all-caps stem. */
function singularAcronym(tok: string): string {
  return /^[A-Z0-9&/-]{2,}s$/.test(tok) ? tok.slice(0, -1) : tok;
}

/**
 * Schwartz & Hearst (2003) long-form matcher, stricter variant: walk the acronym's letters right
 * to left through the candidate; every letter must land on a word start or a capital inside a
 * word ("Network ACLs" for NACL, "IoT"), the first letter on a word start. Without that,
 * "AMI (Amazon Linux 2)" would match via the "m" of "amazon". Returns the shortest matching
 * suffix. Digits and punctuation in the acronym are skipped ("EC2" ~ "Elastic Compute Cloud").
 */
export function findLongForm(short: string, candidate: string): string | null {
  const s = short.toLowerCase();
  const l = candidate.toLowerCase();
  const wordStart = (i: number) => i === 0 || !/[a-z0-9]/.test(l[i - 1]);
  const boundary = (i: number) => wordStart(i) || /[A-Z]/.test(candidate[i]);
  let si = s.length - 1;
  let li = l.length - 1;
  while (si >= 0) {
    const c = s[si];
    if (!/[a-z]/.test(c)) {
      si--;
      continue;
    }
    while (li >= 0 && (l[li] !== c || !(si === 0 ? wordStart(li) : boundary(li)))) li--;
    if (li < 0) return null;
    li--;
    si--;
  }
  const start = l.lastIndexOf(' ', li) + 1;
  return candidate.slice(start).trim();
}

function plausiblePair(short: string, long: string): boolean {
  const letters = short.replace(/[^A-Za-z]/g, '').length;
  const words = long.split(/\s+/).filter(Boolean);
  if (letters < 2 || words.length < 2 || words.length > Math.min(letters + 3, letters * 2 + 1)) return false;
  if (isStopword(words[0].toLowerCase())) return false;
  if (long.length <= short.length || /[()[\]]/.test(long)) return false;
  return formKey(long) !== formKey(short);
}

/** Mine (acronym, long form) pairs from one text. */
export function minePairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/[*_`]/g, '');
    const re = /\(([^()]{1,80})\)/g;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      const inner = m[1].trim();
      const before = line.slice(0, m.index).replace(/\s+$/, '');
      if (isAcronymLike(inner) && !/\s/.test(inner)) {
        // "Long Name (ACR)": search the clause right before the parenthesis.
        const short = singularAcronym(inner);
        const clause = before.split(/[.;:!?,(]|\s[-–—]\s/).pop() ?? '';
        const letters = short.replace(/[^A-Za-z]/g, '').length;
        const window = clause
          .split(/\s+/)
          .filter(Boolean)
          .slice(-Math.min(letters + 5, letters * 2))
          .join(' ');
        const long = findLongForm(short, window);
        if (long && plausiblePair(short, long)) pairs.push([short, long]);
      } else {
        // "ACR (Long Name)": the token right before the parenthesis is the acronym.
        const prev = before.split(/\s+/).pop() ?? '';
        if (!isAcronymLike(prev)) continue;
        const short = singularAcronym(prev);
        const long = inner.split(/[,;]|\s[-–—]\s/)[0].trim();
        // The whole inner text must be the expansion, not just a suffix of it.
        if (findLongForm(short, long) === long && plausiblePair(short, long)) pairs.push([short, long]);
      }
    }
  }
  return pairs;
}

/** Build the synonym map from the notes' texts plus the curated base list. */
export function buildSynonyms(
  texts: readonly string[],
  curated: readonly (readonly string[])[] = CURATED_SYNONYMS,
): SynonymMap {
  // Union-find over form keys so mined and curated rows naming the same thing merge.
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(k, r);
    return r;
  };
  const surface = new Map<string, string>();
  const origin = new Map<string, Set<'mined' | 'curated'>>();
  const addRow = (forms: readonly string[], src: 'mined' | 'curated'): void => {
    const keys = forms
      .map((f) => {
        const k = formKey(f);
        if (!parent.has(k)) parent.set(k, k);
        if (!surface.has(k)) surface.set(k, f);
        return k;
      })
      .filter((k) => k.length > 0);
    for (const k of keys.slice(1)) {
      const a = find(keys[0]);
      const b = find(k);
      if (a !== b) parent.set(b, a);
    }
    for (const k of keys) {
      if (!origin.has(k)) origin.set(k, new Set());
      origin.get(k)?.add(src);
    }
  };
  for (const row of curated) addRow(row, 'curated');
  for (const text of texts) {
    for (const [short, long] of minePairs(text)) {
      if (!DENY_ACRONYMS.has(short.toLowerCase())) addRow([short, long], 'mined');
    }
  }

  const members = new Map<string, string[]>();
  for (const k of parent.keys()) {
    const r = find(k);
    if (!members.has(r)) members.set(r, []);
    members.get(r)?.push(k);
  }
  const groups: SynonymGroup[] = [];
  const byKey = new Map<string, number>();
  let maxKeyTokens = 1;
  for (const keys of members.values()) {
    if (keys.length < 2) continue;
    const srcs = new Set<string>();
    for (const k of keys) for (const s of origin.get(k) ?? []) srcs.add(s);
    const idx = groups.length;
    groups.push({
      forms: keys.map((k) => surface.get(k) as string),
      source: srcs.size > 1 ? 'both' : srcs.has('mined') ? 'mined' : 'curated',
    });
    for (const k of keys) {
      byKey.set(k, idx);
      maxKeyTokens = Math.max(maxKeyTokens, k.split(' ').length);
    }
  }
  return { groups, byKey, maxKeyTokens };
}

/**
 * Extra phrases to search for, from every group a query mentions (longest match first, no
 * overlaps; phrase function words like "of"/"and" ignored). Forms the query already contains are
 * not repeated. A form that is also an English stopword ("IT") only matches in capitals.
 */
export function expandQuery(query: string, synonyms: SynonymMap): string[] {
  const toks: { key: string; caseOk: boolean }[] = [];
  for (const r of tokenizeRaw(query)) {
    const lower = r.toLowerCase();
    if (PHRASE_DROP.has(lower)) continue;
    // A stopword can only stand for an acronym if the learner typed it in capitals ("IT").
    toks.push({ key: stem(lower), caseOk: !isStopword(lower) || r === r.toUpperCase() });
  }
  const present = new Set<string>();
  const hitGroups: number[] = [];
  for (let i = 0; i < toks.length;) {
    let matched = 0;
    for (let n = Math.min(synonyms.maxKeyTokens, toks.length - i); n >= 1; n--) {
      const key = toks
        .slice(i, i + n)
        .map((t) => t.key)
        .join(' ');
      const g = synonyms.byKey.get(key);
      if (g === undefined || (n === 1 && !toks[i].caseOk)) continue;
      present.add(key);
      if (!hitGroups.includes(g)) hitGroups.push(g);
      matched = n;
      break;
    }
    i += matched || 1;
  }
  // Phrase keys that appear anywhere in the query count as present, even if not the longest match.
  const joined = ' ' + toks.map((t) => t.key).join(' ') + ' ';
  const out: string[] = [];
  const seen = new Set<string>();
  for (const g of hitGroups) {
    for (const form of synonyms.groups[g].forms) {
      const k = formKey(form);
      if (present.has(k) || joined.includes(' ' + k + ' ') || seen.has(k)) continue;
      seen.add(k);
      out.push(form);
    }
  }
  return out;
}
