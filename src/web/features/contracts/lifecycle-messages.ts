/** The contract lifecycle's pages (signed PDF, buyer's confirmation, experts' review, amendments), under `ctl`; zh-CN first. */
export const contractLifecycleMessages = {
  'zh-CN': {
    ctl: {
      document: {
        title: '合同文本',
        file: '{{name}}（{{size}}）',
        required: '提交登记前，请上传双方签署（盖章）的合同文本 PDF。',
        upload: '上传合同文本',
        replace: '重新上传',
        note: '仅接受 PDF 文件，不超过 20 MB；合同双方、登记站和科技管理部门可下载。',
      },
    },
  },
  en: {
    ctl: {
      document: {
        title: 'Signed contract',
        file: '{{name}} ({{size}})',
        required: 'Before submitting, upload the contract as signed (and sealed) by both parties, as PDF.',
        upload: 'Upload the signed contract',
        replace: 'Upload again',
        note: 'PDF only, up to 20 MB; the parties, the station and the offices may download it.',
      },
    },
  },
};
