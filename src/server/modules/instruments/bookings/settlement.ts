/**
 * What a booking's settlement needs (the orders module's face asks for it, wired in app.ts): an instrument hour
 * is paid — and a voucher claimed — through the same payment record as a service, so the orders module opens
 * an order of kind instrument_booking from this summary. Only a completed use by another organization is
 * billed: the owner's own members pay nothing across organizations.
 */
import type { BookingRow } from './repository.ts';
import { workHours } from './rules.ts';

export interface BookingSettlement {
  id: number;
  instrumentId: number;
  instrumentName: string;
  ownerOrgId: number;
  userId: number;
  userOrgId: number | null;
  districtCode: string | null;
  status: string;
  external: boolean;
  purpose: string;
  start: Date;
  end: Date;
  actualStart: Date | null;
  actualEnd: Date | null;
  quantity: number;
  unit: string;
  /** actual use in hours, once recorded */
  workHours: number | null;
  /** the price fixed at confirmation (the estimate when none was fixed) */
  amountFen: number;
}

export const settlementOf = (b: BookingRow): BookingSettlement => ({
  id: b.id,
  instrumentId: b.instrumentId,
  instrumentName: b.instrumentName,
  ownerOrgId: b.ownerOrgId,
  userId: b.userId,
  userOrgId: b.userOrgId,
  districtCode: b.districtCode,
  status: b.status,
  external: b.external,
  purpose: b.purpose,
  start: b.start,
  end: b.end,
  actualStart: b.actualStart,
  actualEnd: b.actualEnd,
  quantity: b.quantity,
  unit: b.priceUnit,
  workHours: workHours(b),
  amountFen: Number(b.priceFen ?? b.estimatedFen),
});
