/**
 * An expert as the caller sees them: phone and email only when the policy allows it (the expert agreed,
 * and the caller is a signed-in organization member), else why not.
 */
import type { CurrentUser } from '../../auth/index.ts';
import { contactHiddenReason, isOwnExpert, mayEditExpert } from '../policy.ts';
import type { Segment } from '../schemas.ts';
import type { Expert, ExpertView } from './schemas.ts';

export function presentExpert(e: Expert, viewer: CurrentUser | null): ExpertView {
  const { phone, email, ...rest } = e;
  const hidden = contactHiddenReason(e, viewer);
  return {
    ...rest,
    contact: hidden || (!phone && !email) ? null : { phone, email },
    contactHidden: phone || email ? hidden : null,
    isMe: isOwnExpert(viewer, e),
    canEdit: mayEditExpert(viewer, e),
  };
}

export function presentExpertList<P extends { items: (Expert & { highlight: { title: Segment[]; snippet: Segment[] } })[] }>(
  page: P,
  viewer: CurrentUser | null,
) {
  return { ...page, items: page.items.map((e) => ({ ...presentExpert(e, viewer), highlight: e.highlight })) };
}
