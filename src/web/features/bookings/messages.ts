/** Messages of the booking pages: booking form, cart, my bookings, the owner's approvals. zh-CN first, English second. */

const zh = {
  bf: {
    title: '预约此仪器', dialogTitle: '加入预约单：{{name}}', freeSlots: '空闲时段（点击填入）', start: '开始', end: '结束',
    startDate: '开始日期', startTime: '开始时间', endDate: '结束日期', endTime: '结束时间',
    quantity: { hour: '数量', sample: '样品数', core_hour: 'CPU 核数', gpu_hour: 'GPU 卡数' },
    purpose: '用途', purposeHint: '例如：测定样品的晶体结构', purposeRequired: '请填写用途（至少 2 个字）', timeRequired: '请选择开始和结束时间', endAfterStart: '结束时间须晚于开始时间',
    when: '时段', hours: '时长', hoursValue: '{{n}} 小时', unitPrice: '单价', external: '外单位价', internal: '本单位价', estimate: '预估费用',
    approval: '确认方式', needsApproval: '需管理单位审批', autoConfirm: '提交即确认', problems: '该时段暂不能预约：',
    add: '加入预约单', added: '已加入预约单。', goCart: '去预约单', quoteSignIn: '登录后可估算费用并检查预约规则。',
    noWindowHint: '请选择开始和结束时间；也可以在仪器页面的日历上点选空闲时段。', seeCalendar: '查看日历', tzNote: '以上时间均为北京时间。',
  },
  cart: {
    title: '预约单', empty: '预约单是空的', browse: '去找仪器',
    help: '预约单中的各项将一起提交：只要有一项不能预约，就全部不提交，您可以按提示修改后重试。',
    remove: '移除', removeItem: '从预约单移除“{{name}}”', total: '预估总费用', count: '共 {{count}} 项', clear: '清空预约单', submit: '提交预约', signInToSubmit: '登录后提交',
    submitted: '已提交 {{count}} 项预约', conflict: '有时段刚被他人预约，本次全部未提交。请调整标出的项目后重试。', refused: '预约未提交：请按各项下方的原因修改。',
    problemsNote: '标出问题的项目需要先调整，否则提交会被拒绝。',
  },
  bk: {
    title: '我的预约', list: '预约列表', total: '共 {{count}} 条', empty: '暂无预约', filterStatus: '按状态筛选',
    status: { pending: '待审批', confirmed: '已确认', in_use: '使用中', completed: '已完成', declined: '已拒绝', cancelled: '已取消', expired: '已失效', no_show: '未到场' },
    when: '时段', price: '费用', estimate: '预估费用', user: '预约人', createdAt: '提交时间', expiresAt: '{{at}} 前未审批将自动失效', actual: '实际使用',
    declineReason: '拒绝原因', decisionNote: '审批意见', cancelReason: '取消原因',
    approve: '同意', approved: '已同意该预约', decline: '拒绝', declined: '已拒绝该预约', declineTitle: '拒绝预约：{{name}}', declineHelp: '预约人会看到这条原因（至少 2 个字）',
    recordUsage: '登记实际使用', usageTitle: '登记实际使用：{{name}}', actualStart: '实际开始', actualEnd: '实际结束', actualStartTime: '实际开始时间', actualEndTime: '实际结束时间',
    usageSaved: '已登记实际使用',
    checkIn: '签到上机', checkedIn: '已签到', checkOut: '结束使用', checkedOut: '已结束使用',
    cancel: '取消预约', cancelTitle: '取消预约：{{name}}', confirmCancel: '确认取消', cancelReasonOptional: '取消原因（选填）', cancelled: '预约已取消',
    feedTitle: '订阅我的预约日历', feedHelp: '把您的预约同步到手机或电脑上的日历（苹果日历、Outlook、Google 日历等）。', feedButton: '生成订阅地址',
    feedWarning: '请勿把这个地址告诉他人：拿到它的人都能看到您的预约。', copy: '复制', copied: '已复制',
  },
  wb: {
    title: '预约审批', help: '本单位仪器收到的预约。待审批的预约请及时处理，超时未处理将自动失效；使用结束后可登记实际使用机时。',
  },
};

