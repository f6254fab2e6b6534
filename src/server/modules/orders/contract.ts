/** The contract generated from an order (技术服务合同), in Chinese, with the quote's lines in 元. */
import type { Readable } from 'node:stream';
import { pdfTableStream } from '../../platform/export/pdf.ts';
import type { Order } from './schemas.ts';

/** 12345 fen → "123.45" (with thousands separators). */
export const yuan = (fen: number): string =>
  `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100).toLocaleString('en-US')}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

const BEIJING = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function contractPdf(o: Order, fontPath: string): Readable {
  const q = o.quote!;
  async function* rows() {
    const lines = q.lines.map((l, i) => [String(i + 1), l.name, String(l.quantity), yuan(l.unitFen), yuan(l.amountFen)]);
    lines.push(['', '小计', '', '', yuan(q.subtotalFen)]);
    lines.push(['', q.taxRate != null ? `税额（税率 ${Math.round(q.taxRate * 10000) / 100}%）` : '税额', '', '', yuan(q.taxFen)]);
    lines.push(['', '合同总金额', '', '', yuan(q.totalFen)]);
    yield lines;
  }
  return pdfTableStream(
    {
      title: `技术服务合同（${o.orderNo}）`,
      subtitle: [
        `委托方（甲方）：${o.buyerName}　　受托方（乙方）：${o.providerName}`,
        `服务项目：${o.title}`,
        `服务需求：${o.requirement.replace(/\s+/g, ' ').slice(0, 300)}`,
        `${q.note ? `报价说明：${q.note}　　` : ''}${q.validUntil ? `报价有效期至：${q.validUntil}　　` : ''}订单确认日期：${o.confirmedAt ? BEIJING.format(o.confirmedAt) : '待确认'}（北京时间）`,
      ],
      columns: [
        { header: '序号', width: 40 },
        { header: '服务内容', width: 380 },
        { header: '数量', width: 80 },
        { header: '单价（元）', width: 130 },
        { header: '金额（元）', width: 140 },
      ],
      rows: rows(),
      footer: `科服通 · 服务订单 ${o.orderNo}　甲方（盖章）：__________　乙方（盖章）：__________`,
    },
    fontPath,
  );
}
