import { describe, expect, it } from 'vitest';
import { segmentChunk, splitSentences } from '../../../electron/core/answer/segment';

describe('splitSentences', () => {
  it('splits on sentence ends but not on e.g. or version numbers', () => {
    expect(splitSentences('Supports NFS v4.0 and v4.1, e.g. for Linux. It scales. Done')).toEqual([
      'Supports NFS v4.0 and v4.1, e.g. for Linux.',
      'It scales.',
      'Done',
    ]);
  });
});

describe('segmentChunk', () => {
  const md = [
    'Amazon EFS provides elastic file storage. It is fully managed.',
    '',
    '- **Scalability**: Automatically scales storage.',
    '- **Storage Classes**:',
    '  - **EFS Standard**: For frequently accessed files.',
    '  - **EFS Archive**: Lowest-cost tier.',
    '',
    '| Feature | A | B |',
    '| --- | --- | --- |',
    '| Size | 64KB | 4 KB |',
    '| Cost | High | Low |',
  ].join('\n');

  it('yields sentences, whole list items with their sub-items, and table rows that carry their header', () => {
    const units = segmentChunk(md);
    expect(units.map((u) => u.kind)).toEqual(['sentence', 'sentence', 'item', 'item', 'table', 'table']);
    expect(units[3].markdown).toContain('  - **EFS Archive**');
    expect(units[4].markdown.split('\n')).toEqual([
      '| Feature | A | B |',
      '| --- | --- | --- |',
      '| Size | 64KB | 4 KB |',
    ]);
    expect(units[5].tableHeader).toBe(units[4].tableHeader);
    expect(units[2].plain).toBe('Scalability: Automatically scales storage.');
  });

  it('keeps positions in reading order', () => {
    const units = segmentChunk(md);
    expect(units.map((u) => u.position)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
