/** Shapes of the import API: the upload's options and the job with its report. */
import { z } from 'zod';
import { labelled as l } from '../../../platform/http/validation.ts';
import { queryDecimal } from '../../../platform/http/fields.ts';
import { ErrorBody, Timestamp } from '../../../platform/http/contract.ts';
import { SpreadsheetFormat } from '../schemas.ts';

export const IMPORT_STATUSES = ['running', 'done', 'failed'] as const;

export const ImportQuery = z.object({
  dryRun: l(z.enum(['true', 'false']).default('false'), 'import.label.dryRun'),
  wait: l(queryDecimal(0, 30).default(5), 'import.label.wait'),
});
export const ImportParams = z.object({ id: z.string().uuid() });
export const TemplateQuery = SpreadsheetFormat;

export const RowErrorView = z
  .object({
    row: z.number().int().meta({ description: "the spreadsheet's row number (the header is row 1)" }),
    field: z.string(),
    column: z.string().meta({ description: 'the column header, as in the template' }),
    value: z.string().meta({ description: 'the cell as it was typed' }),
    message: z.string(),
  })
  .meta({ id: 'ImportRowError' });

const jobFields = {
  id: z.string(),
  filename: z.string(),
  dryRun: z.boolean(),
  status: z.enum(IMPORT_STATUSES),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  okRows: z.number().int(),
  errorRows: z.number().int(),
  createdRows: z.number().int(),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
};
export const ImportJobView = z.object({ ...jobFields, errors: z.array(RowErrorView) }).meta({ id: 'ImportJob' });
export const ImportJobSummaryView = z.object(jobFields).meta({ id: 'ImportJobSummary' });
export const ImportJobListView = z.object({ items: z.array(ImportJobSummaryView), total: z.number().int() });
/** A file that could not be read: the one error shape, with the failed job. */
export const ImportFailedView = ErrorBody.extend({ job: ImportJobView.optional() });

export type ImportJob = z.infer<typeof ImportJobView>;
