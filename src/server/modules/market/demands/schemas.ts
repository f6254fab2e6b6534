/** Demands (技术需求) as the API takes and gives them. Money is integer fen. */
import { z } from 'zod';
import { dateText, optionalText, patchFields, phoneText, IdParam } from '../../../platform/http/fields.ts';
import { labelled } from '../../../platform/http/validation.ts';
import { Timestamp } from '../../../platform/http/contract.ts';
import {
  COOPERATION_MODES,
  CooperationModeSchema,
  csvQuery,
  districtCode,
  fieldCode,
  HighlightView,
  ListingStatusSchema,
  listQueryText,
  listView,
  MaturitySchema,
  pageFields,
  type CooperationMode,
  type ListingStatus,
  type Maturity,
} from '../schemas.ts';
import { listSort, listStatuses } from '../listings/schemas.ts';

const L = (field: string) => `demand.label.${field}`;

const demandFields = {
  orgId: labelled(z.number().int().positive(), L('orgId')).optional(),
  title: labelled(z.string().trim().min(4).max(200), L('title')),
  description: labelled(z.string().trim().min(20, 'market.descriptionShort').max(5000), L('description')),
  industryCode: labelled(fieldCode(), L('industryCode')).nullable().optional(),
  disciplineCode: labelled(fieldCode(), L('disciplineCode')).nullable().optional(),
  maturityNeeded: labelled(MaturitySchema.nullable(), L('maturityNeeded')).optional(),
  budgetNegotiable: labelled(z.boolean(), L('budgetNegotiable')).default(true),
  budgetFen: labelled(z.number().int().min(0).max(1e14), L('budgetFen')).nullable().optional(),
  deadline: labelled(dateText.nullable(), L('deadline')).optional(),
  cooperationModes: labelled(z.array(CooperationModeSchema).min(1, 'market.cooperationModeRequired').max(COOPERATION_MODES.length), L('cooperationModes')),
  districtCode: labelled(districtCode(), L('districtCode')).nullable().optional(),
  contactName: labelled(optionalText(50), L('contactName')),
  contactPhone: labelled(phoneText.optional(), L('contactPhone')),
};

function refineBudget(v: { budgetNegotiable?: unknown; budgetFen?: unknown }, ctx: z.RefinementCtx) {
  if (v.budgetNegotiable === false && v.budgetFen == null) ctx.addIssue({ code: 'custom', message: 'market.budgetRequired', path: ['budgetFen'] });
}

export const DemandInput = z.object(demandFields).superRefine(refineBudget);
export type DemandInput = z.output<typeof DemandInput>;
export const DemandPatch = z
  .object({ ...patchFields(demandFields), version: labelled(z.number().int().positive(), 'market.label.version').optional() })
  .superRefine(refineBudget) as unknown as z.ZodType<Partial<DemandInput> & { version?: number }>;
export type DemandPatch = Partial<DemandInput> & { version?: number };

export const DEMAND_FACETS = ['industry', 'discipline', 'district', 'cooperationMode'] as const;

export const DemandListQuery = z.object({
  q: listQueryText(),
  industry: csvQuery(fieldCode(), L('industryCode')),
  discipline: csvQuery(fieldCode(), L('disciplineCode')),
  district: csvQuery(districtCode(), L('districtCode')),
  cooperationMode: csvQuery(CooperationModeSchema, L('cooperationModes'), COOPERATION_MODES),
  owner: labelled(IdParam, L('orgId')).optional(),
  status: listStatuses(),
  sort: listSort(),
  ...pageFields(),
});
export type DemandListQuery = z.output<typeof DemandListQuery>;

// ------------------------------------------------------------------ responses

/** A demand as stored (what the repository reads). */
export interface Demand {
  id: number;
  orgId: number;
  orgName: string;
  title: string;
  description: string;
  industryCode: string | null;
  disciplineCode: string | null;
  maturityNeeded: Maturity | null;
  budgetNegotiable: boolean;
  budgetFen: number | null;
  deadline: string | null;
  cooperationModes: CooperationMode[];
  districtCode: string | null;
  contactName: string | null;
  contactPhone: string | null;
  status: ListingStatus;
  reviewNote: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const DemandView = z
  .object({
    id: z.number().int(),
    orgId: z.number().int(),
    orgName: z.string(),
    title: z.string(),
    description: z.string(),
    industryCode: z.string().nullable(),
    disciplineCode: z.string().nullable(),
    maturityNeeded: MaturitySchema.nullable(),
    budgetNegotiable: z.boolean(),
    budgetFen: z.number().int().nullable(),
    deadline: z.string().nullable().meta({ description: 'YYYY-MM-DD' }),
    cooperationModes: z.array(CooperationModeSchema),
    districtCode: z.string().nullable(),
    contactName: z.string().nullable().meta({ description: 'signed-in callers only (null otherwise)' }),
    contactPhone: z.string().nullable().meta({ description: 'signed-in callers only (null otherwise)' }),
    contactHidden: z.boolean().meta({ description: 'there is a contact, shown after signing in' }),
    status: ListingStatusSchema,
    reviewNote: z.string().nullable(),
    publishedAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
    canManage: z.boolean().meta({ description: 'the caller may edit, publish and close it, and see its matches' }),
  })
  .meta({ id: 'Demand', description: '技术需求 A technology problem an organization posts' });
export type DemandView = z.infer<typeof DemandView>;

export const DemandListItemView = DemandView.extend({ highlight: HighlightView }).meta({ id: 'DemandListItem' });
export const DemandListView = listView(DemandListItemView, DEMAND_FACETS).meta({ id: 'DemandList' });
