import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { liveEventData, type LiveEventData, type LiveEventType } from '../../lib/domain.ts';

/** A case that needs attention, as the server announced it. SECURITY: a code, never a person. */
export type AttentionEvent = LiveEventData & { type: LiveEventType };

function parse(data: unknown, type: LiveEventType): AttentionEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const value = liveEventData.safeParse(JSON.parse(data));
    return value.success ? { ...value.data, type } : null;
  } catch {
    return null;
  }
}

/**
 * Listens to the server's live events while mounted and collects `case_attention` and
 * `break_glass`, newest first.
 * The stream is same-origin and carries the session cookie; it closes when the screen is left.
 */
export function useCaseAttention(enabled: boolean): AttentionEvent[] {
  const client = useQueryClient();
  const [events, setEvents] = useState<AttentionEvent[]>([]);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events', { withCredentials: true });
    const listener = (type: LiveEventType) => (message: MessageEvent) => {
      const event = parse(message.data, type);
      if (!event) return;
      setEvents((list) =>
        [event, ...list.filter((e) => !(e.caseId === event.caseId && e.type === event.type))].slice(0, 20),
      );
      void client.invalidateQueries({ queryKey: ['overdue'] });
      void client.invalidateQueries({ queryKey: ['cases'] });
    };
    const onAttention = listener('case_attention');
    // Break-the-glass on a case the user owns or audits: shown in the same live feed.
    const onBreakGlass = listener('break_glass');
    source.addEventListener('case_attention', onAttention);
    source.addEventListener('break_glass', onBreakGlass);
    return () => {
      source.removeEventListener('case_attention', onAttention);
      source.removeEventListener('break_glass', onBreakGlass);
      source.close();
    };
  }, [enabled, client]);
  return events;
}
