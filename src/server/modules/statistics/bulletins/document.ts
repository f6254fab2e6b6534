/**
 * A published version as files, rendered once at publication and kept with it (bulletin_versions.pdf/.xlsx), so a
 * download is the document as issued, byte for byte, whatever the indicators or this code do later.
 *
 * The PDF: the title, number and date, the lead and the sections, the figures as a table, and a bar chart of each
 * figure's progress to its target drawn with pdfkit's vector drawing (no chart library, no raster image). Chinese
 * first: a bulletin is an official document (its English is the web page's). The xlsx: the figures as numbers.
 */
import { createRequire } from 'node:module';
import type PDFKit from 'pdfkit';
import { excelJS } from '../../../platform/export/exceljs.ts';
import { pdfTableRow } from '../../../platform/export/pdf.ts';
import { grouped, METHOD_ZH, STATUS_ZH, UNIT_ZH } from './figures.ts';
import { periodLabel } from './numbering.ts';
import type { Section } from './repository.ts';
import type { BulletinFigure } from './schemas.ts';

const _require = createRequire(import.meta.url);

export interface IssuedVersion {
  number: string;
  issuer: string;
  title: string;
  period: string;
  lead: string;
  sections: Section[];
  figures: BulletinFigure[];
  version: number;
  correctionNote: string | null;
  publishedAt: Date;
}

const BEIJING = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
const STATUS_COLOUR: Record<string, string> = {
  achieved: '#389e0d',
  on_track: '#1677ff',
  behind: '#d48806',
  missed: '#cf1322',
  unknown: '#8c8c8c',
  no_value: '#bfbfbf',
};

export const issuedOn = (d: Date): string => BEIJING.format(d);

