/** The registration certificate (技术合同认定登记证明) as PDF, with the link anyone can open to verify the number. */
import type { Readable } from 'node:stream';
import { pdfTableStream } from '../../platform/export/pdf.ts';
import { taxReliefs, verifyUrl } from './presenter.ts';
import type { Contract } from './schemas.ts';

const TYPE = { development: '技术开发', transfer: '技术转让', license: '技术许可', consulting: '技术咨询', service: '技术服务' } as const;
const RELIEF = {
  vat_exemption: '免征增值税（技术开发、技术转让）',
  income_tax_relief: '技术转让所得减免企业所得税（500 万元以内免征，超过部分减半）',
} as const;

export const yuan = (fen: number | null): string =>
  fen == null ? '—' : `${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

const BEIJING = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function certificatePdf(c: Contract, publicUrl: string, fontPath: string): Readable {
  const link = verifyUrl(publicUrl, c.registrationNumber!);
  async function* rows() {
    yield [
      ['登记编号', c.registrationNumber!],
      ['项目名称', c.projectName ?? ''],
      ['合同类型', c.contractType ? TYPE[c.contractType] : ''],
      ['卖方（技术方）', `${c.seller.name ?? ''}（${c.seller.uscc ?? ''}）`],
      ['买方（委托方）', `${c.buyer.name ?? ''}（${c.buyer.uscc ?? ''}）`],
      ['合同成交额（元）', yuan(c.amountFen)],
      ['技术交易额（元）', yuan(c.techAmountFen)],
      ['签订日期', c.signedOn ?? ''],
      ['有效期', `${c.validFrom ?? ''} 至 ${c.validUntil ?? ''}`],
      ['登记机构', c.stationName ?? ''],
      ['登记日期', c.registeredAt ? BEIJING.format(c.registeredAt) : ''],
      [
        '可享受的税收优惠（仅供参考）',
        taxReliefs(c)
          .map((r) => RELIEF[r])
          .join('；') || '无',
      ],
      ['核验网址', link],
    ];
  }
  return pdfTableStream(
    {
      title: '技术合同认定登记证明',
      subtitle: [`登记编号：${c.registrationNumber}`, `核验：${link}`],
      columns: [
        { header: '项目', width: 200 },
        { header: '内容', width: 570 },
      ],
      rows: rows(),
      footer: `科服通 · 技术合同认定登记 ${c.registrationNumber}　核验：${link}`,
    },
    fontPath,
  );
}
