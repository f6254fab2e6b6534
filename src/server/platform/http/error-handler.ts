/**
 * Every error leaves in the one shape, `{"error": {"code", "message", "fields"}}`, with a message in the
 * caller's language — ours (AppError, validation), Fastify's own (a bad URL, an empty JSON body, a wrong
 * Content-Length, an over-long path parameter), its plugins' (multipart limits) and the HTTP parser's
 * (a request Node cannot read: answered on the socket). Fastify's English messages never reach a user: a
 * known code has a sentence of ours, an unknown 4xx a generic one. Anything else is a 500 that names the
 * request id, and is logged.
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import { DatabaseBusyError } from '../db/database.ts';
import { requestLocale, translate, registerMessages, type Locale } from './i18n.ts';
import { RequestValidationError, requestFieldErrors, translateFields } from './validation.ts';

registerMessages({
  'zh-CN': {
    'error.badUrl': '网址中有无法识别的编码（%…），请检查链接是否完整。',
    'error.paramTooLong': '网址中的参数过长。',
    'error.emptyJson': '请求声明了 JSON 内容，但请求体为空。',
    'error.jsonTooDeep': '请求体的嵌套层级过深（最多 {max} 层）。',
    'error.bodyTooLarge': '请求体过大（上限 {limit}）。',
    'error.badContentLength': '请求体的长度与 Content-Length 不符。',
    'error.badContentType': '请求的 Content-Type 无效。',
    'error.notMultipart': '上传文件请使用 multipart/form-data 格式。',
    'error.tooManyParts': '上传的内容过多：每次只能上传一个文件。',
    'error.badFieldName': '上传的数据中有不允许的字段名。',
    'error.badRequest': '请求有误，服务器无法处理（{status}）。',
    'error.unreadable': '请求格式有误，服务器无法读取。',
    'error.headersTooLarge': '请求头过大。',
    'error.timeout': '请求超时，请重试。',
  },
  en: {
    'error.badUrl': 'The address has an encoding (%…) that cannot be read. Please check that the link is complete.',
    'error.paramTooLong': 'A parameter in the address is too long.',
    'error.emptyJson': 'The request says it carries JSON, but its body is empty.',
    'error.jsonTooDeep': 'The request body is nested too deeply (at most {max} levels).',
    'error.bodyTooLarge': 'The request body is too large (limit {limit}).',
    'error.badContentLength': 'The length of the request body does not match its Content-Length.',
    'error.badContentType': 'The Content-Type of the request is not valid.',
    'error.notMultipart': 'Upload files as multipart/form-data.',
    'error.tooManyParts': 'The upload has too many parts: send one file at a time.',
    'error.badFieldName': 'The upload has a field name that is not allowed.',
    'error.badRequest': 'The request cannot be processed ({status}).',
    'error.unreadable': 'The request is malformed and cannot be read.',
    'error.headersTooLarge': 'The request headers are too large.',
    'error.timeout': 'The request timed out. Please try again.',
  },
});

const mb = (bytes: number) => `${Math.round((bytes / 1048576) * 10) / 10} MB`;

/** Fastify's and its plugins' error codes: the status, our code and the sentence we answer with. */
function frameworkError(
  fe: FastifyError,
  req: FastifyRequest,
  limits: ErrorLimits,
): { status: number; code: string; key: string; params?: Record<string, unknown> } | null {
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'bad_json', key: 'error.badJson' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'bad_json', key: 'error.emptyJson' };
    case 'KFT_JSON_TOO_DEEP':
      return { status: 400, code: 'bad_json', key: 'error.jsonTooDeep', params: { max: (fe as { maxDepth?: number }).maxDepth } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'unsupported_media_type', key: 'error.unsupportedMediaType', params: { type: String(req.headers['content-type'] ?? '') } };
    case 'FST_ERR_CTP_INVALID_TYPE':
    case 'FST_ERR_CTP_EMPTY_TYPE':
      return { status: 400, code: 'bad_content_type', key: 'error.badContentType' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'payload_too_large', key: 'error.bodyTooLarge', params: { limit: mb(limits.bodyBytes) } };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, code: 'bad_content_length', key: 'error.badContentLength' };
    case 'FST_ERR_BAD_URL':
      return { status: 400, code: 'bad_url', key: 'error.badUrl' };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 414, code: 'url_too_long', key: 'error.paramTooLong' };
    case 'FST_REQ_FILE_TOO_LARGE':
      return { status: 413, code: 'payload_too_large', key: 'error.payloadTooLarge', params: { limit: mb(limits.uploadBytes) } };
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return { status: 413, code: 'too_many_parts', key: 'error.tooManyParts' };
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { status: 415, code: 'unsupported_media_type', key: 'error.notMultipart' };
    case 'FST_PROTO_VIOLATION':
      return { status: 400, code: 'bad_multipart', key: 'error.badFieldName' };
    case 'FST_MP_PREMATURE_CLOSE':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return { status: 400, code: 'bad_multipart', key: 'error.badMultipart' };
    default:
      return null;
  }
}

