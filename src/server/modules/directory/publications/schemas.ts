/** Shapes of the published lists' API. */
import { z } from 'zod';
import { queryInt } from '../../../platform/http/fields.ts';
import { labelled as l } from '../../../platform/http/validation.ts';
import { Timestamp } from '../../../platform/http/contract.ts';
import { OrgListQuery } from '../schemas.ts';

export const PublicationFiltersInput = OrgListQuery.omit({ page: true, pageSize: true, sort: true, order: true });

export const PublishInput = z.object({
  title: l(z.string().trim().min(2).max(100), 'publication.label.title'),
  filters: PublicationFiltersInput.default({}),
});

export const RowsQuery = z.object({
  page: l(queryInt(1).default(1), 'org.label.page'),
  pageSize: l(queryInt(1, 200).default(50), 'org.label.pageSize'),
});
export const DownloadQuery = z.object({ format: l(z.enum(['xlsx', 'pdf']).default('xlsx'), 'org.label.format') });

export const PublicationView = z
  .object({
    id: z.number().int(),
    number: z.string().meta({ description: 'the year and the sequence, e.g. 2026-001' }),
    title: z.string(),
    filters: z.record(z.string(), z.unknown()).meta({ description: 'the list filters the list was published with' }),
    orgCount: z.number().int(),
    publishedAt: Timestamp,
    publishedBy: z.string().nullable(),
  })
  .meta({ id: 'Publication' });
export const PublicationListView = z.object({ items: z.array(PublicationView), total: z.number().int() });

export const PublishedRowView = z
  .object({
    name: z.string(),
    uscc: z.string(),
    kinds: z.string(),
    categories: z.string(),
    district: z.string(),
    address: z.string(),
    recognitions: z.string(),
    description: z.string(),
    website: z.string(),
  })
  .meta({ id: 'PublishedRow' });
export type PublishedRow = z.infer<typeof PublishedRowView>;
export const PublishedRowsView = z.object({ items: z.array(PublishedRowView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export type PublicationFilters = z.output<typeof PublicationFiltersInput>;
export type Publication = Omit<z.infer<typeof PublicationView>, 'filters'> & { filters: PublicationFilters };
