/**
 * What each caller sees of a service: its qualifications with whether each is still valid today (Beijing
 * time; an expired CMA is shown as expired, not hidden), and what the viewer may do (`can.edit`).
 */
import type { CurrentUser } from '../auth/index.ts';
import { mayEditService } from './policy.ts';
import type { Service } from './repository.ts';

/** Today in Beijing as YYYY-MM-DD (UTC+8, no daylight saving). */
export const beijingToday = (now = new Date()): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export function presentService(s: Service & { categoryName: string }, viewer: CurrentUser | null) {
  const today = beijingToday();
  return {
    ...s,
    qualifications: s.qualifications.map((q) => ({ ...q, valid: q.validTo >= today })),
    can: { edit: mayEditService(viewer, s) },
  };
}
