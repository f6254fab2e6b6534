/** The checkout as the API takes and gives it. */
import { z } from 'zod';
import { labelled as l } from '../../../platform/http/validation.ts';
import { VoucherView } from '../schemas.ts';

export const ApplyVoucherInput = z.object({
  voucherId: l(z.number().int().positive(), 'voucher.label.voucherId'),
  shareFen: l(z.number().int().positive().max(1e14), 'voucher.label.shareFen').optional(),
});

export const VoucherOptionsView = z
  .object({
    orderId: z.number().int(),
    totalFen: z.number().int(),
    applied: z.object({ voucherId: z.number().int(), voucherFen: z.number().int(), payableFen: z.number().int() }).nullable(),
    options: z.array(
      z.object({
        voucher: VoucherView,
        usable: z.boolean(),
        reason: z.string().nullable().meta({ description: 'why this voucher cannot pay this order, in the caller’s language' }),
        shareFen: z.number().int().meta({ description: 'the most it may pay of this order' }),
        payableFen: z.number().int().meta({ description: 'what the buyer pays besides' }),
      }),
    ),
  })
  .meta({ id: 'VoucherCheckout' });
