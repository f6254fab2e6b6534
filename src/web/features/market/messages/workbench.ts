/** Messages of the market workbench (my listings, review queue, synonyms) (under `mk`). zh-CN first, English second. */

export const zh = {
  workbench: {
    title: '我的成果与需求', titleAdmin: '审核与同义词', entryMember: '我的成果与需求', entryAdmin: '审核与同义词',
    help: '本单位登记的成果和发布的需求都在这里，包括尚未发布的草稿：草稿仅本单位可见，发布后才会被搜索和匹配。',
    helpAdmin: '审核机构提交的成果和需求，维护搜索使用的同义词表。',
    forbidden: '只有机构用户和市级管理员可以使用此页面。',
    tabs: { achievements: '我的成果', demands: '我的需求', review: '待审核', synonyms: '同义词' },
    newAchievement: '登记成果', newDemand: '发布需求',
    filter: '按状态筛选',
    empty: { achievement: '本单位还没有登记成果', demand: '本单位还没有发布需求', filtered: '没有该状态的记录' },
    updated: '更新于 {{date}}', published: '发布于 {{date}}',
    republish: '重新发布', viewMatches: '查看匹配',
    notPublished: '还不能发布，请编辑后再试：{{reasons}}',
    review: {
      help: '开启发布审核后，机构发布的成果和需求会先进入这里，审核通过才会公开；退回时须写明原因，机构会在草稿上看到它。',
      empty: '暂无待审核的成果和需求', achievements: '待审核的成果', demands: '待审核的需求', none: '暂无',
      submitted: '{{org}} · 提交于 {{date}}', reason: '退回原因', reasonPlaceholder: '例如：请补充主要技术指标和知识产权信息',
      confirmReturn: '确认退回', approved: '已审核通过：{{title}}', returned: '已退回修改：{{title}}',
    },
    synonyms: {
      help: '搜索时输入同一组中的任意一个词，也会找到含有组内其他词的记录，保存后立即生效，简体和繁体都适用。',
      add: '添加同义词组', terms: '同义词', termsHelp: '输入一个词后按回车，再输入下一个；至少两个不同的词。', termsPlaceholder: '例如：热失控',
      addButton: '添加', added: '已添加同义词组', saved: '同义词组已保存', deleted: '已删除同义词组',
      deleteConfirm: '删除这组同义词？搜索将不再把这些词视为同义。', delete: '删除', count: '共 {{count}} 组', list: '同义词组',
      find: '查找同义词', empty: '暂无同义词组', noMatch: '没有包含“{{q}}”的同义词组', editLabel: '编辑同义词组：{{terms}}', deleteLabel: '删除同义词组：{{terms}}', termSep: '、',
    },
  },
};

export const en: typeof zh = {
  workbench: {
    title: 'My achievements and demands', titleAdmin: 'Review and synonyms', entryMember: 'My achievements and demands', entryAdmin: 'Review and synonyms',
    help: 'Everything your organization has posted, drafts included: drafts are seen only by your organization and are searched and matched once published.',
    helpAdmin: 'Review the achievements and demands organizations submit, and keep the synonym list the search uses.',
    forbidden: 'Only organization members and city admins may use this page.',
    tabs: { achievements: 'My achievements', demands: 'My demands', review: 'To review', synonyms: 'Synonyms' },
    newAchievement: 'Post achievement', newDemand: 'Post demand',
    filter: 'Filter by status',
    empty: { achievement: 'Your organization has posted no achievements yet', demand: 'Your organization has posted no demands yet', filtered: 'Nothing with this status' },
    updated: 'updated {{date}}', published: 'published {{date}}',
    republish: 'Publish again', viewMatches: 'See matches',
    notPublished: 'Cannot be published yet; edit it first: {{reasons}}',
    review: {
      help: 'With review switched on, what organizations publish waits here and goes public once approved; when you return one, give a reason: the organization sees it on its draft.',
      empty: 'Nothing waits for review', achievements: 'Achievements to review', demands: 'Demands to review', none: 'None',
      submitted: '{{org}} · submitted {{date}}', reason: 'Reason for returning', reasonPlaceholder: 'e.g. Please add the key figures and the patents',
      confirmReturn: 'Return it', approved: 'Approved: {{title}}', returned: 'Returned for changes: {{title}}',
    },
    synonyms: {
      help: 'A search for any word of a group also finds records with any other word of it, as soon as the group is saved, in simplified and traditional characters alike.',
      add: 'Add a synonym group', terms: 'Synonyms', termsHelp: 'Press Enter after each word; at least two different words.', termsPlaceholder: 'e.g. thermal runaway',
      addButton: 'Add', added: 'Synonym group added', saved: 'Synonym group saved', deleted: 'Synonym group deleted',
      deleteConfirm: 'Delete this group? The search no longer treats these words as synonyms.', delete: 'Delete', count: '{{count}} groups', list: 'Synonym groups',
      find: 'Find a synonym', empty: 'No synonym groups', noMatch: 'No group contains “{{q}}”', editLabel: 'Edit synonym group: {{terms}}',
      deleteLabel: 'Delete synonym group: {{terms}}', termSep: ', ',
    },
  },
};
