/**
 * Vitest setup, before every test file: the server's corrected exceljs (platform/export/exceljs.ts) loads first,
 * as it does in the server, where nothing else loads exceljs. A test file that imports exceljs to read an export
 * back then gets that same copy from Node's module cache, instead of a second copy whose modules the corrected
 * one's lazy requires could meet (a real .xlsx was once refused as "not a table" that way).
 */
import { excelJS } from '../../src/server/platform/export/exceljs.ts';

excelJS();
