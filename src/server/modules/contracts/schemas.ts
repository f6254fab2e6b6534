/** Technology contracts (技术合同认定登记) as the API takes and gives them: the fields of form JJ-001. */
import { z } from 'zod';
import { Timestamp } from '../../platform/http/contract.ts';
import { csvList, dateText, IdParam, queryInt } from '../../platform/http/fields.ts';
import { labelled } from '../../platform/http/validation.ts';
import { Uscc } from '../directory/index.ts';

export const CONTRACT_STATUSES = [
  'draft',
  'submitted',
  'needs_correction',
  'accepted',
  'under_review',
  'expert_review',
  'registered',
  'rejected',
  'cancelled',
] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
/** the states in which the station's clock runs */
export const CLOCK_STATUSES: readonly ContractStatus[] = ['submitted', 'accepted', 'under_review', 'expert_review'];

/** 民法典 art. 843–863 */
export const CONTRACT_TYPES = ['development', 'transfer', 'license', 'consulting', 'service'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
/** the sub-types each type allows (技术转让: its objects; 技术许可: exclusive / sole / ordinary) */
export const CONTRACT_SUB_TYPES = {
  development: ['commissioned', 'cooperative'],
  transfer: ['patent', 'patent_application', 'know_how', 'ic_layout', 'plant_variety', 'software_copyright'],
  license: ['exclusive', 'sole', 'ordinary'],
  consulting: ['consulting'],
  service: ['service', 'training', 'intermediary'],
} as const satisfies Record<ContractType, readonly string[]>;
export const ALL_SUB_TYPES = [...new Set(Object.values(CONTRACT_SUB_TYPES).flat())] as [string, ...string[]];
/** 卖方/买方 性质 on JJ-001 */
export const PARTY_NATURES = [
  'government',
  'research_institute',
  'university',
  'medical',
  'other_institution',
  'association',
  'state_enterprise',
  'collective_enterprise',
  'private_enterprise',
  'other_domestic_enterprise',
  'hk_macao_taiwan',
  'foreign',
  'individual',
] as const;
/** 技术领域 of the registration statistics */
export const TECH_FIELDS = [
  'electronics',
  'aerospace',
  'advanced_manufacturing',
  'biomedicine',
  'new_materials',
  'energy',
  'environment',
  'nuclear',
  'agriculture',
  'transport',
  'urban_social',
] as const;
export const IP_TYPES = [
  'invention_patent',
  'utility_patent',
  'design_patent',
  'software_copyright',
  'ic_layout',
  'plant_variety',
  'know_how',
  'other',
  'none',
] as const;
export const PLAN_SOURCES = ['national', 'ministerial', 'municipal', 'district', 'other', 'none'] as const;
export const TAX_RELIEFS = ['vat_exemption', 'income_tax_relief'] as const;
export type TaxRelief = (typeof TAX_RELIEFS)[number];

export const ContractStatusSchema = z.enum(CONTRACT_STATUSES).meta({
  id: 'ContractStatus',
  description:
    'draft 草稿, submitted 已提交, needs_correction 待补正, accepted 已受理, under_review 审查中, expert_review 专家评审, registered 已登记, rejected 未予登记, cancelled 已注销 (a registered contract whose cancellation the station approved)',
});
export const ContractTypeSchema = z
  .enum(CONTRACT_TYPES)
  .meta({ id: 'ContractType', description: 'development 技术开发, transfer 技术转让, license 技术许可, consulting 技术咨询, service 技术服务' });

const L = (field: string) => `contract.label.${field}`;
const fen = (field: string) => labelled(z.number().int().min(0).max(1e15), L(field));

export const Party = z.object({
  name: labelled(z.string().trim().min(2, 'contract.partyNameRequired').max(200), L('partyName')),
  uscc: labelled(Uscc, L('uscc')),
  countryCode: labelled(
    z
      .string()
      .trim()
      .regex(/^[A-Z]{3}$/, 'contract.countryCode'),
    L('countryCode'),
  ).default('CHN'),
  divisionCode: labelled(
    z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'contract.divisionCode'),
    L('divisionCode'),
  ),
  nature: labelled(z.enum(PARTY_NATURES), L('nature')),
});
export type Party = z.output<typeof Party>;
/** a party as a draft may hold it: any field still missing */
const DraftParty = Party.partial();

