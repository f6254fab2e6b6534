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
  'org.notFound': '未找到该机构。',
  'org.duplicateUscc': '统一社会信用代码 {uscc} 已被“{name}”使用。',
  'org.versionConflict': '该机构已被他人修改（当前版本 {current}），请刷新后重试。',
  'org.outsideDistrict': '区县管理员只能管理本区县（{district}）的机构。',
  'uscc.required': '请填写统一社会信用代码。',
  'uscc.length': '统一社会信用代码应为 18 位，当前为 {length} 位。',
  'uscc.character': '统一社会信用代码第 {position} 位“{char}”不是有效字符（不能使用 I、O、S、V、Z）。',
  'uscc.checkDigit': '统一社会信用代码校验位错误：第 18 位应为“{expected}”，实际为“{actual}”。',
  'field.unknownCategory': '未知的服务类别：{value}。',
  'field.unknownDistrict': '未知的区县代码：{value}。',
  'field.unknownCluster': '未知的集聚区：{value}。',
  'field.unknownKind': '未知的机构类型：{value}。',
  'field.unknownRecognition': '未知的资质类型：{value}。',
  'field.email': '邮箱格式不正确。',
  'field.phone': '电话号码格式不正确（示例：023-12345678 或 13800000000）。',
  'field.url': '网址格式不正确，应以 http:// 或 https:// 开头。',
  'field.date': '日期格式不正确，应为 YYYY-MM-DD。',
  'field.required': '此项为必填项。',
  'field.validRange': '有效期结束日期不能早于开始日期。',
  'import.noFile': '请选择要导入的文件（表单字段 file）。',
  'import.empty': '文件是空的，没有可导入的数据。',
  'import.notTable': '无法读取该文件：请上传 .xlsx 或 .csv（UTF-8 或 GBK 编码）格式的表格。',
  'import.missingColumns': '缺少必需的列：{columns}。请下载模板，对照列名。',
  'import.tooManyRows': '文件行数过多（{rows} 行），单次最多导入 {max} 行，请拆分后再导入。',
  'import.notFound': '未找到该导入任务。',
  'import.duplicateInFile': '与文件第 {row} 行的统一社会信用代码重复。',
  'import.existing': '该统一社会信用代码已在名录库中（{name}），本次导入不会覆盖。',
  'import.template.pickOne': '请从下拉列表中选择。',
  'import.template.pickSeveral': '可从下拉列表中选择；填写多项时用“{separator}”分隔。',
  'publication.notFound': '未找到该发布版本。',
  'publication.empty': '按所选条件没有机构，不能发布空清单。',
  'reference.notFound': '未找到该参考数据。',
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
  'org.notFound': 'Organization not found.',
  'org.duplicateUscc': 'The unified social credit code {uscc} is already used by "{name}".',
  'org.versionConflict': 'Someone else changed this organization (now version {current}). Reload and try again.',
  'org.outsideDistrict': 'A district administrator can only manage organizations in their district ({district}).',
  'uscc.required': 'The unified social credit code is required.',
  'uscc.length': 'A unified social credit code has 18 characters; this one has {length}.',
  'uscc.character': 'Character {position} ("{char}") is not allowed in a unified social credit code (I, O, S, V and Z are never used).',
  'uscc.checkDigit': 'Wrong check character: character 18 should be "{expected}", not "{actual}".',
  'field.unknownCategory': 'Unknown service category: {value}.',
  'field.unknownDistrict': 'Unknown district code: {value}.',
  'field.unknownCluster': 'Unknown cluster: {value}.',
  'field.unknownKind': 'Unknown organization kind: {value}.',
  'field.unknownRecognition': 'Unknown recognition: {value}.',
  'field.email': 'Not a valid email address.',
  'field.phone': 'Not a valid phone number (e.g. 023-12345678 or 13800000000).',
  'field.url': 'Not a valid web address; it should start with http:// or https://.',
  'field.date': 'Not a valid date; use YYYY-MM-DD.',
  'field.required': 'This field is required.',
  'field.validRange': 'The end of validity cannot be before its start.',
  'import.noFile': 'Choose a file to import (form field "file").',
  'import.empty': 'The file is empty: there is nothing to import.',
  'import.notTable': 'This file cannot be read. Upload a table as .xlsx or .csv (UTF-8 or GBK).',
  'import.missingColumns': 'Missing required columns: {columns}. Download the template to compare column names.',
  'import.tooManyRows': 'The file has too many rows ({rows}); at most {max} can be imported at once. Split the file.',
  'import.notFound': 'Import not found.',
  'import.duplicateInFile': 'Same unified social credit code as row {row} of this file.',
  'import.existing': 'This code is already in the directory ({name}); the import does not overwrite it.',
  'import.template.pickOne': 'Choose from the drop-down list.',
  'import.template.pickSeveral': 'Choose from the drop-down list; separate several with “{separator}”.',
  'publication.notFound': 'Published list not found.',
  'publication.empty': 'No organization matches the chosen filters; an empty list cannot be published.',
  'reference.notFound': 'Reference data not found.',
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
    if (name.endsWith('Key') && typeof value === 'string') params = { ...params, [name.slice(0, -3)]: translate(locale, value) };
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
