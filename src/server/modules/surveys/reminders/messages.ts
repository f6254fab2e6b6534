/** Messages of survey reminders and 催报 (zh-CN first): the notification, hence the email, names round, form, deadline and the link. */
import { registerMessages } from '../../../platform/http/i18n.ts';

registerMessages({
  'zh-CN': {
    'audit.type.surveys.reminders_sent': '发送统计报表填报提醒',
    'audit.type.surveys.late_chased': '统计报表催报',
    'notification.survey.reminder.title': '统计报表填报提醒：{round}',
    'notification.survey.reminder.body': '「{org}」的《{form}》（{round}）尚未提交，截止日期为 {deadline}，{when}。请登录科服通填报：\n{url}',
    'survey.reminder.before': '还有 {daysLeft} 天',
    'survey.reminder.due': '今天截止',
    'notification.survey.chase.title': '催报：{round}',
    'notification.survey.chase.body': '「{org}」的《{form}》（{round}）已过截止日期 {deadline}，仍未提交。{office}请您尽快登录科服通填报：\n{url}',
    'survey.chase.notOverdue': '截止日期（{deadline}）还没有过，催报在截止之后进行；截止之前系统会自动提醒。',
    'survey.chase.nobodyLate': '没有逾期未报的机构，无需催报。',
    'survey.chase.onceADay': '今天已经催报过（{at}），每项调查每天只能催报一次，请明天再试。',
  },
  en: {
    'audit.type.surveys.reminders_sent': 'Survey reminders sent',
    'audit.type.surveys.late_chased': 'Late filers chased',
    'notification.survey.reminder.title': 'Survey reminder: {roundEn}',
    'notification.survey.reminder.body':
      '“{formEn}” ({roundEn}) of {org} has not been submitted yet; the deadline is {deadline}, {when}. Please sign in to Kefutong and file:\n{url}',
    'survey.reminder.before': 'in {daysLeft} day(s)',
    'survey.reminder.due': 'today',
    'notification.survey.chase.title': 'Overdue: {roundEn}',
    'notification.survey.chase.body':
      '“{formEn}” ({roundEn}) of {org} is past its deadline of {deadline} and not submitted. {office} asks you to sign in to Kefutong and file soon:\n{url}',
    'survey.chase.notOverdue': 'The deadline ({deadline}) has not passed: late filers are chased after it (before it, reminders go out by themselves).',
    'survey.chase.nobodyLate': 'Nobody is late: there is no one to chase.',
    'survey.chase.onceADay': 'This survey was chased today already ({at}); it can be chased once a day. Please try again tomorrow.',
  },
});
