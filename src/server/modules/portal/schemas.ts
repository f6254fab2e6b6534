/** 通知公告 as the API takes and gives them. */
import { z } from 'zod';
import { Timestamp } from '../../platform/http/contract.ts';
import { IdParam } from '../../platform/http/fields.ts';
import { labelled as l } from '../../platform/http/validation.ts';
import { queryInt } from '../../platform/http/fields.ts';

const L = (f: string) => `notice.label.${f}`;

const title = l(z.string().trim().min(2, 'notice.titleLength').max(100, 'notice.titleLength'), L('title'));
const body = l(z.string().trim().min(1, 'notice.bodyRequired').max(5000, 'notice.bodyLength'), L('body'));
/** a page of this platform (/instruments, /voucher-notices …): a notice points into the portal, not elsewhere */
const link = l(
  z
    .string()
    .trim()
    .max(300)
    .regex(/^\/[^/\s][^\s]*$/, 'notice.linkFormat'),
  L('link'),
);

export const NoticeInput = z.object({ title, body, link: link.nullable().optional() });
export type NoticeInput = z.output<typeof NoticeInput>;

export const NoticePatch = z.object({
  title: title.optional(),
  body: body.optional(),
  link: link.nullable().optional(),
  version: l(z.number().int().positive(), L('version')),
});
export type NoticePatch = z.output<typeof NoticePatch>;

export const NoticeListQuery = z.object({
  district: l(z.string().regex(/^[0-9]{6}$/, 'notice.districtFormat'), L('district')).optional(),
  page: l(queryInt(1, 10000), L('page')).default(1),
  pageSize: l(queryInt(1, 50), L('pageSize')).default(10),
});
export type NoticeListQuery = z.output<typeof NoticeListQuery>;

export const IdParams = z.object({ id: IdParam });

export const NoticeView = z
  .object({
    id: z.number().int(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    districtCode: z.string().nullable().meta({ description: 'the posting district office; null for the city office' }),
    publishedAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
    can: z.object({ edit: z.boolean() }).meta({ description: 'what the caller may do with it' }),
  })
  .meta({ id: 'Notice' });
export type NoticeView = z.infer<typeof NoticeView>;

export const NoticeList = z.object({ items: z.array(NoticeView), total: z.number().int() });
