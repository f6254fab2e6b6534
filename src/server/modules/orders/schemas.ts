/** Service orders (服务订单) as the API takes and gives them, and as the repository reads them. */
import { z } from 'zod';
import { Timestamp } from '../../platform/http/contract.ts';
import { csvList, dateText, IdParam, queryInt } from '../../platform/http/fields.ts';
import { labelled } from '../../platform/http/validation.ts';

export const ORDER_STATUSES = ['requested', 'quoted', 'confirmed', 'delivered', 'accepted', 'disputed', 'paid', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** What an order is of: a catalogue service, or the completed use of a shared instrument (its booking). */
export const ORDER_KINDS = ['service', 'instrument_booking'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];
export const ORDER_ROLES = ['buyer', 'provider'] as const;
export type OrderSide = (typeof ORDER_ROLES)[number];
export const ORDER_FILE_PURPOSES = ['contract', 'deliverable', 'payment_proof'] as const;
export type OrderFilePurpose = (typeof ORDER_FILE_PURPOSES)[number];

export const OrderStatusSchema = z.enum(ORDER_STATUSES).meta({
  id: 'OrderStatus',
  description: 'requested 待报价, quoted 已报价, confirmed 已确认, delivered 已交付, accepted 已验收, disputed 有异议, paid 已付款, cancelled 已取消',
});
export const OrderSideSchema = z.enum(ORDER_ROLES).meta({ id: 'OrderSide' });

/** What the orders module needs of a catalogue service (the services module's face `get`). */
export interface ServiceSummary {
  id: number;
  providerOrgId: number;
  title: string;
  categoryCode: string;
  restrictedKind: string | null;
  pricingMode: string;
  priceFen: number | null;
  priceMinFen: number | null;
  priceMaxFen: number | null;
  districtCode: string | null;
  status: string;
}
export interface ServiceLookup {
  get(id: number): Promise<ServiceSummary | null>;
}

/** What the orders module needs of an instrument booking (the instruments module's face `bookings.settlement`). */
export interface BookingSummary {
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
  workHours: number | null;
  amountFen: number;
}
export interface BookingLookup {
  settlement(id: number): Promise<BookingSummary | null>;
}

const L = (field: string) => `order.label.${field}`;
const text = (min: number, max: number, key: string) => z.string().trim().min(min, key).max(max);

// ------------------------------------------------------------------ requests

export const IdParams = z.object({ id: labelled(IdParam, L('id')) });
export const BookingIdParams = z.object({ id: labelled(IdParam, L('bookingId')) });
export const FileParams = z.object({ id: labelled(IdParam, L('id')), fileId: labelled(IdParam, L('fileId')) });
export const MilestoneParams = z.object({ id: labelled(IdParam, L('id')), milestoneId: labelled(IdParam, L('milestoneId')) });

export const OrderInput = z.object({
  serviceId: labelled(z.number().int().positive(), L('serviceId')),
  requirement: labelled(text(10, 5000, 'order.requirementShort'), L('requirement')),
});
export type OrderInput = z.output<typeof OrderInput>;

const fen = (label: string) => labelled(z.number().int().min(0).max(1e14), L(label));
export const QuoteInput = z.object({
  lines: labelled(
    z
      .array(
        z.object({
          name: labelled(text(1, 200, 'order.lineNameRequired'), L('lineName')),
          quantity: labelled(z.number().int().min(1).max(1_000_000), L('quantity')),
          unitFen: fen('unitFen'),
        }),
      )
      .min(1, 'order.linesRequired')
      .max(100),
    L('lines'),
  ),
  taxRate: labelled(z.number().min(0).max(1), L('taxRate')).optional(),
  taxFen: fen('taxFen'),
  note: labelled(z.string().trim().max(2000), L('note')).optional(),
  validUntil: labelled(dateText, L('validUntil')).optional(),
});
export type QuoteInput = z.output<typeof QuoteInput>;

export const ReasonInput = z.object({ reason: labelled(text(2, 1000, 'order.reasonRequired'), L('reason')) });
export const MilestoneInput = z.object({
  title: labelled(text(2, 200, 'order.milestoneTitleRequired'), L('milestoneTitle')),
  dueOn: labelled(dateText, L('dueOn')).optional(),
});
export const DeliverInput = z.object({
  note: labelled(text(2, 5000, 'order.deliveryNoteRequired'), L('deliveryNote')),
  fileIds: labelled(z.array(z.number().int().positive()).max(20), L('files')).default([]),
});
export const InvoiceInput = z.object({
  invoiceNo: labelled(
    z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z-]{8,30}$/, 'order.invoiceNoFormat'),
    L('invoiceNo'),
  ),
});
export const PaymentInput = z.object({ fileId: labelled(z.number().int().positive(), L('paymentProof')) });
export const RateInput = z.object({
  rating: labelled(z.number().int().min(1).max(5), L('rating')),
  comment: labelled(z.string().trim().max(1000), L('comment')).optional(),
});
export const MessageInput = z.object({ body: labelled(text(1, 5000, 'order.messageRequired'), L('message')) });
export const FileQuery = z.object({ purpose: labelled(z.enum(['deliverable', 'payment_proof']), L('purpose')) });

