/** Messages of the week calendar (groups `cal`). zh-CN first, English second. */

export const zh = {
  cal: {
    title: '开放日历',
    label: '一周的开放与占用情况',
    time: '时间',
    legend: '图例',
    free: '可预约',
    busy: '已被占用',
    mine: '我的预约',
    closed: '不开放',
    past: '已过去',
    selected: '已选时段',
    prev: '上一周',
    next: '下一周',
    prevWeek: '查看上一周',
    nextWeek: '查看下一周',
    thisWeek: '本周',
    hint: '点击绿色空闲格选择开始时段，再点同一空闲段中更晚的格可延长（北京时间）',
    weekdays: { 0: '周一', 1: '周二', 2: '周三', 3: '周四', 4: '周五', 5: '周六', 6: '周日' },
  },
};

export const en: typeof zh = {
  cal: {
    title: 'Opening calendar',
    label: 'Opening and bookings of one week',
    time: 'Time',
    legend: 'Legend',
    free: 'Free',
    busy: 'Taken',
    mine: 'My booking',
    closed: 'Closed',
    past: 'Past',
    selected: 'Selected',
    prev: 'Previous',
    next: 'Next',
    prevWeek: 'Previous week',
    nextWeek: 'Next week',
    thisWeek: 'This week',
    hint: 'Click a free (green) cell to start, then a later cell of the same free stretch to extend (Beijing time)',
    weekdays: { 0: 'Mon', 1: 'Tue', 2: 'Wed', 3: 'Thu', 4: 'Fri', 5: 'Sat', 6: 'Sun' },
  },
};
