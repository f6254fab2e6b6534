/** SQL on orders and their files, milestones, deliverables and messages; the organizations' names through the directory's fragment. */
import type { Queryable } from '../../platform/db/database.ts';
import { sql, type Sql } from '../../platform/db/sql.ts';
import { orgJoin } from '../directory/index.ts';
import { userJoin } from '../auth/index.ts';
import type { Deliverable, Milestone, Order, OrderFile, OrderFilePurpose, OrderMessage, OrderSide, OrderStatus, Quote } from './schemas.ts';

// biome-ignore lint/suspicious/noExplicitAny: a row of orders as the driver gives it
type Row = Record<string, any>;

const SELECT = sql`SELECT x.*, bo.name AS buyer_name, po.name AS provider_name FROM orders x
  ${orgJoin('bo', sql.raw('x.buyer_org_id'))} ${orgJoin('po', sql.raw('x.provider_org_id'))}`;

const n = (v: unknown) => (v == null ? null : Number(v));

function toOrder(r: Row): Order {
  return {
    id: Number(r.id),
    orderNo: r.order_no,
    kind: r.kind,
    serviceId: n(r.service_id),
    bookingId: n(r.booking_id),
    buyerOrgId: Number(r.buyer_org_id),
    buyerName: r.buyer_name,
    providerOrgId: Number(r.provider_org_id),
    providerName: r.provider_name,
    districtCode: r.district_code,
    title: r.title,
    categoryCode: r.category_code,
    restrictedKind: r.restricted_kind,
    requirement: r.requirement,
    status: r.status,
    quote: r.quote ?? null,
    totalFen: Number(r.total_fen),
    voucherId: n(r.voucher_id),
    voucherFen: Number(r.voucher_fen),
    contractFileId: n(r.contract_file_id),
    invoiceNo: r.invoice_no,
    paymentProofFileId: n(r.payment_proof_file_id),
    paidAt: r.paid_at,
    acceptedAt: r.accepted_at,
    confirmedAt: r.confirmed_at,
    deliveredAt: r.delivered_at,
    disputeReason: r.dispute_reason,
    cancelReason: r.cancel_reason,
    buyerRating: n(r.buyer_rating),
    buyerComment: r.buyer_comment,
    providerRating: n(r.provider_rating),
    providerComment: r.provider_comment,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

/** the columns a step may set */
export interface OrderChange {
  status?: OrderStatus;
  quote?: Quote;
  totalFen?: number;
  contractFileId?: number;
  invoiceNo?: string;
  paymentProofFileId?: number;
  paidAt?: true;
  acceptedAt?: true;
  confirmedAt?: true;
  deliveredAt?: true;
  disputeReason?: string | null;
  cancelReason?: string;
  buyerRating?: { rating: number; comment: string | null };
  providerRating?: { rating: number; comment: string | null };
  voucher?: { voucherId: number | null; voucherFen: number };
}

export class OrderRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): OrderRepository {
    return new OrderRepository(tx);
  }

  /** The next number of the Beijing day: FW20261201-000123. */
  async nextOrderNo(day: string): Promise<string> {
    const { rows } = await this.db.query<{ last: number }>(sql`
      INSERT INTO order_numbers (day, last) VALUES (${day}::date, 1)
      ON CONFLICT (day) DO UPDATE SET last = order_numbers.last + 1 RETURNING last`);
    return `FW${day.replaceAll('-', '')}-${String(rows[0].last).padStart(6, '0')}`;
  }

  async insert(o: {
    orderNo: string;
    serviceId: number;
    buyerOrgId: number;
    providerOrgId: number;
    districtCode: string | null;
    title: string;
    categoryCode: string;
    restrictedKind: string | null;
    requirement: string;
    createdBy: number | null;
  }): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO orders (order_no, service_id, buyer_org_id, provider_org_id, district_code, title, category_code, restricted_kind, requirement, created_by)
      VALUES (${o.orderNo}, ${o.serviceId}, ${o.buyerOrgId}, ${o.providerOrgId}, ${o.districtCode}, ${o.title}, ${o.categoryCode},
              ${o.restrictedKind}, ${o.requirement}, ${o.createdBy}) RETURNING id`);
    return Number(rows[0].id);
  }

  /**
   * An order settling a completed instrument booking: the price is the booking's, so it starts accepted (the
   * use is the delivery) with its one quote line; the unique index on booking_id makes a second one "no row".
   */
  async insertForBooking(o: {
    orderNo: string;
    bookingId: number;
    buyerOrgId: number;
    providerOrgId: number;
    districtCode: string | null;
    title: string;
    categoryCode: string;
    requirement: string;
    quote: Quote;
    deliveredAt: Date;
    createdBy: number | null;
  }): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO orders (order_no, kind, booking_id, buyer_org_id, provider_org_id, district_code, title, category_code, requirement,
                          status, quote, total_fen, confirmed_at, delivered_at, accepted_at, created_by)
      VALUES (${o.orderNo}, 'instrument_booking', ${o.bookingId}, ${o.buyerOrgId}, ${o.providerOrgId}, ${o.districtCode}, ${o.title},
              ${o.categoryCode}, ${o.requirement}, 'accepted', ${JSON.stringify(o.quote)}::jsonb, ${o.quote.totalFen},
              ${o.deliveredAt}, ${o.deliveredAt}, now(), ${o.createdBy})
      ON CONFLICT (booking_id) WHERE booking_id IS NOT NULL DO NOTHING RETURNING id`);
    return rows[0] ? Number(rows[0].id) : null;
  }

  /** The order that settles a booking, if one was opened. */
  async findByBooking(bookingId: number): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>(sql`SELECT id FROM orders WHERE booking_id = ${bookingId}`);
    return rows[0] ? Number(rows[0].id) : null;
  }

  async find(id: number, lock = false): Promise<Order | null> {
    const { rows } = await this.db.query<Row>(sql`${SELECT} WHERE x.id = ${id} ${lock ? sql`FOR UPDATE OF x` : sql``}`);
    return rows[0] ? toOrder(rows[0]) : null;
  }

  async update(id: number, c: OrderChange): Promise<void> {
    const sets: Sql[] = [sql`updated_at = now()`, sql`version = version + 1`];
    if (c.status) sets.push(sql`status = ${c.status}`);
    if (c.quote) sets.push(sql`quote = ${JSON.stringify(c.quote)}::jsonb`);
    if (c.totalFen != null) sets.push(sql`total_fen = ${c.totalFen}`);
    if (c.contractFileId != null) sets.push(sql`contract_file_id = ${c.contractFileId}`);
    if (c.invoiceNo != null) sets.push(sql`invoice_no = ${c.invoiceNo}`);
    if (c.paymentProofFileId != null) sets.push(sql`payment_proof_file_id = ${c.paymentProofFileId}`);
    if (c.paidAt) sets.push(sql`paid_at = now()`);
    if (c.acceptedAt) sets.push(sql`accepted_at = now()`);
    if (c.confirmedAt) sets.push(sql`confirmed_at = now()`);
    if (c.deliveredAt) sets.push(sql`delivered_at = now()`);
    if (c.disputeReason !== undefined) sets.push(sql`dispute_reason = ${c.disputeReason}`);
    if (c.cancelReason != null) sets.push(sql`cancel_reason = ${c.cancelReason}`);
    if (c.buyerRating) sets.push(sql`buyer_rating = ${c.buyerRating.rating}, buyer_comment = ${c.buyerRating.comment}`);
    if (c.providerRating) sets.push(sql`provider_rating = ${c.providerRating.rating}, provider_comment = ${c.providerRating.comment}`);
    if (c.voucher) sets.push(sql`voucher_id = ${c.voucher.voucherId}, voucher_fen = ${c.voucher.voucherFen}`);
    await this.db.query(sql`UPDATE orders SET ${sql.join(sets)} WHERE id = ${id}`);
  }

  async list(
    scope: { all: true } | { districtCode: string } | { orgId: number; role?: OrderSide },
    statuses: OrderStatus[] | undefined,
    page: number,
    pageSize: number,
  ): Promise<{ items: Order[]; total: number }> {
    const where: Sql[] = [];
    if ('districtCode' in scope) where.push(sql`x.district_code = ${scope.districtCode}`);
    if ('orgId' in scope) {
      if (scope.role === 'buyer') where.push(sql`x.buyer_org_id = ${scope.orgId}`);
      else if (scope.role === 'provider') where.push(sql`x.provider_org_id = ${scope.orgId}`);
      else where.push(sql`(x.buyer_org_id = ${scope.orgId} OR x.provider_org_id = ${scope.orgId})`);
    }
    if (statuses?.length) where.push(sql`x.status = ANY(${statuses}::text[])`);
    const [items, count] = await Promise.all([
      this.db.query<Row>(sql`${SELECT} ${sql.where(where)} ORDER BY x.updated_at DESC, x.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
      this.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM orders x ${sql.where(where)}`),
    ]);
    return { items: items.rows.map(toOrder), total: count.rows[0].n };
  }

  // ---------------------------------------------------------------- files

  async insertFile(
    orderId: number,
    purpose: OrderFilePurpose,
    f: { filename: string; contentType: string; content: Buffer },
    by: number | null,
  ): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(sql`
      INSERT INTO order_files (order_id, purpose, filename, content_type, size, content, uploaded_by)
      VALUES (${orderId}, ${purpose}, ${f.filename}, ${f.contentType}, ${f.content.length}, ${f.content}, ${by}) RETURNING id`);
    return Number(rows[0].id);
  }

  async files(orderId: number): Promise<OrderFile[]> {
    const { rows } = await this.db.query<Row>(
      sql`SELECT id, purpose, filename, content_type, size, created_at FROM order_files WHERE order_id = ${orderId} ORDER BY id`,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      purpose: r.purpose,
      filename: r.filename,
      contentType: r.content_type,
      size: Number(r.size),
      createdAt: r.created_at,
    }));
  }

  async fileContent(orderId: number, fileId: number): Promise<{ filename: string; contentType: string; content: Buffer } | null> {
    const { rows } = await this.db.query<Row>(sql`SELECT filename, content_type, content FROM order_files WHERE id = ${fileId} AND order_id = ${orderId}`);
    return rows[0] ? { filename: rows[0].filename, contentType: rows[0].content_type, content: Buffer.from(rows[0].content) } : null;
  }

  // ---------------------------------------------------------------- milestones, deliverables, messages

  async milestones(orderId: number): Promise<Milestone[]> {
    const { rows } = await this.db.query<Row>(
      sql`SELECT id, title, to_char(due_on, 'YYYY-MM-DD') AS due_on, done_at FROM order_milestones WHERE order_id = ${orderId} ORDER BY due_on NULLS LAST, id`,
    );
    return rows.map((r) => ({ id: Number(r.id), title: r.title, dueOn: r.due_on, doneAt: r.done_at }));
  }

  async addMilestone(orderId: number, m: { title: string; dueOn?: string }): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(
      sql`INSERT INTO order_milestones (order_id, title, due_on) VALUES (${orderId}, ${m.title}, ${m.dueOn ?? null}::date) RETURNING id`,
    );
    return Number(rows[0].id);
  }

  /** Marks the milestone done; false when it is not the order's or already done. */
  async completeMilestone(orderId: number, milestoneId: number): Promise<'done' | 'already' | 'missing'> {
    const { rows } = await this.db.query<{ done_at: Date | null }>(
      sql`SELECT done_at FROM order_milestones WHERE id = ${milestoneId} AND order_id = ${orderId} FOR UPDATE`,
    );
    if (!rows[0]) return 'missing';
    if (rows[0].done_at) return 'already';
    await this.db.query(sql`UPDATE order_milestones SET done_at = now() WHERE id = ${milestoneId}`);
    return 'done';
  }

  async deliverables(orderId: number): Promise<Deliverable[]> {
    const { rows } = await this.db.query<Row>(
      sql`SELECT id, round, note, file_ids, created_at FROM order_deliverables WHERE order_id = ${orderId} ORDER BY round`,
    );
    return rows.map((r) => ({ id: Number(r.id), round: Number(r.round), note: r.note, fileIds: (r.file_ids ?? []).map(Number), createdAt: r.created_at }));
  }

  async addDeliverable(orderId: number, d: { note: string; fileIds: number[] }, by: number | null): Promise<number> {
    const { rows } = await this.db.query<{ round: number }>(sql`
      INSERT INTO order_deliverables (order_id, round, note, file_ids, created_by)
      VALUES (${orderId}, (SELECT coalesce(max(round), 0) + 1 FROM order_deliverables WHERE order_id = ${orderId}), ${d.note}, ${d.fileIds}::bigint[], ${by})
      RETURNING round`);
    return Number(rows[0].round);
  }

  async messages(orderId: number): Promise<OrderMessage[]> {
    const { rows } = await this.db.query<Row>(sql`
      SELECT m.id, m.body, m.created_at, u.display_name AS author_name, m.author_org_id
      FROM order_messages m ${userJoin('u', sql.raw('m.author_id'), 'LEFT JOIN')} WHERE m.order_id = ${orderId} ORDER BY m.id`);
    return rows.map((m) => ({ id: Number(m.id), body: m.body, createdAt: m.created_at, authorName: m.author_name, authorOrgId: n(m.author_org_id) }));
  }

  async addMessage(orderId: number, m: { authorId: number | null; authorOrgId: number | null; body: string }): Promise<void> {
    await this.db.query(
      sql`INSERT INTO order_messages (order_id, author_id, author_org_id, body) VALUES (${orderId}, ${m.authorId}, ${m.authorOrgId}, ${m.body})`,
    );
    await this.db.query(sql`UPDATE orders SET updated_at = now() WHERE id = ${orderId}`);
  }
}
