/** Achievements (科技成果) as the API takes and gives them. Money is integer fen. */
import { z } from 'zod';
import { patchFields, IdParam } from '../../../platform/http/fields.ts';
import { labelled } from '../../../platform/http/validation.ts';
import { Timestamp } from '../../../platform/http/contract.ts';
import {
  csvQuery,
  fieldCode,
  HighlightView,
  MATURITIES,
  idParam,
  IpTypeSchema,
  ListingStatusSchema,
  listQueryText,
  listView,
  MaturitySchema,
  pageFields,
  TransferModeSchema,
  TRANSFER_MODES,
  type IpType,
  type ListingStatus,
  type Maturity,
  type TransferMode,
} from '../schemas.ts';
import { listSort, listStatuses } from '../listings/schemas.ts';

const L = (field: string) => `achievement.label.${field}`;
const fen = (field: string) => labelled(z.number().int().min(0).max(1e14), L(field));

const IpItem = z.object({
  type: labelled(IpTypeSchema.clone(), L('ipType')),
  // 发明专利 ZL202310123456.7, 软著 2023SR0123456: checked for shape only, the registries are not ours
  number: labelled(
    z
      .string()
      .trim()
      .min(4, 'market.ipNumber')
      .max(40)
      .regex(/^[A-Za-z0-9.\-/ ]+$/, 'market.ipNumber'),
    L('ipNumber'),
  ),
});

const achievementFields = {
  ownerOrgId: labelled(z.number().int().positive(), L('ownerOrgId')).optional(),
  title: labelled(z.string().trim().min(4).max(200), L('title')),
  abstract: labelled(z.string().trim().min(20, 'market.abstractShort').max(5000), L('abstract')),
  keywords: labelled(z.array(labelled(z.string().trim().min(1).max(40), L('keyword'))).max(20), L('keywords')),
  disciplineCode: labelled(fieldCode(), L('disciplineCode')).nullable().optional(),
  industryCode: labelled(fieldCode(), L('industryCode')).nullable().optional(),
  maturity: labelled(MaturitySchema.clone(), L('maturity')),
  trl: labelled(z.number().int().min(1).max(9), L('trl')).nullable().optional(),
  ip: labelled(z.array(IpItem).max(50), L('ip')).default([]),
  transferModes: labelled(z.array(TransferModeSchema).min(1, 'market.transferModeRequired').max(TRANSFER_MODES.length), L('transferModes')),
  priceNegotiable: labelled(z.boolean(), L('priceNegotiable')).default(true),
  priceMinFen: fen('priceMinFen').nullable().optional(),
  priceMaxFen: fen('priceMaxFen').nullable().optional(),
  inventorIds: labelled(z.array(labelled(z.number().int().positive(), L('inventorId'))).max(30), L('inventorIds')).default([]),
};

function refinePrice(v: { priceNegotiable?: unknown; priceMinFen?: unknown; priceMaxFen?: unknown }, ctx: z.RefinementCtx) {
  if (v.priceNegotiable === false && v.priceMinFen == null && v.priceMaxFen == null)
    ctx.addIssue({ code: 'custom', message: 'market.priceRequired', path: ['priceMinFen'] });
  if (typeof v.priceMinFen === 'number' && typeof v.priceMaxFen === 'number' && v.priceMaxFen < v.priceMinFen)
    ctx.addIssue({ code: 'custom', message: 'market.priceOrder', path: ['priceMaxFen'] });
}

export const AchievementInput = z.object(achievementFields).superRefine(refinePrice);
export type AchievementInput = z.output<typeof AchievementInput>;
export const AchievementPatch = z
  .object({ ...patchFields(achievementFields), version: labelled(z.number().int().positive(), 'market.label.version').optional() })
  .superRefine(refinePrice) as unknown as z.ZodType<Partial<AchievementInput> & { version?: number }>;
export type AchievementPatch = Partial<AchievementInput> & { version?: number };

export const ACHIEVEMENT_FACETS = ['discipline', 'industry', 'maturity', 'transferMode'] as const;

export const AchievementListQuery = z.object({
  q: listQueryText(),
  discipline: csvQuery(fieldCode(), L('disciplineCode')),
  industry: csvQuery(fieldCode(), L('industryCode')),
  maturity: csvQuery(MaturitySchema, L('maturity'), MATURITIES),
  transferMode: csvQuery(TransferModeSchema, L('transferModes'), TRANSFER_MODES),
  owner: labelled(IdParam, L('ownerOrgId')).optional(),
  status: listStatuses(),
  sort: listSort(),
  ...pageFields(),
});
export type AchievementListQuery = z.output<typeof AchievementListQuery>;

export const AttachmentParams = z.object({ id: idParam(), attachmentId: idParam(L('attachmentId')) });

// ------------------------------------------------------------------ responses

/** An achievement as stored (what the repository reads). */
export interface Achievement {
  id: number;
  ownerOrgId: number;
  ownerName: string;
  ownerDistrictCode: string | null;
  title: string;
  abstract: string;
  keywords: string[];
  disciplineCode: string | null;
  industryCode: string | null;
  maturity: Maturity;
  trl: number | null;
  ip: { type: IpType; number: string }[];
  transferModes: TransferMode[];
  priceNegotiable: boolean;
  priceMinFen: number | null;
  priceMaxFen: number | null;
  inventors: { id: number; name: string; title: string | null }[];
  attachments: { id: number; filename: string; contentType: string; size: number }[];
  status: ListingStatus;
  reviewNote: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const AttachmentView = z
  .object({ id: z.number().int(), filename: z.string(), contentType: z.string(), size: z.number().int() })
  .meta({ id: 'AchievementAttachment' });

export const AchievementView = z
  .object({
    id: z.number().int(),
    ownerOrgId: z.number().int(),
    ownerName: z.string(),
    ownerDistrictCode: z.string().nullable(),
    title: z.string(),
    abstract: z.string(),
    keywords: z.array(z.string()),
    disciplineCode: z.string().nullable(),
    industryCode: z.string().nullable(),
    maturity: MaturitySchema,
    trl: z.number().int().nullable(),
    ip: z.array(z.object({ type: IpTypeSchema, number: z.string() })),
    transferModes: z.array(TransferModeSchema),
    priceNegotiable: z.boolean(),
    priceMinFen: z.number().int().nullable(),
    priceMaxFen: z.number().int().nullable(),
    inventors: z.array(z.object({ id: z.number().int(), name: z.string(), title: z.string().nullable() })),
    attachments: z.array(AttachmentView),
    status: ListingStatusSchema,
    reviewNote: z.string().nullable().meta({ description: 'why the review returned it' }),
    publishedAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
    canManage: z.boolean().meta({ description: 'the caller may edit, publish and close it' }),
  })
  .meta({ id: 'Achievement', description: '科技成果 An achievement offered for transfer' });
export type AchievementView = z.infer<typeof AchievementView>;

export const AchievementListItemView = AchievementView.extend({ highlight: HighlightView }).meta({ id: 'AchievementListItem' });
export const AchievementListView = listView(AchievementListItemView, ACHIEVEMENT_FACETS).meta({ id: 'AchievementList' });