const fields = {
  projectName: labelled(z.string().trim().min(2, 'contract.projectNameRequired').max(200), L('projectName')),
  contractType: labelled(ContractTypeSchema, L('contractType')),
  subType: labelled(z.enum(ALL_SUB_TYPES), L('subType')),
  signedOn: labelled(dateText, L('signedOn')),
  validFrom: labelled(dateText, L('validFrom')),
  validUntil: labelled(dateText, L('validUntil')),
  seller: labelled(DraftParty, L('seller')),
  buyer: labelled(DraftParty, L('buyer')),
  amountFen: fen('amountFen'),
  techAmountFen: fen('techAmountFen'),
  equipmentFen: fen('equipmentFen'),
  partsFen: fen('partsFen'),
  materialsFen: fen('materialsFen'),
  techField: labelled(z.enum(TECH_FIELDS), L('techField')),
  ipType: labelled(z.enum(IP_TYPES), L('ipType')),
  planSource: labelled(z.enum(PLAN_SOURCES), L('planSource')),
  newInvestmentFen: fen('newInvestmentFen').nullable(),
  newOutputFen: fen('newOutputFen').nullable(),
  disputed: labelled(z.boolean(), L('disputed')),
};

export interface ContractFields {
  projectName?: string | null;
  contractType?: ContractType | null;
  subType?: string | null;
  signedOn?: string | null;
  validFrom?: string | null;
  validUntil?: string | null;
  seller?: Partial<Party>;
  buyer?: Partial<Party>;
  amountFen?: number | null;
  techAmountFen?: number | null;
  equipmentFen?: number;
  partsFen?: number;
  materialsFen?: number;
  techField?: string | null;
  ipType?: string | null;
  planSource?: string | null;
  newInvestmentFen?: number | null;
  newOutputFen?: number | null;
  disputed?: boolean;
}

/** The rules across fields, for a draft as far as it is filled in (the same rules run again at submission). */
export function crossFieldProblems(v: ContractFields): { path: string; key: string; params?: Record<string, unknown> }[] {
  const out: { path: string; key: string; params?: Record<string, unknown> }[] = [];
  if (v.contractType && v.subType && !(CONTRACT_SUB_TYPES[v.contractType] as readonly string[]).includes(v.subType))
    out.push({ path: 'subType', key: 'contract.subTypeOfType', params: { typeKey: `contract.type.${v.contractType}` } });
  if (v.amountFen != null && v.techAmountFen != null) {
    if (v.techAmountFen > v.amountFen) {
      out.push({ path: 'techAmountFen', key: 'contract.techAboveAmount' });
      out.push({ path: 'amountFen', key: 'contract.amountBelowTech' });
    } else if ((v.equipmentFen ?? 0) + (v.partsFen ?? 0) + (v.materialsFen ?? 0) > v.amountFen - v.techAmountFen)
      out.push({ path: 'equipmentFen', key: 'contract.costsAboveDifference' });
  }
  if (v.validFrom && v.validUntil && v.validUntil < v.validFrom) out.push({ path: 'validUntil', key: 'contract.validityOrder' });
  return out;
}

// ------------------------------------------------------------------ requests

export const IdParams = z.object({ id: labelled(IdParam, L('id')) });
export const NumberParams = z.object({ registrationNumber: labelled(z.string().trim().min(1).max(60), L('registrationNumber')) });

/** the station the seller chooses (where CONTRACT_STATION_CHOICE allows it); null: the seller's district's, as routed */
const stationChoice = {
  stationId: labelled(z.number().int().positive(), L('station'))
    .nullable()
    .meta({ description: 'the registration station the seller chooses, where configured (CONTRACT_STATION_CHOICE); drafts only' }),
};
export const ContractInput = z.object({ dealId: labelled(z.number().int().positive(), L('dealId')).optional(), ...fields, ...stationChoice }).partial();
export type ContractInput = z.output<typeof ContractInput>;
export const ContractPatch = z
  .object({ ...fields, ...stationChoice, version: labelled(z.number().int().positive(), L('version')) })
  .partial()
  .required({ version: true });
export type ContractPatch = z.output<typeof ContractPatch>;

export const ReasonInput = z.object({ reason: labelled(z.string().trim().min(2, 'contract.reasonRequired').max(2000), L('reason')) });
export const ExpertsInput = z.object({
  expertIds: labelled(z.array(z.number().int().positive()).min(1, 'contract.expertsRequired').max(9), L('expertIds')),
});
export const OpinionInput = z.object({
  expertId: labelled(z.number().int().positive(), L('expertId')),
  conclusion: labelled(z.enum(['register', 'reject']), L('conclusion')),
  opinion: labelled(z.string().trim().min(2, 'contract.opinionRequired').max(5000), L('opinion')),
});

