import { describe, expect, it } from 'vitest';
import { MAX_SPEAK_MARKDOWN } from '../../../electron/shared/voiceConstants';
import { markdownToSpeakable, speakify, summarizeTable } from '../../../electron/core/voice/tts/speakable';

const spoken = (md: string) => markdownToSpeakable(md).map((s) => s.spoken);
const shown = (md: string) => markdownToSpeakable(md).map((s) => s.text);

describe('speakable text', () => {
  it('summarises a big table as its shape and row labels', () => {
    const table = [
      '| Feature | Classic Load Balancer (CLB) | Application Load Balancer (ALB) | Network Load Balancer (NLB) |',
      '| --- | --- | --- | --- |',
      '| OSI Layer | 4 & 7 | 7 | 4 |',
      '| Protocols Supported | HTTP, HTTPS, TCP, SSL | HTTP, HTTPS, WebSocket, HTTP/2 | TCP, UDP, TLS |',
      '| Advanced Routing | No | Yes (path, host-based) | No |',
      '| Performance | Moderate | Moderate | High |',
      '| Static IP Support | No | No | Yes |',
    ];
    expect(summarizeTable(table)).toEqual([
      'A table with 5 rows comparing Classic Load Balancer, Application Load Balancer and Network Load Balancer.',
      'Its rows cover OSI Layer, Protocols Supported, Advanced Routing and 2 more.',
    ]);
  });

  it('reads a small table row by row', () => {
    const md = '| Feature | Secrets Manager | Parameter Store |\n| --- | --- | --- |\n| Rotation | Built-in | Manual |';
    expect(shown(md)).toEqual([
      'A table with 1 row comparing Secrets Manager and Parameter Store.',
      'Rotation. Secrets Manager: Built-in; Parameter Store: Manual.',
    ]);
    expect(summarizeTable(['| Key | Value |', '|---|---|', '| TTL | 60 s |'])).toEqual([
      'A table with 1 row of Key and Value.',
      'TTL. 60 s.',
    ]);
  });

  it('announces code blocks, reads inline code as words, links as their host, and drops citation markers', () => {
    const md = [
      'Copy with `aws s3 cp file.txt s3://my-bucket/` as shown [1].',
      '',
      '```bash',
      'aws s3 ls',
      'echo "done"',
      '```',
      '',
      'Read [the guide](https://docs.aws.amazon.com/s3/) or https://www.example.com/path?q=1 [2, 3].',
    ].join('\n');
    expect(shown(md)).toEqual([
      'Copy with aws s3 cp file.txt s3://my-bucket/ as shown.',
      'Here is a bash code example, shown on screen.',
      'Read the guide or a link to example.com.',
    ]);
    expect(spoken(md)[0]).toBe('Copy with aws s3 cp file txt s3 my bucket as shown.');
    expect(spoken(md).join(' ')).not.toMatch(/echo|https|\[\d/);
  });

  it('spells acronyms so every engine says the letters, keeps word-like ones, and expands units and symbols', () => {
    expect(speakify('Use EC2 and S3 with IAM in two AZs; NACLs and the NAT gateway.')).toBe(
      "Use E.C 2 and S 3 with I.A.M in two A.Z.'s; nackles and the NAT gateway.",
    );
    expect(speakify('DynamoDB and CloudFront')).toBe('Dynamo D.B and Cloud Front');
    expect(speakify('Memory 128 MB to 10,240 MB (~10 GB), 99.9% & more → less, e.g. this')).toBe(
      'Memory 128 megabytes to 10,240 megabytes (about 10 gigabytes), 99.9 percent and more to less, for example this',
    );
    expect(speakify('Flask/Django, CI/CD, 4–8 KB, NOTE: do it')).toBe(
      'Flask or Django, C.I, C.D, 4 to 8 kilobytes, NOTE: do it',
    );
  });

  it('turns an answer into sentences: source lines say where they are from, list items stand alone', () => {
    const md = [
      '**Amazon Virtual Private Cloud (VPC) › NAT Gateway** [1]',
      '',
      '- **Purpose**: lets private subnets reach the internet',
      '- Managed by AWS',
    ].join('\n');
    const s = markdownToSpeakable(md);
    expect(s.map((x) => x.text)).toEqual([
      'Amazon Virtual Private Cloud (VPC): NAT Gateway.',
      'Purpose: lets private subnets reach the internet.',
      'Managed by AWS.',
    ]);
    expect(s[0].spoken).toBe('From NAT Gateway.');
    expect(s[2].spoken).toBe('Managed by A.W.S.');
    expect(markdownToSpeakable('  \n\n```\ncode only\n```')).toEqual([
      { text: 'Here is a code example, shown on screen.', spoken: 'Here is a code example, shown on screen.' },
    ]);
    expect(markdownToSpeakable('')).toEqual([]);
  });

  // voice.speakSentences takes up to MAX_SPEAK_MARKDOWN characters from the page; each shape
  // below took seconds (up to 11 s at 45 KB) before the patterns were made linear.
  it.each([
    ['a run of dots', '.'.repeat(MAX_SPEAK_MARKDOWN)],
    ['a run of digits', '1'.repeat(MAX_SPEAK_MARKDOWN)],
    ['a run of spaces', 'a' + ' '.repeat(MAX_SPEAK_MARKDOWN - 2) + 'b'],
    ['unclosed brackets', '['.repeat(MAX_SPEAK_MARKDOWN)],
    ['unclosed tags', '<'.repeat(MAX_SPEAK_MARKDOWN)],
    ['abbreviations', 'e.g. A '.repeat(MAX_SPEAK_MARKDOWN / 7)],
    ['a source line of arrows', '**' + '›'.repeat(MAX_SPEAK_MARKDOWN - 4) + '**'],
  ])('stays linear on hostile Markdown: %s', (_what, md) => {
    const t0 = performance.now();
    markdownToSpeakable(md);
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});
