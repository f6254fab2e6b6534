/** What the workbench's tabs share: the kinds, their pages and statuses, the loaded-list shape, small pieces. */
import { Spin } from 'antd';
import { ApiError } from '../../../../api/client';
import type { ItemStatus, ListingKind, ListOf } from '../../api';

export type Kind = ListingKind;
/** A workbench list: my organization's achievements or demands, or those in review */
export type Listings = ListOf[Kind];
export type Listing = Listings['items'][number];

export const PAGE: Record<Kind, string> = { achievement: '/achievements', demand: '/demands' };
/** Every status, in the order the filter shows them (a runtime list of the generated ListingStatus) */
export const STATUSES = ['draft', 'in_review', 'published', 'closed'] as const satisfies readonly ItemStatus[];
export const PAGE_SIZE = 100;

export const orgOf = (x: Listing) => ('ownerName' in x ? x.ownerName : x.orgName);
export const textOf = (x: Listing) => ('abstract' in x ? x.abstract : x.description);
export const stamp = (x: Listing) => x.updatedAt;

/** What the API said: the field messages when there are any, else the message. */
export function errorText(e: unknown, sep: string) {
  if (e instanceof ApiError) return e.fields.length ? e.fields.map((f) => f.message).join(sep) : e.message;
  return e instanceof Error ? e.message : String(e);
}

/** A list a tab shows: its data once loaded, the error, whether it is being read, and a way to read it again. */
export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

export function Loading() {
  return (
    <div className="kft-center">
      <Spin />
    </div>
  );
}
export function Count({ n }: { n: number | null | undefined }) {
  return n === null || n === undefined ? null : <span className="kft-tab-count">{n}</span>;
}

/** A query's state as a tab reads it; `reload` marks the kind's data stale, so every list of it is read again. */
export function loaded<T>(q: { data?: T; error: { message: string } | null; isFetching: boolean }, reload: () => void): Loaded<T> {
  return { data: q.data ?? null, error: q.error?.message ?? null, loading: q.isFetching, reload };
}
