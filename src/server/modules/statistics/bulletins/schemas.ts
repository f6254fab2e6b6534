/**
 * Statistical bulletins (统计信息发布) as the API takes and gives them: an office's working copy (title, lead text,
 * sections, the chosen indicators), the figures it would publish now (the preview), and each published version
 * with the figures frozen at its publication.
 */
import { z } from 'zod';
import { Timestamp } from '../../../platform/http/contract.ts';
import { IdParam, queryInt } from '../../../platform/http/fields.ts';
import { labelled as l } from '../../../platform/http/validation.ts';
import { INDICATOR_METHODS, INDICATOR_UNITS, PROGRESS_STATUSES, VALUE_ORIGINS } from '../schemas.ts';

const L = (f: string) => `bulletin.label.${f}`;

/** A bulletin is the city's (chongqing) or a district's; clusters publish through the city. */
export const BulletinScope = l(
  z
    .string()
    .trim()
    .regex(/^(chongqing|district:[0-9]{6})$/, 'bulletin.scopeFormat'),
  L('scope'),
);
const period = l(
  z
    .string()
    .trim()
    .regex(/^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, 'bulletin.periodFormat'),
  L('period'),
);
const title = l(z.string().trim().min(4, 'bulletin.titleLength').max(100, 'bulletin.titleLength'), L('title'));
const lead = l(z.string().trim().max(2000, 'bulletin.leadLength'), L('lead'));
const Section = z.object({
  heading: l(z.string().trim().min(1, 'bulletin.headingRequired').max(100, 'bulletin.headingLength'), L('heading')),
  body: l(z.string().trim().min(1, 'bulletin.sectionBodyRequired').max(5000, 'bulletin.sectionBodyLength'), L('body')),
});
const sections = l(z.array(Section).max(20, 'bulletin.tooManySections'), L('sections'));
const indicatorIds = l(
  z
    .array(z.number().int().positive())
    .min(1, 'bulletin.indicatorsRequired')
    .max(40, 'bulletin.tooManyIndicators')
    .refine((ids) => new Set(ids).size === ids.length, 'bulletin.duplicateIndicator'),
  L('indicatorIds'),
);

export const BulletinInput = z.object({ scope: BulletinScope, period, title, lead: lead.optional(), sections: sections.optional(), indicatorIds });
export type BulletinInput = z.output<typeof BulletinInput>;

/** The working copy changes; the scope does not (the number is the scope's). */
export const BulletinPatch = z.object({
  period: period.optional(),
  title: title.optional(),
  lead: lead.optional(),
  sections: sections.optional(),
  indicatorIds: indicatorIds.optional(),
  version: l(z.number().int().positive(), L('version')),
});
export type BulletinPatch = z.output<typeof BulletinPatch>;

export const PublishInput = z.object({
  version: l(z.number().int().positive(), L('version')),
  /** required from the second publication on: what the correction changes (更正说明) */
  correctionNote: l(z.string().trim().min(4, 'bulletin.noteLength').max(500, 'bulletin.noteLength'), L('correctionNote')).optional(),
});
export type PublishInput = z.output<typeof PublishInput>;

export const BulletinListQuery = z.object({
  scope: BulletinScope.optional(),
  page: l(queryInt(1, 10000), L('page')).default(1),
  pageSize: l(queryInt(1, 50), L('pageSize')).default(10),
});
export type BulletinListQuery = z.output<typeof BulletinListQuery>;

export const IdParams = z.object({ id: IdParam });
export const VersionParams = z.object({ id: IdParam, version: l(queryInt(1, 1000), L('versionNumber')) });

export const BulletinFigure = z
  .object({
    indicatorId: z.number().int(),
    indicator: z.string(),
    scope: z.string(),
    category: z.string().nullable(),
    nameZh: z.string(),
    nameEn: z.string(),
    unit: z.enum(INDICATOR_UNITS),
    method: z.enum(INDICATOR_METHODS),
    source: z.string().nullable(),
    value: z.number().nullable(),
    period: z.string().nullable(),
    asOf: z.string().nullable(),
    origin: z.enum(VALUE_ORIGINS).nullable(),
    target: z
      .object({ year: z.number().int(), value: z.number(), percent: z.number().nullable(), status: z.enum(PROGRESS_STATUSES) })
      .nullable()
      .meta({ description: 'the target read against: the first of the bulletin’s year or later, else the last one' }),
  })
  .meta({ id: 'BulletinFigure' });
export type BulletinFigure = z.infer<typeof BulletinFigure>;

export const BulletinSection = z.object({ heading: z.string(), body: z.string() });

export const BulletinVersionView = z
  .object({
    bulletinId: z.number().int(),
    version: z.number().int(),
    number: z.string(),
    scope: z.string(),
    title: z.string(),
    period: z.string(),
    lead: z.string(),
    sections: z.array(BulletinSection),
    figures: z.array(BulletinFigure).meta({ description: 'the figures as they were at this version’s publication (frozen)' }),
    correctionNote: z.string().nullable(),
    publishedAt: Timestamp,
    pdf: z.string().meta({ description: 'path of this version’s PDF' }),
    xlsx: z.string().meta({ description: 'path of this version’s xlsx' }),
  })
  .meta({ id: 'BulletinVersion' });
export type BulletinVersionView = z.infer<typeof BulletinVersionView>;

export const VersionSummary = z.object({ version: z.number().int(), publishedAt: Timestamp, correctionNote: z.string().nullable() });

export const BulletinDraftView = z
  .object({
    period: z.string(),
    title: z.string(),
    lead: z.string(),
    sections: z.array(BulletinSection),
    indicatorIds: z.array(z.number().int()),
    pending: z.boolean().meta({ description: 'the working copy differs from the latest published version' }),
    version: z.number().int(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'BulletinDraft' });

export const BulletinView = z
  .object({
    id: z.number().int(),
    scope: z.string(),
    number: z.string().nullable().meta({ description: 'given at the first publication (渝科服统〔2026〕3号); a correction keeps it' }),
    status: z.enum(['draft', 'published']),
    latestVersion: z.number().int(),
    firstPublishedAt: Timestamp.nullable(),
    published: BulletinVersionView.nullable().meta({ description: 'the latest published version' }),
    versions: z.array(VersionSummary),
    draft: BulletinDraftView.nullable().meta({ description: 'the working copy: only for the offices that may compose it' }),
    can: z.object({ edit: z.boolean(), publish: z.boolean() }),
  })
  .meta({ id: 'Bulletin' });
export type BulletinView = z.infer<typeof BulletinView>;

export const BulletinSummary = z
  .object({
    id: z.number().int(),
    scope: z.string(),
    number: z.string().nullable(),
    title: z.string(),
    period: z.string(),
    status: z.enum(['draft', 'published']),
    latestVersion: z.number().int(),
    pending: z.boolean(),
    publishedAt: Timestamp.nullable().meta({ description: 'the latest version’s publication' }),
    updatedAt: Timestamp,
  })
  .meta({ id: 'BulletinSummary' });
export type BulletinSummary = z.infer<typeof BulletinSummary>;

export const BulletinList = z.object({ items: z.array(BulletinSummary), total: z.number().int() });

export const BulletinPreview = z
  .object({ figures: z.array(BulletinFigure), previewedAt: Timestamp })
  .meta({ id: 'BulletinPreview', description: 'the figures the chosen indicators hold now: what a publication would freeze' });
