/** An achievement as the caller sees it: what may they do with it. */
import type { CurrentUser } from '../../auth/index.ts';
import { mayEditListing } from '../policy.ts';
import type { Segment } from '../schemas.ts';
import type { Achievement, AchievementView } from './schemas.ts';

export function presentAchievement(a: Achievement, viewer: CurrentUser | null): AchievementView {
  return { ...a, canManage: mayEditListing(viewer, a.ownerOrgId) };
}

export function presentAchievementList<P extends { items: (Achievement & { highlight: { title: Segment[]; snippet: Segment[] } })[] }>(
  page: P,
  viewer: CurrentUser | null,
) {
  return { ...page, items: page.items.map((a) => ({ ...presentAchievement(a, viewer), highlight: a.highlight })) };
}
