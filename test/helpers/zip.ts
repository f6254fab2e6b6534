/**
 * Zips built by hand for the upload tests: exact control over what a zip declares and what it holds
 * (entry counts past 65,535, entries that inflate to a gigabyte, a local entry missing from the
 * central directory), which no zip library will write on purpose.
 */
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** the stored bytes (method 0) */
  data?: Buffer;
  /** a raw deflate stream (method 8) and what it inflates to (declared; may lie) */
  deflated?: Buffer;
  size?: number;
  /** written as a local entry but left out of the central directory */
  hidden?: boolean;
}

export function buildZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = e.deflated ?? e.data ?? Buffer.alloc(0);
    const method = e.deflated ? 8 : 0;
    const size = Math.min(e.size ?? body.length, 0xfffffffe);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    if (!e.hidden) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(0x0800, 8);
      c.writeUInt16LE(method, 10);
      c.writeUInt32LE(body.length, 20);
      c.writeUInt32LE(size, 24);
      c.writeUInt16LE(name.length, 28);
      c.writeUInt32LE(offset, 42);
      centrals.push(c, name);
    }
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = Math.min(centrals.length / 2, 0xffff); // past 65,535 the count is a lie, as in real bombs
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * A raw deflate stream of `mb` megabytes of zeros, built without inflating anything: one megabyte
 * compressed with a sync flush (byte-aligned, no back reference past its start) repeated, then a
 * final empty block. 1,024 MB of zeros come to about 1 MB.
 */
export function zeros(mb: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array.from({ length: mb }, () => block), zlib.deflateRawSync(Buffer.alloc(0))]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>';

/** A zip that looks like an .xlsx (its first entry says so), with the given entries after it. */
export function xlsxLike(entries: ZipEntry[]): Buffer {
  return buildZip([{ name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) }, ...entries]);
}

/** A multipart/form-data body with one file field. */
export function multipartFile(file: Buffer, filename: string, type = 'application/octet-stream', field = 'file') {
  const boundary = `----kft${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload };
}
