/** Shapes of the reference data API. The coded lists (ORG_KINDS, …) are the one source of their values. */
import { z } from 'zod';
import { labelled as l } from '../../platform/http/validation.ts';
import { dateText } from '../../platform/http/fields.ts';
import { Timestamp } from '../../platform/http/contract.ts';
import { ORG_KINDS, RECOGNITION_KINDS, REVENUE_BANDS } from './service.ts';

export const DIVISION_KINDS = ['district', 'county', 'autonomous_county'] as const;

export const CategoryView = z
  .object({
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    nationalClass: z.string(),
    industryCodes: z.array(z.string()),
    sortOrder: z.number().int(),
  })
  .meta({ id: 'ServiceCategory' });
export const DivisionView = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    kind: z.enum(DIVISION_KINDS),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    successorCode: z.string().nullable(),
    provisional: z.boolean(),
    note: z.string().nullable(),
  })
  .meta({ id: 'Division' });
export const ClusterView = z.object({ id: z.string(), name: z.string(), corePark: z.string().nullable(), focus: z.array(z.string()) }).meta({ id: 'Cluster' });
export const ManagementAreaView = z
  .object({ id: z.string(), name: z.string(), overlaps: z.array(z.string()), note: z.string().nullable() })
  .meta({ id: 'ManagementArea' });

export const ReferenceView = z
  .object({
    categories: z.array(CategoryView),
    divisions: z.array(DivisionView),
    clusters: z.array(ClusterView),
    managementAreas: z.array(ManagementAreaView),
    orgKinds: z.array(z.enum(ORG_KINDS)),
    recognitionKinds: z.array(z.enum(RECOGNITION_KINDS)),
    revenueBands: z.array(z.enum(REVENUE_BANDS)),
  })
  .meta({ id: 'Reference' });
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const CodeParams = z.object({ code: l(z.string().max(32), 'reference.label.code') });
export const HistoryParams = z.object({
  kind: l(z.enum(['categories', 'divisions']), 'reference.label.kind'),
  code: l(z.string().max(32), 'reference.label.code'),
});

export const CategoryPatch = z
  .object({
    nameZh: l(z.string().min(1).max(50), 'reference.label.nameZh'),
    nameEn: l(z.string().min(1).max(100), 'reference.label.nameEn'),
    nationalClass: l(z.string().min(1).max(100), 'reference.label.nationalClass'),
    industryCodes: l(z.array(z.string().regex(/^[A-Z]?\d{1,4}$/, 'reference.industryCode')).max(50), 'reference.label.industryCodes'),
    sortOrder: l(z.number().int().min(-10_000).max(10_000), 'reference.label.sortOrder'),
  })
  .partial();
export const DivisionPatch = z
  .object({
    name: l(z.string().min(1).max(50), 'reference.label.name'),
    validFrom: l(dateText.nullable(), 'reference.label.validFrom'),
    validTo: l(dateText.nullable(), 'reference.label.validTo'),
    successorCode: l(
      z
        .string()
        .regex(/^\d{6}$/, 'reference.unknownDivision')
        .nullable(),
      'reference.label.successorCode',
    ),
    provisional: l(z.boolean(), 'reference.label.provisional'),
    note: l(z.string().max(500).nullable(), 'reference.label.note'),
  })
  .partial();

export const ReferenceHistoryView = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      action: z.string(),
      actorId: z.number().int().nullable(),
      actorName: z.string().nullable(),
      at: Timestamp,
      before: z.record(z.string(), z.unknown()).nullable(),
      after: z.record(z.string(), z.unknown()).nullable(),
      changedFields: z.array(z.string()),
    }),
  ),
});