export const ContractListQuery = z.object({
  status: labelled(csvList(ContractStatusSchema), L('status')).optional(),
  q: labelled(z.string().trim().max(100), L('q')).optional(),
  type: labelled(ContractTypeSchema, L('contractType')).optional(),
  district: labelled(
    z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'contract.divisionCode'),
    L('district'),
  ).optional(),
  station: labelled(IdParam, L('station')).optional(),
  overdue: labelled(z.enum(['true', 'false']), L('overdue'))
    .transform((v) => v === 'true')
    .optional(),
  page: labelled(queryInt(1, 10000), L('page')).default(1),
  pageSize: labelled(queryInt(1, 100), L('pageSize')).default(20),
});
export type ContractListQuery = z.output<typeof ContractListQuery>;

export const FIGURE_BREAKDOWNS = ['month', 'type', 'field', 'district', 'station', 'sellerNature', 'buyerNature'] as const;
export type FigureBreakdown = (typeof FIGURE_BREAKDOWNS)[number];
export const FiguresQuery = z.object({
  by: labelled(z.enum(FIGURE_BREAKDOWNS), L('by')).default('month'),
  year: labelled(queryInt(2000, 2100), L('year')).optional(),
});

// ------------------------------------------------------------------ stored shapes

/** Whose contracts a list shows (policy.ts contractScope). */
export type ContractScope = { all: true } | { districtCode: string } | { stationIds: number[] } | { orgId: number };

export interface Station {
  id: number;
  code: string;
  name: string;
  districtCode: string | null;
  serves: string[];
  hostOrg: string;
}

export interface ContractExpert {
  expertId: number;
  expertName: string;
  opinion: string | null;
  conclusion: 'register' | 'reject' | null;
  assignedAt: Date;
  opinedAt: Date | null;
}

export interface Contract {
  id: number;
  dealId: number | null;
  sellerOrgId: number;
  buyerOrgId: number | null;
  stationId: number | null;
  stationName: string | null;
  stationCode: string | null;
  status: ContractStatus;
  projectName: string | null;
  contractType: ContractType | null;
  subType: string | null;
  signedOn: string | null;
  validFrom: string | null;
  validUntil: string | null;
  seller: Partial<Party>;
  buyer: Partial<Party>;
  sellerDivisionCode: string | null;
  amountFen: number | null;
  techAmountFen: number | null;
  equipmentFen: number;
  partsFen: number;
  materialsFen: number;
  techField: string | null;
  ipType: string | null;
  planSource: string | null;
  newInvestmentFen: number | null;
  newOutputFen: number | null;
  disputed: boolean;
  expertRequired: boolean;
  clockStartedOn: string | null;
  deadline: string | null;
  correctionNote: string | null;
  rejectReason: string | null;
  registrationNumber: string | null;
  registeredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  version: number;
  cancelledAt: Date | null;
  /** the buyer's answer to the submitted content (a buyer on the platform only) */
  buyerAnswer: 'confirmed' | 'disputed' | null;
  buyerAnsweredAt: Date | null;
  buyerDisputeReason: string | null;
  /** the signed contract (合同文本), without its bytes */
  document: ContractDocument | null;
}

export interface ContractDocument {
  filename: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
}

// ------------------------------------------------------------------ responses

const PartyView = z.object({
  name: z.string().nullable(),
  uscc: z.string().nullable(),
  countryCode: z.string().nullable(),
  divisionCode: z.string().nullable(),
  nature: z.enum(PARTY_NATURES).nullable(),
});

