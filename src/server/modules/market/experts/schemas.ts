/** The expert pool (专家库) as the API takes and gives it. */
import { z } from 'zod';
import { emailText, optionalText, patchFields, phoneText, IdParam } from '../../../platform/http/fields.ts';
import { labelled } from '../../../platform/http/validation.ts';
import { Timestamp } from '../../../platform/http/contract.ts';
import {
  CONTACT_HIDDEN_REASONS,
  csvQuery,
  districtCode,
  TECH_MANAGER_GRADES,
  ExpertStatusSchema,
  fieldCode,
  HighlightView,
  listQueryText,
  listView,
  pageFields,
  TechManagerGradeSchema,
  type ExpertStatus,
  type TechManagerGrade,
} from '../schemas.ts';

const L = (field: string) => `expert.label.${field}`;

const expertFields = {
  name: labelled(z.string().trim().min(2).max(50), L('name')),
  title: labelled(optionalText(50), L('title')),
  affiliationOrgId: labelled(z.number().int().positive(), L('affiliationOrgId')).nullable().optional(),
  affiliation: labelled(optionalText(100), L('affiliation')),
  fields: labelled(z.array(labelled(fieldCode(), L('field'))).max(10), L('fields')).default([]),
  keywords: labelled(z.array(labelled(z.string().trim().min(1).max(40), L('keyword'))).max(20), L('keywords')).default([]),
  biography: labelled(optionalText(5000), L('biography')),
  consulting: labelled(z.boolean(), L('consulting')).default(false),
  consultingNote: labelled(optionalText(500), L('consultingNote')),
  techManagerGrade: labelled(TechManagerGradeSchema.nullable(), L('techManagerGrade')).optional(),
  commissioner: labelled(z.boolean(), L('commissioner')).default(false),
  districtCode: labelled(districtCode(), L('districtCode')).nullable().optional(),
  phone: labelled(phoneText.optional(), L('phone')),
  email: labelled(emailText.optional(), L('email')),
  status: labelled(ExpertStatusSchema.clone(), L('status')).default('active'),
  /** admins may link the expert to an account; a member creating their own profile is linked to themself */
  userId: labelled(z.number().int().positive(), L('userId')).nullable().optional(),
};
export const ExpertInput = z.object(expertFields);
export type ExpertInput = z.output<typeof ExpertInput>;
export const ExpertPatch = z.object({
  ...patchFields(expertFields),
  version: labelled(z.number().int().positive(), 'market.label.version').optional(),
}) as unknown as z.ZodType<Partial<ExpertInput> & { version?: number }>;
export type ExpertPatch = Partial<ExpertInput> & { version?: number };
export const ConsentInput = z.object({ contactVisible: labelled(z.boolean(), L('contactVisible')) });

const yesNo = (field: string) =>
  labelled(z.enum(['true', 'false']), L(field))
    .transform((v) => v === 'true')
    .optional();

export const EXPERT_FACETS = ['field', 'techManagerGrade'] as const;

export const ExpertListQuery = z.object({
  q: listQueryText(),
  field: csvQuery(fieldCode(), L('fields')),
  techManagerGrade: csvQuery(TechManagerGradeSchema, L('techManagerGrade'), TECH_MANAGER_GRADES),
  commissioner: yesNo('commissioner'),
  consulting: yesNo('consulting'),
  affiliation: labelled(IdParam, L('affiliationOrgId')).optional(),
  ...pageFields(),
});
export type ExpertListQuery = z.output<typeof ExpertListQuery>;

// ------------------------------------------------------------------ responses

/** An expert as stored (what the repository reads), contact data included. */
export interface Expert {
  id: number;
  userId: number | null;
  name: string;
  title: string | null;
  affiliationOrgId: number | null;
  affiliation: string | null;
  fields: string[];
  keywords: string[];
  biography: string | null;
  consulting: boolean;
  consultingNote: string | null;
  techManagerGrade: TechManagerGrade | null;
  commissioner: boolean;
  districtCode: string | null;
  phone: string | null;
  email: string | null;
  contactConsent: boolean;
  contactConsentAt: Date | null;
  achievements: { id: number; title: string }[];
  status: ExpertStatus;
  version: number;
  updatedAt: Date;
}

export const ExpertView = z
  .object({
    id: z.number().int(),
    userId: z.number().int().nullable(),
    name: z.string(),
    title: z.string().nullable(),
    affiliationOrgId: z.number().int().nullable(),
    affiliation: z.string().nullable().meta({ description: 'as given, else the affiliated organization’s name' }),
    fields: z.array(z.string()),
    keywords: z.array(z.string()),
    biography: z.string().nullable(),
    consulting: z.boolean(),
    consultingNote: z.string().nullable(),
    techManagerGrade: TechManagerGradeSchema.nullable(),
    commissioner: z.boolean(),
    districtCode: z.string().nullable(),
    contactConsent: z.boolean(),
    contactConsentAt: Timestamp.nullable(),
    achievements: z.array(z.object({ id: z.number().int(), title: z.string() })).meta({ description: 'published achievements the expert is an inventor of' }),
    status: ExpertStatusSchema,
    version: z.number().int(),
    updatedAt: Timestamp,
    contact: z
      .object({ phone: z.string().nullable(), email: z.string().nullable() })
      .nullable()
      .meta({ description: 'phone and email, when the caller may see them' }),
    contactHidden: z
      .enum(CONTACT_HIDDEN_REASONS)
      .nullable()
      .meta({ description: 'why there is contact data the caller does not see: sign_in (members only), no_consent (the expert has not agreed)' }),
    isMe: z.boolean(),
    canEdit: z.boolean(),
  })
  .meta({ id: 'Expert', description: '专家 An expert of the pool' });
export type ExpertView = z.infer<typeof ExpertView>;

export const MyExpertView = z.object({ expert: ExpertView.nullable() });
export const ExpertListItemView = ExpertView.extend({ highlight: HighlightView }).meta({ id: 'ExpertListItem' });
export const ExpertListView = listView(ExpertListItemView, EXPERT_FACETS).meta({ id: 'ExpertList' });
