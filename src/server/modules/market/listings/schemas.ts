/** Request shapes the two listing kinds share: the review decision and the list's status and sort. */
import { z } from 'zod';
import { labelled } from '../../../platform/http/validation.ts';
import { csvQuery, LIST_SORTS, LISTING_STATUSES, ListingStatusSchema } from '../schemas.ts';

export const ReviewInput = z
  .object({
    approve: labelled(z.boolean(), 'listing.label.approve'),
    reason: labelled(z.string().trim().max(500), 'listing.label.reason').optional(),
  })
  .refine((r) => r.approve || (r.reason?.length ?? 0) >= 2, { message: 'market.reviewReasonRequired', path: ['reason'] });

/** status=draft,published (default published; drafts only within what the viewer may see) */
export const listStatuses = () => csvQuery(ListingStatusSchema, 'listing.label.status', LISTING_STATUSES);
export const listSort = () => labelled(z.enum(LIST_SORTS), 'listing.label.sort').optional();
