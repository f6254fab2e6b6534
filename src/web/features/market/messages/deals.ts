/** Messages of deal threads (under `mk`). zh-CN first, English second. */

export const zh = {
  deal: {
    start: { inquiry: '发起咨询', offer: '提交方案' },
    dialog: { inquiry: '咨询成果：{{title}}', offer: '提交方案：{{title}}' },
    help: { inquiry: '您的咨询会发给成果所属单位，双方可在交易页面继续沟通。', offer: '您的方案会发给需求单位，双方可在交易页面继续沟通。' },
    placeholder: { inquiry: '例如：我们希望了解该成果的授权方式和报价', offer: '例如：我们有相关技术，可提供中试验证，请联系' },
    started: { inquiry: '咨询已发出', offer: '方案已提交' },
    message: '留言', send: '发送', needOrg: '您的账号不属于任何机构，不能发起交易。',
    title: '交易：{{title}}', messages: '沟通记录', reply: '回复', replyPlaceholder: '输入回复内容', sendReply: '发送回复',
    parties: '交易双方', initiator: '发起方', counterpart: '对方', us: '本单位', startedAt: '发起时间',
    agree: '同意成交', agreeConfirm: '确认同意按目前沟通的条件成交？双方都同意后交易即成交。', youAgreed: '本单位已同意',
    agreeState: '{{name}}：{{state}}', agreedYes: '已同意成交', agreedNo: '尚未同意',
    agreeHelp: '双方都点“同意成交”后，交易状态变为“已成交”。',
    withdraw: '撤回', withdrawTitle: '撤回交易', withdrawReason: '撤回原因', withdrawHelp: '对方会看到撤回原因（至少 2 个字）。',
    done: { agree: '已同意成交', withdraw: '交易已撤回' },
    agreedBanner: '双方均已同意，交易已成交。', withdrawnBanner: '交易已撤回。原因：{{reason}}',
    readOnly: '您以管理员身份查看这笔交易，不能回复。',
    subjectLink: { achievement: '查看成果', demand: '查看需求' },
  },
  deals: {
    title: '我的交易', all: '全部交易', help: '本单位发起和收到的成果咨询、需求方案。', filter: '按状态筛选', empty: '暂无交易',
    with: '对方：{{name}}', between: '{{a}} ↔ {{b}}', updated: '更新于 {{at}}',
  },
};

export const en: typeof zh = {
  deal: {
    start: { inquiry: 'Send inquiry', offer: 'Submit offer' },
    dialog: { inquiry: 'Inquiry about: {{title}}', offer: 'Offer for: {{title}}' },
    help: { inquiry: 'Your inquiry goes to the owning organization; continue the conversation on the deal page.', offer: 'Your offer goes to the organization with the demand; continue the conversation on the deal page.' },
    placeholder: { inquiry: 'e.g. We would like to know the licence terms and price', offer: 'e.g. We have a matching technology and can run a pilot' },
    started: { inquiry: 'Inquiry sent', offer: 'Offer submitted' },
    message: 'Message', send: 'Send', needOrg: 'Your account belongs to no organization, so you cannot open deals.',
    title: 'Deal: {{title}}', messages: 'Messages', reply: 'Reply', replyPlaceholder: 'Type your reply', sendReply: 'Send reply',
    parties: 'Parties', initiator: 'Initiator', counterpart: 'Counterpart', us: 'us', startedAt: 'Started',
    agree: 'Agree to deal', agreeConfirm: 'Agree to the terms discussed? The deal is made once both sides agree.', youAgreed: 'We have agreed',
    agreeState: '{{name}}: {{state}}', agreedYes: 'agreed', agreedNo: 'not yet agreed',
    agreeHelp: 'Once both sides click “Agree to deal”, the deal is agreed.',
    withdraw: 'Withdraw', withdrawTitle: 'Withdraw from the deal', withdrawReason: 'Reason', withdrawHelp: 'The other side sees this reason (2 characters or more).',
    done: { agree: 'You agreed', withdraw: 'Deal withdrawn' },
    agreedBanner: 'Both sides agreed: the deal is made.', withdrawnBanner: 'The deal was withdrawn. Reason: {{reason}}',
    readOnly: 'You are reading this deal as an admin and cannot reply.',
    subjectLink: { achievement: 'See the achievement', demand: 'See the demand' },
  },
  deals: {
    title: 'My deals', all: 'All deals', help: 'Inquiries and offers your organization sent or received.', filter: 'Filter by status', empty: 'No deals yet',
    with: 'with {{name}}', between: '{{a}} ↔ {{b}}', updated: 'updated {{at}}',
  },
};
