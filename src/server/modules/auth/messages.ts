import { registerMessages } from '../../platform/http/i18n.ts';

registerMessages({
  'zh-CN': {
    'auth.invalidCredentials': '用户名或密码错误。',
    'auth.disabled': '该账号已停用。',
    'auth.label.username': '用户名',
    'auth.label.password': '密码',
    'auth.linkInvalid': '链接无效或已过期，请重新获取。',
  },
  en: {
    'auth.invalidCredentials': 'Wrong username or password.',
    'auth.disabled': 'This account is disabled.',
    'auth.label.username': 'Username',
    'auth.label.password': 'Password',
    'auth.linkInvalid': 'This link is invalid or has expired. Please request a new one.',
  },
});
