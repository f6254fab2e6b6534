/** Messages of the sign-in page. zh-CN first, English second. */

const zh = {
  login: {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    success: '已登录',
    code: '动态口令',
    codeFormat: '请输入 6 位数字的动态口令',
    demoTitle: '演示账号',
    demoHelp: '密码均为 {{password}}；点击账号名即可填入。',
    demoNoteSep: '：',
    demoNote: {
      'demo-admin': '全市机构、批量导入、发布清单',
      'demo-district': '渝中区的机构',
      'demo-member': '企业：预约仪器、发布技术需求',
      'demo-lab': '研究院：审批本单位仪器预约、发布科技成果、回复洽谈',
      'demo-lab2': '另一家仪器管理单位',
      'demo-expert': 'demo-lab 所在研究院的专家',
    },
  },
};

const en: typeof zh = {
  login: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    success: 'Signed in',
    code: 'One-time code',
    codeFormat: 'Enter the 6-digit one-time code',
    demoTitle: 'Demo accounts',
    demoHelp: 'All with the password {{password}}; click a name to fill it in.',
    demoNoteSep: ': ',
    demoNote: {
      'demo-admin': 'all organizations, imports, published lists',
      'demo-district': 'organizations of Yuzhong District',
      'demo-member': 'an enterprise: books instruments, posts demands',
      'demo-lab': 'an institute: approves its bookings, offers achievements, answers deals',
      'demo-lab2': 'a second instrument owner',
      'demo-expert': "an expert of demo-lab's institute",
    },
  },
};

export const authMessages = { 'zh-CN': zh, en };
