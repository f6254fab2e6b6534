/**
 * What a list on screen was loaded for. A list keeps showing its previous results while the next ones load
 * (TanStack Query's placeholder data); pages mark their list with `data-wanted` (what the URL asks for) and
 * `data-loaded-for` (what the shown results answer), and the two agree once the answer for the URL has come.
 */
import { useRef } from 'react';

export function useLoadedFor(wanted: string, q: { isPending: boolean; isPlaceholderData: boolean }): string {
  const last = useRef('');
  if (!q.isPending && !q.isPlaceholderData) last.current = wanted;
  return last.current;
}
