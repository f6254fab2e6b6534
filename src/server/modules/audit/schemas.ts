/** The audit trail as the API gives it. GET /api/v1/audit is checked from outside: keep its name and `type`. */
import { z } from 'zod';
import { labelled } from '../../platform/http/validation.ts';
import { Timestamp } from '../../platform/http/contract.ts';

const L = (k: string) => `audit.label.${k}`;
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;

const typeList = z
  .string()
  .trim()
  .max(500)
  .regex(/^[a-z_.,]+$/)
  .transform((v) => v.split(',').filter(Boolean));

export const AuditQuery = z.object({
  /** one type or several, comma-separated: auth.login_failed,auth.locked */
  type: labelled(typeList, L('type')).optional(),
  /** every type that starts with it: auth. */
  typePrefix: labelled(
    z
      .string()
      .trim()
      .regex(/^[a-z_.]{1,40}$/),
    L('typePrefix'),
  ).optional(),
  outcome: labelled(z.enum(AUDIT_OUTCOMES), L('outcome')).optional(),
  /** the actor's username */
  actor: labelled(z.string().trim().toLowerCase().max(64), L('actor')).optional(),
  subjectType: labelled(
    z
      .string()
      .trim()
      .regex(/^[a-z_]{1,40}$/),
    L('subjectType'),
  ).optional(),
  subjectId: labelled(z.string().trim().max(64), L('subjectId')).optional(),
  districtCode: labelled(z.string().regex(/^\d{6}$/), L('districtCode')).optional(),
  from: labelled(z.iso.date(), L('from')).optional(),
  to: labelled(z.iso.date(), L('to')).optional(),
  page: labelled(z.coerce.number().int().min(1).max(100000), L('page')).default(1),
  pageSize: labelled(z.coerce.number().int().min(1).max(200), L('pageSize')).default(50),
});

export const AuditExportQuery = AuditQuery.omit({ page: true, pageSize: true });

export const AuditEntryView = z
  .object({
    id: z.number().int(),
    at: Timestamp,
    type: z.string(),
    /** the type's name in the caller's language */
    typeLabel: z.string(),
    outcome: z.enum(AUDIT_OUTCOMES),
    actorId: z.number().int().nullable(),
    actorName: z.string().nullable(),
    actorRole: z.string().nullable(),
    districtCode: z.string().nullable(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    requestId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const AuditPage = z.object({ total: z.number().int(), items: z.array(AuditEntryView) });

export const AuditTypesView = z.object({ items: z.array(z.object({ type: z.string(), label: z.string() })) });

export const ChainReportView = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstId: z.number().int().nullable(),
  lastId: z.number().int().nullable(),
  broken: z.object({ id: z.number().int(), reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'gap', 'bad_anchor']) }).nullable(),
});
