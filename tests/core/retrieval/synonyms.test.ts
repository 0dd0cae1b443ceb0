import { describe, expect, it } from 'vitest';
import {
  buildSynonyms,
  expandQuery,
  findLongForm,
  formKey,
  minePairs,
} from '../../../electron/core/retrieval/synonyms';

const SAMPLE = [
  '## Amazon SNS (Simple Notification Service)',
  '- **Network Access Control Lists (NACLs)**: stateless, subnet level.',
  'An Availability Zone (AZ) is one or more data centers.',
  'AWS Key Management Service (KMS) manages encryption keys.',
  'It is part of the Amazon Elastic Container Service (ECS) family.',
  'Connected devices, the Internet of Things (IoT), and more.',
  'Emulates virtual tape libraries (VTL) for backup software.',
  'EFS (Elastic File System) is shared storage.',
].join('\n');

const sortPairs = (p: [string, string][]) => p.map((x) => x.join(' = ')).sort();

describe('mining acronym pairs from the notes', () => {
  it('finds "Long Name (ACR)" and "ACR (Long Name)" pairs, singularising plural acronyms', () => {
    expect(sortPairs(minePairs(SAMPLE))).toEqual(
      sortPairs([
        ['SNS', 'Simple Notification Service'],
        ['NACL', 'Network Access Control Lists'],
        ['AZ', 'Availability Zone'],
        ['KMS', 'Key Management Service'],
        ['ECS', 'Elastic Container Service'],
        ['IoT', 'Internet of Things'],
        ['VTL', 'virtual tape libraries'],
        ['EFS', 'Elastic File System'],
      ]),
    );
  });

  it('rejects parentheses that are not acronym definitions', () => {
    const noise = [
      '- **Protocols Supported**: NFS, SMB (File Gateway), iSCSI (Volume Gateway), and VTL for Tape Gateway.',
      '- Supports routing to multiple target types like EC2 instances, containers (ECS), and Lambda functions.',
      '- **AWS SSO (IAM Identity Center)**: Centralizes user access.',
      'Launch an AMI (Amazon Linux 2) in the console.',
      'Pay less (see pricing below). Costs ($0.023 per GB).',
      'Use CloudFront (content delivery network) for caching.',
    ].join('\n');
    expect(minePairs(noise)).toEqual([]);
  });

  it('matches long forms on word starts / inner capitals only', () => {
    expect(findLongForm('NACL', 'Security Groups vs Network ACLs')).toBe('Network ACLs');
    expect(findLongForm('EC2', 'the Elastic Compute Cloud')).toBe('Elastic Compute Cloud');
    expect(findLongForm('MFA', 'enable Multi-Factor Authentication')).toBe('Multi-Factor Authentication');
    expect(findLongForm('AMI', 'Amazon Linux 2')).toBeNull();
  });
});

describe('buildSynonyms / expandQuery', () => {
  const syn = buildSynonyms([SAMPLE]);

  it('merges mined pairs with the curated list into one group per thing', () => {
    const nacl = syn.groups[syn.byKey.get('nacl') as number];
    expect(nacl.source).toBe('both');
    expect(nacl.forms.map(formKey).sort()).toEqual(['nacl', 'network access control list', 'network acl'].sort());
    // Mined-only pair (not in the curated list).
    expect(syn.groups[syn.byKey.get('vtl') as number]).toMatchObject({ source: 'mined' });
  });

  it('expands acronyms to long forms and back, plurals included', () => {
    expect(expandQuery('What is a NACL?', syn)).toEqual(
      expect.arrayContaining(['network ACL', 'network access control list']),
    );
    expect(expandQuery('are NACLs stateless', syn)).toEqual(expect.arrayContaining(['network access control list']));
    expect(expandQuery('network access control lists vs security groups', syn)).toEqual(
      expect.arrayContaining(['NACL', 'network ACL', 'SG']),
    );
    expect(expandQuery('VTL support', syn)).toEqual(['virtual tape libraries']);
    expect(expandQuery('how many AZs per region', syn)).toEqual(['availability zone']);
  });

  it('covers learner shorthand the notes never define', () => {
    expect(expandQuery('which logins need two-factor', syn)).toEqual(
      expect.arrayContaining(['MFA', 'multi-factor authentication']),
    );
    expect(expandQuery('whats a sort key for in dynamo', syn)).toEqual(expect.arrayContaining(['DynamoDB']));
    expect(expandQuery('k8s on aws', syn)).toEqual(['Kubernetes']);
    expect(expandQuery('purge the CDN cache', syn)).toEqual(expect.arrayContaining(['CloudFront']));
    expect(expandQuery('what is IaC', syn)).toEqual(['infrastructure as code']);
    expect(expandQuery('EC2 pricing', syn)).toEqual(['Elastic Compute Cloud']);
  });

  it('does not repeat what the query already says, and leaves plain questions alone', () => {
    const out = expandQuery('Network ACL vs NACL', syn);
    expect(out).not.toContain('network ACL');
    expect(out).not.toContain('NACL');
    expect(out).toContain('network access control list');
    expect(expandQuery('how do I host a static website', syn)).toEqual([]);
    expect(expandQuery('what is aws', syn)).toEqual([]); // AWS is deliberately not expanded
    expect(expandQuery('', syn)).toEqual([]);
  });

  it('stopword-shaped acronyms only match in capitals', () => {
    const custom = buildSynonyms([], [['IT', 'information technology']]);
    expect(expandQuery('is it cheap', custom)).toEqual([]);
    expect(expandQuery('IT budget', custom)).toEqual(['information technology']);
  });

  it('is deterministic', () => {
    expect(buildSynonyms([SAMPLE])).toEqual(buildSynonyms([SAMPLE]));
  });
});
