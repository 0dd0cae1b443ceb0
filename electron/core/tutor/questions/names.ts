// How lessons, groups and options are named inside questions: "Amazon Simple Storage Service
// (Amazon S3)" is "Amazon S3" in an option and "S3" in "Which S3 storage class …".

import { stripNumbering } from '../../knowledge/text';

const VENDOR = /^(?:Amazon|AWS)\s+/;

function initials(words: string): string {
  return words
    .split(/\s+/)
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0])
    .join('');
}

/**
 * The name an option or question uses: "Amazon Simple Storage Service (Amazon S3)" → "Amazon S3",
 * "Amazon Virtual Private Cloud (VPC)" → "Amazon VPC", "Amazon RDS (Relational Database Service)"
 * → "Amazon RDS", "Amazon Web Services (AWS)" → "AWS". A lesson about several things keeps its
 * title, without glosses ("Amazon ECS and Amazon EKS").
 */
export function displayName(title: string): string {
  const t = stripNumbering(title)
    .replace(/^Topic:\s*/i, '')
    .trim();
  if (!singleTopic(t)) return t.replace(/\s*\([^)]*\)/g, '');
  const m = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(t);
  if (!m) return t;
  const [, outside, inside] = m;
  if (VENDOR.test(inside) || inside === initials(outside)) return inside;
  if (/^[A-Z0-9][A-Z0-9-]{1,7}$/.test(inside)) return `${VENDOR.exec(outside)?.[0] ?? ''}${inside}`;
  return outside;
}

/** "Amazon S3" → "S3"; used as a qualifier ("S3 storage class"). */
export function bareName(title: string): string {
  return displayName(title).replace(VENDOR, '');
}

/**
 * A lesson that names one AWS service (so it can be an option of "Which service …?"). Comparisons,
 * combined lessons ("ECS and EKS", "Organizations & SSO") and overviews are not.
 */
export function isServiceTitle(title: string): boolean {
  const t = stripNumbering(title);
  return VENDOR.test(t) && !/\s(?:and|vs\.?|&)\s|:/.test(t) && !/Infrastructure|^Amazon Web Services|Tools/.test(t);
}

/** A lesson that is about one thing (so "S3 …" reads well as a qualifier). */
export function singleTopic(title: string): boolean {
  const t = stripNumbering(title).replace(/^Topic:\s*/i, '');
  // "and" inside a name ("Identity and Access Management") is fine; "ECS and Amazon EKS" is two topics
  return !/\s(?:vs\.?|\+)\s|[:&]|^How to|Examples?\b|\sand\s(?:Amazon|AWS)\s/i.test(t);
}

/** Acronyms and brand words keep their case ("EC2", "CloudFront"); others are lowercased in running text. */
export function isBrandWord(word: string): boolean {
  return /^[A-Z0-9]{2,}|[a-z][A-Z]|\d/.test(word);
}

export function singular(word: string): string {
  if (/ies$/i.test(word) && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:sses|ches|shes|xes)$/i.test(word)) return word.slice(0, -2);
  if (/[^su]s$/i.test(word) && !/is$/i.test(word) && !isBrandWord(word)) return word.slice(0, -1);
  return word;
}

/**
 * "Storage Classes" → "storage class", "Key Features of AWS" → "key feature of AWS",
 * "EC2 Instance Types" → "EC2 instance type". Lists of mixed things ("Users, Groups, and Roles")
 * and comparisons have no single kind: null.
 */
export function kindNoun(label: string): string | null {
  const l = stripNumbering(label)
    .replace(/\([^)]*\)/g, '')
    .replace(/:\s*$/, '')
    .trim();
  if (!l || /[,:&/]|\bvs\b|\band\b/i.test(l)) return null;
  const words = l.split(/\s+/);
  const of = words.findIndex((w) => w.toLowerCase() === 'of');
  const head = of > 0 ? of - 1 : words.length - 1;
  if (!/s$/i.test(words[head]) || isBrandWord(words[head])) return null; // a kind names a plural group
  words[head] = singular(words[head]);
  return words.map((w) => (isBrandWord(w) ? w : w.toLowerCase())).join(' ');
}

/** "S3" + "storage class" → "S3 storage class"; "Storage Gateway" + "gateway type" → "Storage Gateway type". */
export function qualifyKind(kind: string, short: string | null): string {
  if (!short || kind.toLowerCase().includes(short.toLowerCase())) return kind;
  const last = short.split(/\s+/).pop()?.toLowerCase() ?? '';
  const [first, ...rest] = kind.split(' ');
  if (first.toLowerCase() === last && rest.length > 0) return `${short} ${rest.join(' ')}`;
  return `${short} ${kind}`;
}

/** "Route tables" → "route tables" inside a question; "Edge Locations", "CloudFront", "NAT Gateway" keep their case. */
export function inSentence(subject: string): string {
  const words = subject.split(/\s+/);
  const first = words[0] ?? '';
  const secondUpper = words.length > 1 && /^[A-Z]/.test(words[1]);
  if (/^(?:A|An|The)$/.test(first)) return [first.toLowerCase(), ...words.slice(1)].join(' ');
  if (/^[A-Z][a-z]+$/.test(first) && !secondUpper && first !== 'Amazon')
    return subject[0].toLowerCase() + subject.slice(1);
  return subject;
}
