/** Messages of the sign-in page. zh-CN first, English second. */

const zh = {
  sso: {
    button: '统一身份认证登录',
    buttonNamed: '通过{{name}}登录',
    or: '或使用账号密码登录',
    errorTitle: '统一身份认证登录未成功',
    error: {
      unavailable: '本平台未启用统一身份认证，请使用账号密码登录。',
      denied: '您在统一身份认证平台取消了登录。',
      state_mismatch: '登录请求已失效或不是从本页发起的，请重新点击「统一身份认证登录」。',
      provider_error: '暂时无法与统一身份认证平台完成登录，请稍后再试。',
      email_not_verified: '统一身份认证平台尚未验证您的邮箱，无法据此找到您的账号。请先在该平台验证邮箱，或请管理员为您关联账号。',
      no_account: '没有与您的统一身份认证身份对应的本平台账号，请联系管理员开通或关联账号。',
      account_disabled: '您的账号已停用，请联系管理员。',
      provision_refused: '无法根据统一身份认证信息为您开通账号（缺少所属机构或区县），请联系管理员。',
      unknown: '统一身份认证登录未成功，请重试或联系管理员。',
    },
  },
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
      'demo-station': '技术合同登记站工作人员',
    },
  },
};

const en: typeof zh = {
  sso: {
    button: 'Sign in with single sign-on',
    buttonNamed: 'Sign in with {{name}}',
    or: 'or sign in with a username and password',
    errorTitle: 'Single sign-on did not succeed',
    error: {
      unavailable: 'Single sign-on is not enabled here; please sign in with your username and password.',
      denied: 'You cancelled the sign-in at the identity provider.',
      state_mismatch: 'The sign-in request has expired or did not start on this page. Please click the single sign-on button again.',
      provider_error: 'The sign-in with the identity provider could not be completed. Please try again later.',
      email_not_verified:
        'The identity provider has not verified your email address, so it cannot stand for your account. Verify it there first, or ask an administrator to link your account.',
      no_account: 'No account here belongs to your single sign-on identity. Please ask an administrator to open or link one.',
      account_disabled: 'Your account is disabled. Please contact an administrator.',
      provision_refused: 'An account could not be opened from your single sign-on details (no organization or district). Please contact an administrator.',
      unknown: 'Single sign-on did not succeed. Please try again or contact an administrator.',
    },
  },
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
      'demo-station': 'staff of a technology contract registration station',
    },
  },
};

export const authMessages = { 'zh-CN': zh, en };
