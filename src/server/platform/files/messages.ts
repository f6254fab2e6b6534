/** Messages of uploaded files: refused types and decompression limits (zh-CN, en). */
import { registerMessages } from '../http/i18n.ts';

registerMessages({
  'zh-CN': {
    'file.label.file': '文件',
    'file.label.photo': '照片',
    'file.label.attachment': '附件',
    'file.typeNotAllowed': '「{label}」只接受 {kinds}（按文件内容判断，不看扩展名）。',
    'file.kinds.images': 'JPEG、PNG、WebP 图片',
    'file.kinds.documents': 'PDF、Word、Excel、PowerPoint 文件或 JPEG、PNG、WebP 图片',
    'file.kinds.tables': '.xlsx 表格或 .csv 文本（UTF-8 或 GBK 编码）',
    'file.zipTooLarge': '文件解压后超过 {limit} 上限，疑似压缩炸弹，已拒绝。',
    'file.zipEntries': '文件内含条目超过 {limit} 个上限，疑似压缩炸弹，已拒绝。',
    'file.zipRatio': '文件压缩比超过 {ratio} 倍上限，疑似压缩炸弹，已拒绝。',
    'file.zipBroken': '文件已损坏或结构异常，无法解压，已拒绝。',
  },
  en: {
    'file.label.file': 'File',
    'file.label.photo': 'Photo',
    'file.label.attachment': 'Attachment',
    'file.typeNotAllowed': '"{label}" accepts only {kinds} (judged by the content, not the extension).',
    'file.kinds.images': 'JPEG, PNG or WebP images',
    'file.kinds.documents': 'PDF, Word, Excel or PowerPoint files, or JPEG, PNG or WebP images',
    'file.kinds.tables': '.xlsx spreadsheets or .csv text (UTF-8 or GBK)',
    'file.zipTooLarge': 'The file inflates past the {limit} limit; refused as a likely zip bomb.',
    'file.zipEntries': 'The file holds more than {limit} entries; refused as a likely zip bomb.',
    'file.zipRatio': 'The file is compressed more than {ratio} times; refused as a likely zip bomb.',
    'file.zipBroken': 'The file is damaged or malformed and cannot be unpacked; refused.',
  },
});
