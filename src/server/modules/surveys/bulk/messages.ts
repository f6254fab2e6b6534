/** Messages of bulk filing (批量填报), zh-CN first: each refusal names sheet, row, column and the field. */
import { registerMessages } from '../../../platform/http/i18n.ts';

registerMessages({
  'zh-CN': {
    'audit.type.surveys.bulk_filed': '批量代报统计报表',
    'survey.kinds.bulk': '填报模板（.xlsx）',
    'survey.bulk.empty': '请选择填好的模板文件（.xlsx）上传。',
    'survey.bulk.notXlsx': '批量填报应上传从本页下载的 .xlsx 模板。',
    'survey.bulk.unreadable': '无法读取该文件：它不是有效的 Excel 工作簿。',
    'survey.bulk.notTemplate': '这不是本调查的填报模板：工作表“{sheet}”第 2 行（隐藏行）应为字段代码，至少要有 uscc 列。请重新下载模板填写。',
    'survey.bulk.tooManyRows': '一次最多导入 {max} 行（该文件有 {rows} 行），请分成几个文件上传。',
    'survey.bulk.noRows': '工作表“{sheet}”中没有填写任何机构的数据。',
    'survey.bulk.invalid': '有 {count} 处数据不符合填报规则（涉及 {rows} 行），本次导入未做任何更改。请修改后重新上传。',
    'survey.bulk.notYourDistrict': '文件中有 {count} 家机构不属于本区县，区县管理部门只能为本区县的机构代报。本次导入未做任何更改。',
    'survey.bulk.changedMeanwhile': '第 {row} 行「{org}」的填报在导入期间已被修改，本次导入未做任何更改，请重新下载模板。',
    'survey.bulk.cell': '工作表“{sheet}”第 {row} 行 {column} 列（{header}）：{problem}',
    'survey.bulk.noUscc': '缺少统一社会信用代码。',
    'survey.bulk.notInRound': '统一社会信用代码 {value} 不在本次调查的对象中。',
    'survey.bulk.duplicate': '统一社会信用代码 {value} 在第 {first} 行已经出现过。',
    'survey.bulk.notYourOrg': '「{org}」（{value}）不属于本区县，不能代报。',
    'survey.bulk.notEditable': '「{org}」的填报{status}，不能再导入。',
    'survey.bulk.farFromLast': '“{label}”填报 {value}{unit}，与上期（{period}）的 {last}{unit} 相差三倍以上，请在“变动说明”列写明原因。',
  },
  en: {
    'audit.type.surveys.bulk_filed': 'Survey filings filed in bulk by an office',
    'survey.kinds.bulk': 'the filing template (.xlsx)',
    'survey.bulk.empty': 'Choose the filled template (.xlsx) to upload.',
    'survey.bulk.notXlsx': 'Bulk filing takes the .xlsx template downloaded from this page.',
    'survey.bulk.unreadable': 'The file cannot be read: it is not a valid Excel workbook.',
    'survey.bulk.notTemplate':
      'This is not this survey’s filing template: row 2 (hidden) of sheet “{sheet}” should name the fields, with a uscc column at least. Please download the template again.',
    'survey.bulk.tooManyRows': 'At most {max} rows per upload (this file has {rows}); please split it into several files.',
    'survey.bulk.noRows': 'Sheet “{sheet}” has no organization’s data filled in.',
    'survey.bulk.invalid': '{count} value(s) break the filing rules (in {rows} row(s)); nothing was changed. Please correct them and upload again.',
    'survey.bulk.notYourDistrict':
      '{count} organization(s) in the file are not in your district: a district office files for its district’s only. Nothing was changed.',
    'survey.bulk.changedMeanwhile':
      'The filing of “{org}” (row {row}) changed while the file was read; nothing was changed. Please download the template again.',
    'survey.bulk.cell': 'Sheet “{sheet}”, row {row}, column {column} ({headerEn}): {problem}',
    'survey.bulk.noUscc': 'the USCC is missing.',
    'survey.bulk.notInRound': 'the USCC {value} is not among this survey’s organizations.',
    'survey.bulk.duplicate': 'the USCC {value} already appears in row {first}.',
    'survey.bulk.notYourOrg': '“{org}” ({value}) is not in your district: you may not file for it.',
    'survey.bulk.notEditable': 'the filing of “{org}” is {status}: it cannot be imported again.',
    'survey.bulk.farFromLast':
      '“{labelEn}” is {value} {unit}, three times or more off last period’s ({period}) {last} {unit}: state the reason in the reason column.',
  },
});
