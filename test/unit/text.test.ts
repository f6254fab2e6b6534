import { describe, expect, it } from 'vitest';
import { fold } from '../../src/server/platform/text/fold.ts';
import { documentTerms, queryTerms } from '../../src/server/platform/text/segment.ts';
import { pinyinKey } from '../../src/server/platform/text/pinyin.ts';
import { toTsquery } from '../../src/server/platform/text/search-sql.ts';
import { localeOf } from '../../src/server/platform/http/i18n.ts';
import { loadConfig } from '../../src/server/config.ts';

describe('text pipeline', () => {
  it('folds traditional to simplified, full-width to half-width, case', () => {
    expect(fold('重慶市檢驗檢測研究院')).toBe('重庆市检验检测研究院');
    expect(fold('臺灣')).toBe('台湾');
    expect(fold('ＩＳＯ　１７０２５')).toBe('iso 17025');
  });
  it('segments documents in search mode and queries in precise mode', () => {
    expect(documentTerms('知识产权代理服务')).toEqual(expect.arrayContaining(['知识', '产权', '知识产权']));
    expect(queryTerms('重慶 知識產權')).toEqual(['重庆', '知识产权']);
    expect(queryTerms('的 和 ,,, ')).toEqual([]);
  });
  it('builds a tsquery that cannot be broken by punctuation', () => {
    expect(toTsquery(queryTerms("c++ o'neil 检测"))).toBe("'c':* & 'o':* & 'neil':* & '检测'");
  });
  it('gives homophones the same pinyin key', () => {
    expect(pinyinKey('检侧技术')).toBe(pinyinKey('检测技术'));
    expect(pinyinKey('檢測')).toBe('jiance');
  });
  it('picks the locale from Accept-Language by quality', () => {
    expect(localeOf(undefined)).toBe('zh-CN');
    expect(localeOf('en-US,en;q=0.9')).toBe('en');
    expect(localeOf('fr, en;q=0.5, zh;q=0.8')).toBe('zh-CN');
    expect(localeOf('zh-TW')).toBe('zh-CN');
  });
});

describe('configuration', () => {
  it('rejects a bad value naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT: must be a number/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must start with postgres/);
    expect(() => loadConfig({ DEMO: 'maybe' })).toThrow(/DEMO/);
  });
  it('turns demo mode on by default only on the embedded database', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x' }).demo).toBe(false);
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });
});