export interface ErrorLimits {
  /** the largest JSON body (Fastify's bodyLimit) */
  bodyBytes: number;
  /** the largest uploaded file */
  uploadBytes: number;
}

const body = (code: string, message: string, fields: { path: string; message: string }[] = []) => ({ error: { code, message, fields } });

/** The error handler of the whole app; also Fastify's `frameworkErrors` (bad URLs before routing). */
export function errorHandler(limits: ErrorLimits) {
  return (err: FastifyError | AppError | RequestValidationError, req: FastifyRequest, reply: FastifyReply) => {
    const locale = requestLocale(req);
    if (err instanceof AppError) {
      if (err.options.retryAfter) reply.header('retry-after', String(err.options.retryAfter));
      return reply.code(err.status).send(body(err.code, translate(locale, err.key, err.params), translateFields(err.fields, locale)));
    }
    const validation = (err as FastifyError).validation?.[0] as unknown;
    const cause = err instanceof RequestValidationError ? err : validation instanceof RequestValidationError ? validation : null;
    if (cause) return reply.code(400).send(body('validation_failed', translate(locale, 'error.validation'), requestFieldErrors(cause, locale)));

    if (err instanceof DatabaseBusyError) {
      reply.header('retry-after', '1');
      return reply.code(503).send(body('overloaded', translate(locale, 'error.overloaded', { seconds: 1 })));
    }
    const fe = err as FastifyError;
    const known = frameworkError(fe, req, limits);
    if (known) return reply.code(known.status).send(body(known.code, translate(locale, known.key, known.params)));
    // a JSON body that fails to parse in a way Fastify does not code
    if (fe.statusCode === 400 && fe instanceof SyntaxError) return reply.code(400).send(body('bad_json', translate(locale, 'error.badJson')));
    // a multipart body cut short or malformed (busboy's errors carry no status): the upload is the caller's fault
    if (!fe.statusCode && req.isMultipart?.() && /multipart|Unexpected end of form|Malformed part header|Part terminated/i.test(fe.message)) {
      const message = translate(locale, 'error.badMultipart');
      return reply.code(400).send(body('bad_multipart', message, [{ path: 'file', message }]));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // an error of the framework or a plugin we have no sentence for: a generic one, never its English text
      req.log.warn({ err }, 'client error without a message of ours');
      return reply.code(fe.statusCode).send(body('bad_request', translate(locale, 'error.badRequest', { status: fe.statusCode })));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(body('internal', translate(locale, 'error.internal', { requestId: req.id })));
  };
}

/** 404 for a route that does not exist, in the one shape (the web app's own paths are served its page instead). */
export function routeNotFound(req: FastifyRequest, reply: FastifyReply) {
  const locale: Locale = requestLocale(req);
  return reply.code(404).send(body('not_found', translate(locale, 'error.routeNotFound', { method: req.method, url: req.url.split('?')[0] })));
}

/**
 * A request the HTTP parser cannot read (a bad Content-Length, a broken header line, an unknown method):
 * answered on the socket in the one shape. Its headers are not parsed, so the message is in the default language.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, key] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', 'error.timeout']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'error.headersTooLarge']
        : [400, 'Bad Request', 'error.unreadable'];
  const code = status === 408 ? 'timeout' : status === 431 ? 'headers_too_large' : 'bad_request';
  const text = JSON.stringify(body(code, translate('zh-CN', key)));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(err);
}
