/** Deals (技术交易洽谈) as the API takes and gives them. */
import { z } from 'zod';
import { labelled } from '../../../platform/http/validation.ts';
import { Timestamp } from '../../../platform/http/contract.ts';
import {
  csvQuery,
  DEAL_KINDS,
  DEAL_SIDES,
  DEAL_STATUSES,
  DealStatusSchema,
  ListingKindSchema,
  pageFields,
  type DealKind,
  type DealStatus,
} from '../schemas.ts';

const L = (field: string) => `deal.label.${field}`;
const message = () => z.string().trim().min(2, 'deal.messageRequired').max(5000);

export const DealInput = z
  .object({
    achievementId: labelled(z.number().int().positive(), L('achievementId')).optional(),
    demandId: labelled(z.number().int().positive(), L('demandId')).optional(),
    message: labelled(message(), L('message')),
  })
  .refine((d) => (d.achievementId == null) !== (d.demandId == null), { message: 'deal.subjectRequired', path: ['achievementId'] });
export type DealInput = z.output<typeof DealInput>;
export const DealMessageInput = z.object({ body: labelled(message(), L('message')) });
export const WithdrawInput = z.object({ reason: labelled(z.string().trim().min(2, 'deal.reasonRequired').max(500), L('reason')) });
export const DealListQuery = z.object({ status: csvQuery(DealStatusSchema, L('status'), DEAL_STATUSES), ...pageFields() });

// ------------------------------------------------------------------ responses

/** A deal as stored, with the names of its subject and its two organizations (what the repository reads). */
export interface Deal {
  id: number;
  kind: DealKind;
  achievementId: number | null;
  demandId: number | null;
  subjectTitle: string;
  initiatorOrgId: number;
  initiatorName: string;
  counterpartOrgId: number;
  counterpartName: string;
  status: DealStatus;
  agreedByInitiator: boolean;
  agreedByCounterpart: boolean;
  withdrawnReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastMessageAt: Date | null;
}

export interface DealMessage {
  id: number;
  body: string;
  createdAt: Date;
  authorName: string | null;
  orgName: string | null;
  authorOrgId: number | null;
}

const Side = z.enum(DEAL_SIDES);
const Party = z.object({ orgId: z.number().int(), name: z.string() });

export const DealView = z
  .object({
    id: z.number().int(),
    kind: z.enum(DEAL_KINDS).meta({ description: 'inquiry 成果咨询 (on an achievement), offer 需求方案 (on a demand)' }),
    subject: z.object({ kind: ListingKindSchema, id: z.number().int(), title: z.string() }),
    initiator: Party,
    counterpart: Party,
    status: DealStatusSchema,
    agreedByInitiator: z.boolean(),
    agreedByCounterpart: z.boolean(),
    withdrawnReason: z.string().nullable(),
    mySide: Side.nullable().meta({ description: 'the side the caller speaks for; null for the city admin, who reads only' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    lastMessageAt: Timestamp.nullable(),
  })
  .meta({ id: 'Deal', description: '技术交易洽谈 A deal between two organizations' });

export const DealMessageView = z
  .object({ id: z.number().int(), body: z.string(), createdAt: Timestamp, authorName: z.string().nullable(), orgName: z.string().nullable(), side: Side })
  .meta({ id: 'DealMessage' });

export const DealWithMessagesView = DealView.extend({ messages: z.array(DealMessageView) }).meta({ id: 'DealWithMessages' });
export const DealListView = z
  .object({ items: z.array(DealView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'DealList' });