export function bulletinPdf(v: IssuedVersion, fontPath: string): Promise<Buffer> {
  // loaded at the first publication, not at start (as platform/export/pdf.ts does)
  const PDFDocument = _require('pdfkit') as typeof PDFKit;
  const doc = new PDFDocument({ size: 'A4', margin: 56, bufferPages: true, info: { Title: v.title, Subject: v.number, Creator: '科服通 Kefutong' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', fontPath);
  doc.font('cjk');
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 24;
  const room = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };

  doc.fontSize(11).fillColor('#cf1322').text(v.issuer, { align: 'center' });
  doc.moveDown(0.3).fontSize(10).fillColor('#000').text(v.number, { align: 'center' });
  doc
    .moveTo(left, doc.y + 6)
    .lineTo(left + width, doc.y + 6)
    .lineWidth(1)
    .strokeColor('#cf1322')
    .stroke();
  doc.moveDown(1.2).fontSize(18).fillColor('#000').text(v.title, { align: 'center' });
  doc
    .moveDown(0.3)
    .fontSize(10)
    .fillColor('#555')
    .text(`统计期：${periodLabel(v.period)}　发布日期：${issuedOn(v.publishedAt)}${v.version > 1 ? `　第 ${v.version} 版（更正）` : ''}`, { align: 'center' });
  doc.fillColor('#000').moveDown(0.8);
  if (v.correctionNote) {
    doc.fontSize(10).fillColor('#cf1322').text(`更正说明：${v.correctionNote}`, { width });
    doc.fillColor('#000').moveDown(0.6);
  }
  if (v.lead) doc.fontSize(11).text(v.lead, { width, indent: 22, lineGap: 3 }).moveDown(0.6);
  v.sections.forEach((s, i) => {
    room(40);
    doc.fontSize(12).text(`${'一二三四五六七八九十'[i] ?? i + 1}、${s.heading}`, left, doc.y, { width });
    doc.moveDown(0.2).fontSize(11).text(s.body, { width, indent: 22, lineGap: 3 }).moveDown(0.6);
  });

  // the figures: a table
  room(60);
  doc.fontSize(12).text('主要指标', left, doc.y, { width });
  doc.moveDown(0.3);
  const columns = [
    { header: '指标', width: 140 },
    { header: '数值', width: 100 },
    { header: '统计期', width: 45 },
    { header: '来源方式', width: 50 },
    { header: '目标', width: 100 },
    { header: '进度', width: 48 },
  ];
  const header = () => {
    const y = doc.y;
    doc
      .rect(left, y - 2, width, 16)
      .fill('#eef2f7')
      .fillColor('#000')
      .fontSize(9);
    let x = left;
    for (const c of columns) {
      doc.text(c.header, x + 3, y + 1, { width: c.width - 6, lineBreak: false });
      x += c.width;
    }
    doc.y = y + 18;
  };
  header();
  for (const f of v.figures) {
    const unit = UNIT_ZH[f.unit];
    const cells = [
      f.nameZh,
      f.value === null ? '暂无数据' : `${grouped(f.value)} ${unit}`,
      f.period ?? '—',
      METHOD_ZH[f.method],
      f.target ? `${f.target.year}年 ${grouped(f.target.value)} ${unit}` : '—',
      f.target?.percent != null ? `${f.target.percent}%` : '—',
    ];
    pdfTableRow(doc, cells, { widths: columns.map((c) => c.width), left, fontSize: 9, minHeight: 14, bottom: bottom(), newPage: header });
  }

  // the chart: each figure's progress to its target as a horizontal bar (100% marked), coloured by status
  const charted = v.figures.filter((f) => f.target);
  if (charted.length) {
    doc.moveDown(1);
    room(50);
    doc.fontSize(12).fillColor('#000').text('目标完成进度', left, doc.y, { width });
    doc.moveDown(0.4);
    const labelWidth = 170;
    const barLeft = left + labelWidth;
    const barWidth = width - labelWidth - 72;
    const scaleMax = Math.max(100, ...charted.map((f) => Math.min(200, f.target?.percent ?? 0)));
    for (const f of charted) {
      room(22);
      const y = doc.y;
      const pct = Math.max(0, Math.min(scaleMax, f.target?.percent ?? 0));
      doc
        .fontSize(8)
        .fillColor('#000')
        .text(f.nameZh, left, y + 2, { width: labelWidth - 8, height: 18, ellipsis: true });
      doc.rect(barLeft, y + 2, barWidth, 10).fill('#f0f0f0');
      if (pct > 0) doc.rect(barLeft, y + 2, (barWidth * pct) / scaleMax, 10).fill(STATUS_COLOUR[f.target!.status] ?? '#1677ff');
      const full = barLeft + (barWidth * 100) / scaleMax;
      doc
        .moveTo(full, y)
        .lineTo(full, y + 14)
        .lineWidth(0.8)
        .strokeColor('#000')
        .stroke();
      const label = f.target?.percent != null ? `${f.target.percent}% ${STATUS_ZH[f.target.status]}` : STATUS_ZH[f.target!.status];
      doc
        .fontSize(8)
        .fillColor('#000')
        .text(label, barLeft + barWidth + 6, y + 2, { width: 66, lineBreak: false });
      doc.y = y + 20;
    }
    doc.fontSize(8).fillColor('#777').text(`竖线为目标（100%）；进度按各指标最近一期数值计算。`, left, doc.y, { width });
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor('#777')
      .text(
        `${v.number}${v.version > 1 ? `（第 ${v.version} 版）` : ''}　科服通 · 统计信息发布　第 ${i + 1} / ${range.count} 页`,
        left,
        doc.page.height - margin + 20,
        {
          width,
          align: 'center',
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}

/** The figures as a workbook: numbers as numbers, Chinese headers with the English beside them. */
export async function bulletinXlsx(v: IssuedVersion): Promise<Buffer> {
  const wb = new (excelJS().Workbook)();
  wb.creator = '科服通 Kefutong';
  wb.created = v.publishedAt;
  const ws = wb.addWorksheet('指标数据', { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.columns = [36, 16, 10, 10, 12, 12, 10, 18, 10, 10, 20].map((width) => ({ width }));
  ws.addRow([v.title]).font = { bold: true, size: 13 };
  ws.addRow([
    `${v.number}　统计期 ${periodLabel(v.period)}　发布日期 ${issuedOn(v.publishedAt)}${v.version > 1 ? `　第 ${v.version} 版（更正：${v.correctionNote}）` : ''}`,
  ]);
  ws.addRow(['数值为发布时冻结的数据 Figures as frozen at publication']);
  ws.addRow([
    '指标 Indicator',
    '数值 Value',
    '单位 Unit',
    '统计期 Period',
    '截至 As of',
    '来源方式 Method',
    '目标年份 Target year',
    '目标值 Target',
    '进度% Percent',
    '状态 Status',
    '指标代码 Code',
  ]).font = { bold: true };
  for (const f of v.figures)
    ws.addRow([
      f.nameZh,
      f.value,
      UNIT_ZH[f.unit],
      f.period,
      f.asOf,
      METHOD_ZH[f.method],
      f.target?.year ?? null,
      f.target?.value ?? null,
      f.target?.percent ?? null,
      f.target ? STATUS_ZH[f.target.status] : null,
      f.indicator,
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
