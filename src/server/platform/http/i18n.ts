/**
 * Server-side messages in the caller's language (Accept-Language; zh-CN by default, en second).
 * Error messages are looked up by key, so a module throws `AppError('org.duplicateUscc')` and
 * never builds a sentence itself.
 */
import type { FastifyRequest } from 'fastify';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: Locale[] = ['zh-CN', 'en'];

type Dict = Record<string, string>;

const zh: Dict = {
  'error.internal': '服务器内部错误，请稍后重试。如果问题持续，请联系管理员并提供请求编号 {requestId}。',
  'error.notFound': '未找到请求的资源。',
  'error.routeNotFound': '接口不存在：{method} {url}',
  'error.validation': '提交的内容有误，请检查标出的字段。',
  'error.unauthorized': '请先登录。',
  'error.forbidden': '您没有执行此操作的权限。',
  'error.badJson': '请求体不是有效的 JSON。',
  'error.payloadTooLarge': '上传的文件过大（上限 {limit}）。',
  'error.unsupportedMediaType': '不支持的内容类型：{type}。',
  'error.rateLimited': '请求过于频繁，请稍后再试。',
  'error.rateLimitedRetry': '操作过于频繁，请在 {seconds} 秒后重试。',
  'error.overloaded': '当前访问人数较多，服务器繁忙，请在 {seconds} 秒后重试。',
  'error.badMultipart': '上传的数据不完整或格式有误，请重新选择文件上传。',
  'field.label.id': '编号',
  'field.id': '应为正整数（十进制数字，不以 0 开头），例如 42。',
  'field.wholeNumber': '应为整数（十进制数字，不以 0 开头）。',
  'field.decimal': '应为数字（十进制，例如 1.5）。',
  'field.email': '邮箱格式不正确。',
  'field.phone': '电话号码格式不正确（示例：023-12345678 或 13800000000）。',
  'field.url': '网址格式不正确，应以 http:// 或 https:// 开头。',
  'field.date': '日期格式不正确，应为 YYYY-MM-DD。',
  'field.required': '此项为必填项。',
  'pdf.noFont': '服务器未找到中文字体，无法生成 PDF。请设置 PDF_FONT_PATH。',
};

const en: Dict = {
  'error.internal': 'Internal server error. Please try again; if it persists, contact the administrator with request id {requestId}.',
  'error.notFound': 'The requested resource was not found.',
  'error.routeNotFound': 'No such endpoint: {method} {url}',
  'error.validation': 'Some fields are not valid. Please check the marked fields.',
  'error.unauthorized': 'Please sign in first.',
  'error.forbidden': 'You do not have permission to do this.',
  'error.badJson': 'The request body is not valid JSON.',
  'error.payloadTooLarge': 'The uploaded file is too large (limit {limit}).',
  'error.unsupportedMediaType': 'Unsupported content type: {type}.',
  'error.rateLimited': 'Too many requests. Please try again later.',
  'error.rateLimitedRetry': 'Too many requests. Please try again in {seconds} seconds.',
  'error.overloaded': 'The server is busy with many visitors right now. Please try again in {seconds} s.',
  'error.badMultipart': 'The upload is incomplete or malformed. Please choose the file and upload it again.',
  'field.label.id': 'ID',
  'field.id': 'must be a positive whole number in decimal digits without a leading zero, e.g. 42.',
  'field.wholeNumber': 'must be a whole number in decimal digits without a leading zero.',
  'field.decimal': 'must be a decimal number, e.g. 1.5.',
  'field.email': 'Not a valid email address.',
  'field.phone': 'Not a valid phone number (e.g. 023-12345678 or 13800000000).',
  'field.url': 'Not a valid web address; it should start with http:// or https://.',
  'field.date': 'Not a valid date; use YYYY-MM-DD.',
  'field.required': 'This field is required.',
  'pdf.noFont': 'No Chinese font was found on the server, so no PDF can be made. Set PDF_FONT_PATH.',
};

const dictionaries: Record<Locale, Dict> = { 'zh-CN': zh, en };

/** A module adds its own messages (both languages, same keys) when it is loaded. */
export function registerMessages(messages: { 'zh-CN': Dict; en: Dict }): void {
  Object.assign(zh, messages['zh-CN']);
  Object.assign(en, messages.en);
}

export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const template = dictionaries[locale][key] ?? dictionaries['zh-CN'][key] ?? key;
  // a parameter named `fooKey` is itself a message key: {foo} shows its translation (e.g. a status name)
  for (const [name, value] of Object.entries(params)) {
    // (it is given the other parameters, so a nested sentence can name what its own template names)
    if (name.endsWith('Key') && typeof value === 'string') {
      const { [name]: _self, ...rest } = params;
      params = { ...params, [name.slice(0, -3)]: translate(locale, value, rest) };
    }
  }
  // a missing parameter reads as nothing: a user never sees a raw {placeholder}
  return template.replace(/\{(\w+)\}/g, (_, name) => (params[name] === undefined || params[name] === null ? '' : String(params[name])));
}

export function hasMessage(key: string): boolean {
  return key in zh;
}

/** Picks zh-CN or en from Accept-Language by quality; anything else falls back to zh-CN. */
export function localeOf(header: string | undefined): Locale {
  if (!header) return 'zh-CN';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...opts] = part.trim().split(';');
      const q = opts.map((o) => o.trim()).find((o) => o.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export function requestLocale(req: FastifyRequest): Locale {
  return localeOf(req.headers['accept-language']);
}

/** The registered keys that start with a prefix (e.g. every `audit.type.` a module named). */
export function messageKeys(prefix: string): string[] {
  return Object.keys(zh)
    .filter((k) => k.startsWith(prefix))
    .sort();
}