export const OrderListQuery = z.object({
  role: labelled(OrderSideSchema, L('role')).optional(),
  status: labelled(csvList(OrderStatusSchema), L('status')).optional(),
  page: labelled(queryInt(1, 10000), L('page')).default(1),
  pageSize: labelled(queryInt(1, 100), L('pageSize')).default(20),
});

// ------------------------------------------------------------------ stored shapes

export interface QuoteLine {
  name: string;
  quantity: number;
  unitFen: number;
  amountFen: number;
}
export interface Quote {
  lines: QuoteLine[];
  taxRate?: number;
  subtotalFen: number;
  taxFen: number;
  totalFen: number;
  note: string;
  validUntil?: string;
}

export interface Order {
  id: number;
  orderNo: string;
  kind: OrderKind;
  serviceId: number | null;
  bookingId: number | null;
  buyerOrgId: number;
  buyerName: string;
  providerOrgId: number;
  providerName: string;
  districtCode: string | null;
  title: string;
  categoryCode: string;
  restrictedKind: string | null;
  requirement: string;
  status: OrderStatus;
  quote: Quote | null;
  totalFen: number;
  voucherId: number | null;
  voucherFen: number;
  contractFileId: number | null;
  invoiceNo: string | null;
  paymentProofFileId: number | null;
  paidAt: Date | null;
  acceptedAt: Date | null;
  confirmedAt: Date | null;
  deliveredAt: Date | null;
  disputeReason: string | null;
  cancelReason: string | null;
  buyerRating: number | null;
  buyerComment: string | null;
  providerRating: number | null;
  providerComment: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface OrderFile {
  id: number;
  purpose: OrderFilePurpose;
  filename: string;
  contentType: string;
  size: number;
  createdAt: Date;
}
export interface Milestone {
  id: number;
  title: string;
  dueOn: string | null;
  doneAt: Date | null;
}
export interface Deliverable {
  id: number;
  round: number;
  note: string;
  fileIds: number[];
  createdAt: Date;
}
export interface OrderMessage {
  id: number;
  body: string;
  createdAt: Date;
  authorName: string | null;
  authorOrgId: number | null;
}

// ------------------------------------------------------------------ responses

const Party = z.object({ orgId: z.number().int(), name: z.string() });
const FileRef = z
  .object({ id: z.number().int(), filename: z.string(), url: z.string(), size: z.number().int(), createdAt: Timestamp })
  .meta({ id: 'OrderFile' });
const Rating = z.object({ rating: z.number().int(), comment: z.string().nullable() }).nullable();

export const QuoteView = z
  .object({
    lines: z.array(z.object({ name: z.string(), quantity: z.number().int(), unitFen: z.number().int(), amountFen: z.number().int() })),
    taxRate: z.number().optional(),
    subtotalFen: z.number().int(),
    taxFen: z.number().int(),
    totalFen: z.number().int(),
    note: z.string(),
    validUntil: z.string().optional(),
  })
  .meta({ id: 'OrderQuote', description: '报价 line items in fen; amounts and the total computed by the server' });

export const PaymentView = z
  .object({ totalFen: z.number().int(), voucherFen: z.number().int(), payableFen: z.number().int(), voucherId: z.number().int().nullable() })
  .meta({ id: 'OrderPayment', description: 'payable = total − the voucher share' });

export const OrderCanView = z
  .object({
    quote: z.boolean(),
    confirm: z.boolean(),
    cancel: z.boolean(),
    uploadContract: z.boolean(),
    addMilestone: z.boolean(),
    completeMilestone: z.boolean(),
    uploadDeliverable: z.boolean(),
    deliver: z.boolean(),
    accept: z.boolean(),
    dispute: z.boolean(),
    invoice: z.boolean(),
    uploadPaymentProof: z.boolean(),
    pay: z.boolean(),
    rate: z.boolean(),
    message: z.boolean(),
  })
  .meta({ id: 'OrderCan', description: 'the steps the caller may take now' });

export const OrderSummaryView = z
  .object({
    id: z.number().int(),
    orderNo: z.string(),
    kind: z.enum(ORDER_KINDS).meta({ id: 'OrderKind', description: 'service 服务订单, instrument_booking 仪器机时结算' }),
    serviceId: z.number().int().nullable().meta({ description: 'the catalogue service (kind service)' }),
    bookingId: z.number().int().nullable().meta({ description: 'the settled instrument booking (kind instrument_booking)' }),
    title: z.string(),
    categoryCode: z.string(),
    restrictedKind: z.string().nullable(),
    status: OrderStatusSchema,
    buyer: Party,
    provider: Party,
    districtCode: z.string().nullable(),
    payment: PaymentView,
    mySide: OrderSideSchema.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'OrderSummary' });

export const OrderView = OrderSummaryView.extend({
  requirement: z.string(),
  quote: QuoteView.nullable(),
  contract: FileRef.nullable(),
  contractPdfUrl: z.string().nullable().meta({ description: 'the contract generated from the order (once quoted)' }),
  invoiceNo: z.string().nullable(),
  paymentProof: FileRef.nullable(),
  paidAt: Timestamp.nullable(),
  acceptedAt: Timestamp.nullable(),
  confirmedAt: Timestamp.nullable(),
  deliveredAt: Timestamp.nullable(),
  disputeReason: z.string().nullable(),
  cancelReason: z.string().nullable(),
  ratings: z.object({ byBuyer: Rating, byProvider: Rating }),
  milestones: z.array(z.object({ id: z.number().int(), title: z.string(), dueOn: z.string().nullable(), doneAt: Timestamp.nullable() })),
  deliverables: z.array(z.object({ id: z.number().int(), round: z.number().int(), note: z.string(), files: z.array(FileRef), createdAt: Timestamp })),
  files: z.array(FileRef.extend({ purpose: z.enum(ORDER_FILE_PURPOSES) })),
  can: OrderCanView,
  version: z.number().int(),
}).meta({ id: 'Order', description: '服务订单 A service order' });

export const OrderListView = z
  .object({ items: z.array(OrderSummaryView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'OrderList' });

export const OrderMessagesView = z
  .object({
    items: z.array(
      z.object({ id: z.number().int(), body: z.string(), createdAt: Timestamp, authorName: z.string().nullable(), side: OrderSideSchema.nullable() }),
    ),
  })
  .meta({ id: 'OrderMessages' });

export const OrderFileView = FileRef.extend({ purpose: z.enum(ORDER_FILE_PURPOSES) }).meta({ id: 'OrderFileUploaded' });

export const OrderHistoryView = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        action: z.string(),
        actorId: z.number().int().nullable(),
        actorName: z.string().nullable(),
        at: Timestamp,
        before: z.record(z.string(), z.unknown()).nullable(),
        after: z.record(z.string(), z.unknown()).nullable(),
        changedFields: z.array(z.string()),
      }),
    ),
    total: z.number().int(),
  })
  .meta({ id: 'OrderHistory' });
