import { useEffect, useRef, type ReactNode } from 'react';
import type { ChatItem } from '../chat';
import { Bubble, NO_ACTIONS, type TimelineActions } from './Bubble';

interface TimelineProps {
  items: ChatItem[];
  /** Names the log, e.g. "Messages in #ask-anything". */
  label?: string;
  actions?: Partial<TimelineActions>;
  /** Shown when there are no messages yet. */
  empty?: ReactNode;
}

/** The conversation: a log (announced politely as it grows) that keeps its newest message in view. */
export function Timeline({ items, label = 'Messages', actions, empty }: TimelineProps) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [items]);
  const all = { ...NO_ACTIONS, ...actions };

  return (
    <div className="timeline" role="log" aria-label={label}>
      {items.length === 0 && empty}
      {items.map((item) => (
        <Bubble key={item.id} item={item} actions={all} />
      ))}
      <div ref={end} />
    </div>
  );
}
