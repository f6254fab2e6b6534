/** Messages of the published lists (groups `pub`). zh-CN first, English second. */

export const zh = {
  pub: {
    title: '发布清单',
    number: '版本',
    name: '标题',
    date: '发布时间',
    count: '机构数',
    by: '发布人',
    downloadXlsx: 'Excel',
    downloadPdf: 'PDF',
    newTitle: '发布新版本',
    publish: '发布',
    published: '已发布第 {{number}} 版',
    titleLabel: '清单标题',
    rows: '清单内容',
    filters: '筛选条件',
    empty: '尚未发布清单',
    backToList: '返回清单列表',
    detail: '第 {{number}} 版：{{title}}',
    district: '区县',
    q: '关键词',
  },
};

export const en: typeof zh = {
  pub: {
    title: 'Published lists',
    number: 'Version',
    name: 'Title',
    date: 'Published',
    count: 'Organizations',
    by: 'Published by',
    downloadXlsx: 'Excel',
    downloadPdf: 'PDF',
    newTitle: 'Publish a new version',
    publish: 'Publish',
    published: 'Published version {{number}}',
    titleLabel: 'List title',
    rows: 'Contents',
    filters: 'Filters',
    empty: 'No lists published yet',
    backToList: 'Back to lists',
    detail: 'Version {{number}}: {{title}}',
    district: 'District',
    q: 'Keyword',
  },
};