const en: typeof zh = {
  bf: {
    title: 'Book this instrument', dialogTitle: 'Add to cart: {{name}}', freeSlots: 'Free stretches (click to use)', start: 'Start', end: 'End',
    startDate: 'Start date', startTime: 'Start time', endDate: 'End date', endTime: 'End time',
    quantity: { hour: 'Quantity', sample: 'Samples', core_hour: 'CPU cores', gpu_hour: 'GPUs' },
    purpose: 'Purpose', purposeHint: 'e.g. crystal structure of our samples', purposeRequired: 'Please describe the purpose (2 characters or more)',
    timeRequired: 'Please choose the start and end', endAfterStart: 'The end must be after the start',
    when: 'When', hours: 'Length', hoursValue: '{{n}} h', unitPrice: 'Unit price', external: 'external rate', internal: 'internal rate', estimate: 'Estimated cost',
    approval: 'Confirmation', needsApproval: 'The owner approves', autoConfirm: 'Confirmed on submission', problems: 'This time cannot be booked:',
    add: 'Add to cart', added: 'Added to the cart.', goCart: 'Go to cart', quoteSignIn: 'Sign in to see the estimated cost and check the booking rules.',
    noWindowHint: 'Choose the start and end, or pick free time on the instrument page calendar.', seeCalendar: 'See calendar', tzNote: 'All times are Beijing time.',
  },
  cart: {
    title: 'Booking cart', empty: 'Your booking cart is empty', browse: 'Find instruments',
    help: 'All items are submitted together: if any one cannot be booked, none is, and you can correct it and try again.',
    remove: 'Remove', removeItem: 'Remove “{{name}}” from the cart', total: 'Estimated total', count: '{{count}} items', clear: 'Empty cart',
    submit: 'Submit bookings', signInToSubmit: 'Sign in to submit',
    submitted: '{{count}} bookings submitted',
    conflict: 'Someone has just booked one of these times, so nothing was submitted. Adjust the marked items and try again.',
    refused: 'Nothing was submitted: correct the items as shown below each.',
    problemsNote: 'Items with problems must be changed first, or the submission will be refused.',
  },
  bk: {
    title: 'My bookings', list: 'Bookings', total: '{{count}} bookings', empty: 'No bookings', filterStatus: 'Filter by status',
    status: { pending: 'Pending', confirmed: 'Confirmed', in_use: 'In use', completed: 'Completed', declined: 'Declined', cancelled: 'Cancelled', expired: 'Expired', no_show: 'No-show' },
    when: 'When', price: 'Price', estimate: 'Estimate', user: 'Booked by', createdAt: 'Submitted', expiresAt: 'Expires unless approved by {{at}}', actual: 'Actual use',
    declineReason: 'Reason for declining', decisionNote: 'Note from the owner', cancelReason: 'Reason for cancelling',
    approve: 'Approve', approved: 'Booking approved', decline: 'Decline', declined: 'Booking declined', declineTitle: 'Decline booking: {{name}}',
    declineHelp: 'The user will read this reason (2 characters or more)',
    recordUsage: 'Record usage', usageTitle: 'Record actual usage: {{name}}', actualStart: 'Actual start', actualEnd: 'Actual end',
    actualStartTime: 'Actual start time', actualEndTime: 'Actual end time', usageSaved: 'Usage recorded',
    checkIn: 'Check in', checkedIn: 'Checked in', checkOut: 'Check out', checkedOut: 'Checked out',
    cancel: 'Cancel booking', cancelTitle: 'Cancel booking: {{name}}', confirmCancel: 'Cancel booking', cancelReasonOptional: 'Reason (optional)',
    cancelled: 'Booking cancelled',
    feedTitle: 'Subscribe to my bookings',
    feedHelp: 'Show your bookings in your phone or desktop calendar (Apple Calendar, Outlook, Google Calendar…).',
    feedButton: 'Create subscription address',
    feedWarning: 'Keep this address private: anyone who has it can see your bookings.', copy: 'Copy', copied: 'Copied',
  },
  wb: {
    title: 'Booking approvals',
    help: 'Bookings of your organization’s instruments. Decide pending ones in time — they expire otherwise; record the actual usage once a booking is over.',
  },
};

export const bookingsMessages = { 'zh-CN': zh, en };
