import { describe, expect, it } from 'vitest';
import {
  adjacentChannel,
  buildChannels,
  channelIdForPhase,
  phaseLabel,
  ringFor,
} from '../../renderer/src/app/channels';
import { CATALOG, SUMMARY } from './fakeApi';

describe('channels', () => {
  it('makes one channel per phase in order, then the library channels', () => {
    const channels = buildChannels(CATALOG);
    expect(channels.map((c) => c.name)).toEqual([
      '#1 core-services',
      '#2 databases-storage',
      '#ask-anything',
      '#self-learned',
      '#review',
      '#bookmarks',
    ]);
    expect(channels[0]).toMatchObject({ id: 'phase1', kind: 'phase', title: 'Core Services', phaseId: 'phase1' });
    expect(channels[0].lessons.map((l) => l.lessonId)).toEqual(['l-aws', 'l-vpc']);
    // the catalog's 'self' phase is #self-learned's lessons, not a phase channel
    expect(channels.find((c) => c.id === 'self')).toMatchObject({
      kind: 'self',
      phaseId: 'self',
      lessons: [{ lessonId: 'l-fargate' }],
    });
    expect(buildChannels(null).map((c) => c.id)).toEqual(['ask', 'self', 'review', 'bookmarks']);
  });

  it('maps phases to channels, rings and labels', () => {
    const channels = buildChannels(CATALOG);
    expect(channelIdForPhase('self')).toBe('self');
    expect(channelIdForPhase('phase2')).toBe('phase2');
    expect(ringFor(SUMMARY, 'phase1')).toEqual({ percent: 42, done: 1, lessons: 2 });
    expect(ringFor(SUMMARY, 'nope')).toBeNull();
    expect(ringFor(null, 'phase1')).toBeNull();
    expect(phaseLabel(channels, 'phase2')).toBe('#2 databases-storage · Databases & Storage');
    expect(adjacentChannel(channels, 'phase1', -1)).toBe('bookmarks');
    expect(adjacentChannel(channels, 'bookmarks', 1)).toBe('phase1');
  });
});
