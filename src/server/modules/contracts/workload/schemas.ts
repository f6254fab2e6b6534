/** A station's workload and time to decision (issue 12 point 6), as the API takes and gives it. */
import { z } from 'zod';
import { dateText } from '../../../platform/http/fields.ts';
import { labelled } from '../../../platform/http/validation.ts';

const L = (field: string) => `contract.workload.label.${field}`;

/** The period: its first and last (Beijing) day; both default in the service (1 January of this year to today). */
export const WorkloadQuery = z
  .object({
    from: labelled(dateText, L('from')).optional(),
    to: labelled(dateText, L('to')).optional(),
  })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { message: 'contract.workload.periodOrder', path: ['to'] });
export type WorkloadQuery = z.output<typeof WorkloadQuery>;

const Figures = {
  /** contracts whose (last) submission falls in the period, by their state now */
  byStatus: z.record(z.string(), z.number().int()),
  received: z.number().int(),
  /** now, whatever the period: on the clock (submitted, accepted, under review, expert review), and of those past their deadline */
  open: z.number().int(),
  overdue: z.number().int(),
  /** decided (registered or rejected) in the period */
  decided: z.number().int(),
  registered: z.number().int(),
  rejected: z.number().int(),
  /** working days from the (last) submission — the clock's start — to the decision; nearest rank; null without decisions */
  medianDays: z.number().int().nullable(),
  p90Days: z.number().int().nullable(),
};

export const WorkloadView = z
  .object({
    from: z.string(),
    to: z.string(),
    today: z.string(),
    stations: z.array(
      z.object({
        station: z.object({ id: z.number().int(), code: z.string(), name: z.string(), districtCode: z.string().nullable() }),
        ...Figures,
      }),
    ),
    total: z.object(Figures),
  })
  .meta({ id: 'ContractWorkload', description: '登记站工作量与办理时长 A station’s workload and time to decision over a period' });
export type WorkloadView = z.output<typeof WorkloadView>;
