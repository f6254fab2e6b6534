/**
 * Decompression limits for an uploaded zip (an .xlsx is one) before anything unpacks it: exceljs
 * would inflate a 1 MB upload into 1 GB and take the process down with it. The check walks the
 * central directory and inflates every entry for real, counting the bytes and throwing them away,
 * because the sizes a zip declares can lie. It stops at the first limit passed, so the work done is
 * bounded by the limits, not by what the file claims.
 *
 * exceljs reads local headers in order, not the central directory, so an entry hidden between the
 * listed ones would escape the count: bytes between one entry's data and the next listed header
 * (beyond a data descriptor) are refused too.
 */
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../http/errors.ts';

export interface ZipLimits {
  /** most entries a file may list */
  maxEntries: number;
  /** most bytes all entries may inflate to, together */
  maxInflatedBytes: number;
  /** an entry inflating past ratioFloorBytes may not be more than maxRatio times its compressed size */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxInflatedBytes: 200 * 1024 * 1024,
  // a spreadsheet's XML compresses 5–20×, sparse styled sheets up to ~100×; zeros compress ~1,000×
  maxRatio: 250,
  ratioFloorBytes: 1024 * 1024,
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;
/** a data descriptor: optional signature, crc, two sizes (zip64: 8 bytes each) */
const MAX_DESCRIPTOR = 24;

export const isZip = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === LOCAL;

const megabytes = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const bomb = (key: string, params: Record<string, unknown>) => new AppError(400, 'zip_bomb', key, params, [{ path: 'file', key, params }]);
const broken = () => new AppError(400, 'zip_broken', 'file.zipBroken', {}, [{ path: 'file', key: 'file.zipBroken' }]);

interface Entry {
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** Throws a 400 naming the limit when the zip passes one; resolves when it is within all of them. */
export async function checkZip(buffer: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<void> {
  const { entries, start: cdStart } = centralDirectory(buffer, limits);
  let total = 0;
  const ordered = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (const [i, e] of ordered.entries()) {
    if (e.localOffset + 30 > buffer.length || buffer.readUInt32LE(e.localOffset) !== LOCAL) throw broken();
    const start = e.localOffset + 30 + buffer.readUInt16LE(e.localOffset + 26) + buffer.readUInt16LE(e.localOffset + 28);
    const end = start + e.compressedSize;
    const next = i + 1 < ordered.length ? ordered[i + 1].localOffset : cdStart;
    if (end > buffer.length || next - end > MAX_DESCRIPTOR || next < end) throw broken();
    const data = buffer.subarray(start, end);
    let inflated: number;
    if (e.method === 0) inflated = data.length;
    else if (e.method === 8) inflated = await inflatedSize(data, limits.maxInflatedBytes - total);
    else throw broken();
    total += inflated;
    if (total > limits.maxInflatedBytes) throw bomb('file.zipTooLarge', { limit: megabytes(limits.maxInflatedBytes) });
    if (inflated > limits.ratioFloorBytes && inflated / Math.max(1, data.length) > limits.maxRatio) throw bomb('file.zipRatio', { ratio: limits.maxRatio });
  }
}

/** Inflates and counts, stopping once past `budget` (the bytes are discarded as they come). */
async function inflatedSize(data: Buffer, budget: number): Promise<number> {
  // large chunks: a few hundred callbacks for 200 MB instead of thousands
  const inflate = createInflateRaw({ chunkSize: 512 * 1024 });
  const source = Readable.from([data]);
  source.pipe(inflate);
  let n = 0;
  try {
    for await (const chunk of inflate) {
      n += (chunk as Buffer).length;
      if (n > budget) break; // the caller reports the limit
    }
  } catch {
    throw broken();
  } finally {
    source.unpipe(inflate);
    inflate.destroy();
    source.destroy();
  }
  return n;
}

function eocdOffset(buffer: Buffer): number {
  const min = Math.max(0, buffer.length - 22 - 0xffff);
  for (let i = buffer.length - 22; i >= min; i--) if (buffer.readUInt32LE(i) === EOCD) return i;
  throw broken();
}

function centralDirectoryBounds(buffer: Buffer): { start: number; end: number } {
  const eocd = eocdOffset(buffer);
  let start = buffer.readUInt32LE(eocd + 16);
  let size = buffer.readUInt32LE(eocd + 12);
  // zip64: the real offset and size are in the zip64 end record the locator points at
  if ((start === 0xffffffff || size === 0xffffffff) && eocd >= 20 && buffer.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) {
    const rec = Number(buffer.readBigUInt64LE(eocd - 20 + 8));
    if (rec + 56 > buffer.length) throw broken();
    size = Number(buffer.readBigUInt64LE(rec + 40));
    start = Number(buffer.readBigUInt64LE(rec + 48));
  }
  if (start + size > buffer.length) throw broken();
  return { start, end: start + size };
}

/** The entries the central directory lists, walked record by record (the declared count can lie). */
function centralDirectory(buffer: Buffer, limits: ZipLimits): { entries: Entry[]; start: number } {
  const { start, end } = centralDirectoryBounds(buffer);
  const entries: Entry[] = [];
  let p = start;
  while (p + 46 <= end && buffer.readUInt32LE(p) === CENTRAL) {
    if (entries.length >= limits.maxEntries) throw bomb('file.zipEntries', { limit: limits.maxEntries.toLocaleString('en') });
    const nameLen = buffer.readUInt16LE(p + 28);
    const extraLen = buffer.readUInt16LE(p + 30);
    const commentLen = buffer.readUInt16LE(p + 32);
    const e: Entry = {
      method: buffer.readUInt16LE(p + 10),
      compressedSize: buffer.readUInt32LE(p + 20),
      localOffset: buffer.readUInt32LE(p + 42),
    };
    zip64Extra(buffer.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), e, buffer.readUInt32LE(p + 24));
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (p !== end) throw broken();
  return { entries, start };
}

/** Sizes and offset given as 0xFFFFFFFF live in the zip64 extra field, in this order, only those that overflowed. */
function zip64Extra(extra: Buffer, e: Entry, uncompressed: number) {
  for (let q = 0; q + 4 <= extra.length; q += 4 + extra.readUInt16LE(q + 2)) {
    if (extra.readUInt16LE(q) !== 0x0001) continue;
    let r = q + 4;
    const next = () => {
      const v = Number(extra.readBigUInt64LE(r));
      r += 8;
      return v;
    };
    if (uncompressed === 0xffffffff) next();
    if (e.compressedSize === 0xffffffff) e.compressedSize = next();
    if (e.localOffset === 0xffffffff) e.localOffset = next();
  }
}
