/** Messages of the contract's lifecycle steps (the signed PDF, the buyer's answer, the experts, amendments), zh-CN first. */
import { registerMessages } from '../../platform/http/i18n.ts';

registerMessages({
  'zh-CN': {
    'contract.label.document': '合同文本',
    'contract.kinds.pdf': 'PDF 文件',
    'contract.documentRequired': '请先上传双方签署的合同文本（PDF）。',
    'contract.documentEmpty': '「{label}」是空文件，请上传签署后的合同 PDF。',
    'contract.documentTooLarge': '「{label}」不能超过 {limit}。',
    'contract.documentTruncated': '「{label}」不是完整的 PDF 文件（缺少文件结尾），请重新导出后上传。',
    'contract.documentNoFile': '请选择「{label}」的 PDF 文件。',
    'contract.documentNotMultipart': '上传「{label}」请使用 multipart/form-data 格式。',
    'contract.documentBadUpload': '「{label}」上传不完整或格式有误，请重新上传。',
    'contract.documentMissing': '该合同尚未上传合同文本。',
    'contract.buyerStep': '只有买方可以{step}。',
    'contract.step.attachDocument': '上传合同文本',
  },
  en: {
    'contract.label.document': 'signed contract',
    'contract.kinds.pdf': 'PDF files',
    'contract.documentRequired': 'Upload the contract as signed by both parties (PDF) first.',
    'contract.documentEmpty': 'The "{label}" file is empty; upload the signed contract as PDF.',
    'contract.documentTooLarge': 'The "{label}" may not exceed {limit}.',
    'contract.documentTruncated': 'The "{label}" is not a complete PDF (its end is missing); export it again and upload.',
    'contract.documentNoFile': 'Choose the PDF file of the "{label}".',
    'contract.documentNotMultipart': 'Upload the "{label}" as multipart/form-data.',
    'contract.documentBadUpload': 'The upload of the "{label}" is incomplete or malformed; upload it again.',
    'contract.documentMissing': 'No signed contract has been uploaded for this contract.',
    'contract.buyerStep': 'Only the buyer may {step}.',
    'contract.step.attachDocument': 'upload the signed contract',
  },
});