export const ContractView = z
  .object({
    id: z.number().int(),
    dealId: z.number().int().nullable(),
    status: ContractStatusSchema,
    projectName: z.string().nullable(),
    contractType: ContractTypeSchema.nullable(),
    subType: z.string().nullable(),
    signedOn: z.string().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    seller: PartyView.extend({ orgId: z.number().int() }),
    buyer: PartyView.extend({ orgId: z.number().int().nullable() }),
    amountFen: z.number().int().nullable().meta({ description: '合同成交额, fen' }),
    techAmountFen: z.number().int().nullable().meta({ description: '技术交易额, fen' }),
    equipmentFen: z.number().int(),
    partsFen: z.number().int(),
    materialsFen: z.number().int(),
    techField: z.string().nullable(),
    ipType: z.string().nullable(),
    planSource: z.string().nullable(),
    newInvestmentFen: z.number().int().nullable(),
    newOutputFen: z.number().int().nullable(),
    disputed: z.boolean(),
    station: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
    expertRequired: z.boolean().meta({ description: '技术交易额 at or above the threshold, or disputed: 30 working days with expert review' }),
    clockStartedOn: z.string().nullable().meta({ description: 'the (re)submission day the time limit counts from' }),
    deadline: z.string().nullable().meta({ description: 'the station decides by this day (working days, China’s calendar)' }),
    workingDaysLeft: z.number().int().nullable(),
    overdue: z.boolean(),
    correctionNote: z.string().nullable(),
    rejectReason: z.string().nullable(),
    registrationNumber: z.string().nullable(),
    registeredAt: Timestamp.nullable(),
    cancelledAt: Timestamp.nullable(),
    verifyUrl: z.string().nullable(),
    taxReliefs: z.array(z.enum(TAX_RELIEFS)).meta({ description: 'information only: the reliefs the type qualifies for once registered' }),
    experts: z.array(
      z.object({
        expertId: z.number().int(),
        expertName: z.string(),
        opinion: z.string().nullable(),
        conclusion: z.enum(['register', 'reject']).nullable(),
        opinedAt: Timestamp.nullable(),
      }),
    ),
    buyerConfirmation: z
      .object({
        required: z.boolean().meta({ description: 'the buyer is an organization on the platform: the station accepts once it answered' }),
        answer: z.enum(['confirmed', 'disputed']).nullable(),
        answeredAt: Timestamp.nullable(),
        reason: z.string().nullable().meta({ description: 'why the buyer disputes the content' }),
      })
      .meta({ description: '买方确认 The buyer’s confirmation of the submitted content, or its dispute' }),
    document: z
      .object({ filename: z.string(), size: z.number().int(), sha256: z.string(), uploadedAt: Timestamp, url: z.string() })
      .nullable()
      .meta({ description: '合同文本 the signed contract as PDF (parties, station, offices download it)' }),
    missing: z.array(z.string()).meta({ description: 'fields still to fill in before submission (`document`: the signed PDF)' }),
    mySide: z.enum(['seller', 'buyer', 'station', 'office']).nullable(),
    can: z.object({
      edit: z.boolean(),
      attachDocument: z.boolean(),
      submit: z.boolean(),
      confirm: z.boolean(),
      dispute: z.boolean(),
      accept: z.boolean(),
      requestCorrection: z.boolean(),
      startReview: z.boolean(),
      assignExperts: z.boolean(),
      recordOpinion: z.boolean(),
      register: z.boolean(),
      reject: z.boolean(),
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    submittedAt: Timestamp.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Contract', description: '技术合同 A technology contract and its registration' });

export const ContractListView = z
  .object({
    items: z.array(ContractView),
    total: z.number().int().meta({ description: 'the matches: counted up to 1,000, beyond that an estimate (totalApproximate)' }),
    totalApproximate: z
      .boolean()
      .meta({ description: 'true when more than 1,000 contracts match: total is then the planner’s estimate, rounded (pages write "约 N")' }),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'ContractList' });

export const VerificationView = z
  .object({
    registrationNumber: z.string(),
    projectName: z.string(),
    contractType: ContractTypeSchema,
    sellerName: z.string(),
    buyerName: z.string(),
    stationName: z.string(),
    registeredAt: Timestamp,
    cancelled: z.boolean().meta({ description: 'the number is real, but the registration was cancelled (注销)' }),
    cancelledAt: Timestamp.nullable(),
  })
  .meta({ id: 'ContractVerification', description: '登记证明核验 What anyone may see of a registered contract' });

export const StationView = z
  .object({ id: z.number().int(), code: z.string(), name: z.string(), districtCode: z.string().nullable(), serves: z.array(z.string()), hostOrg: z.string() })
  .meta({ id: 'ContractStation' });
export const StationListView = z.object({
  items: z.array(StationView),
  sellerMayChoose: z.boolean().meta({ description: 'the seller may choose the station on the form (CONTRACT_STATION_CHOICE); else its district’s' }),
});

export const FiguresView = z
  .object({
    by: z.enum(FIGURE_BREAKDOWNS),
    year: z.number().int().nullable(),
    rows: z.array(z.object({ key: z.string(), count: z.number().int(), amountFen: z.number().int(), techAmountFen: z.number().int() })),
    total: z.object({ count: z.number().int(), amountFen: z.number().int(), techAmountFen: z.number().int() }),
  })
  .meta({ id: 'ContractFigures', description: '技术合同成交额 and 技术交易额 of registered contracts, by one breakdown' });

export const ContractHistoryView = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      action: z.string(),
      actorName: z.string().nullable(),
      at: Timestamp,
      before: z.record(z.string(), z.unknown()).nullable(),
      after: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});
