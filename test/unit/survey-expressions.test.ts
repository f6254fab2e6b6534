/** The XLSForm expression subset (surveys/expressions.ts): parsing, evaluation, refusals — no eval anywhere. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExpressionError, evaluate, holds, parseExpression, references } from '../../src/server/modules/surveys/expressions.ts';
import { check, farFromLast, ruleText } from '../../src/server/modules/surveys/validate.ts';
import { SHIPPED_FORMS } from '../../src/server/modules/surveys/shipped.ts';

const run = (src: string, self: unknown = null, values: Record<string, unknown> = {}) => evaluate(parseExpression(src), { self, get: (n) => values[n] });
const cond = (src: string, self: unknown = null, values: Record<string, unknown> = {}) => holds(parseExpression(src), { self, get: (n) => values[n] });
const problem = (src: string) => {
  try {
    parseExpression(src);
  } catch (e) {
    if (e instanceof ExpressionError) return { key: e.key, ...e.params };
    throw e;
  }
  return null;
};

describe('XLSForm expressions', () => {
  it('reads the current value, other fields, literals and arithmetic with precedence', () => {
    expect(run('.', 5)).toBe(5);
    expect(run('${a} + ${b} * 2', null, { a: 1, b: 3 })).toBe(7);
    expect(run('(${a} + ${b}) * 2', null, { a: 1, b: 3 })).toBe(8);
    expect(run('10 div 4')).toBe(2.5);
    expect(run('10 mod 4')).toBe(2);
    expect(run('-${a} - -2', null, { a: 3 })).toBe(-1);
    expect(run('.5 + 1')).toBe(1.5);
    expect(run("'abc'")).toBe('abc');
  });

  it('compares numbers as numbers, text as text, and a number with an empty field as unequal', () => {
    expect(cond('. <= ${total}', 5, { total: 10 })).toBe(true);
    expect(cond('. <= ${total}', 11, { total: 10 })).toBe(false);
    expect(cond('. <= ${total}', '9', { total: '10' })).toBe(true); // numeric text is a number, not "9" > "10"
    expect(cond("${kind} = 'yes'", null, { kind: 'yes' })).toBe(true);
    expect(cond("${kind} != 'yes'", null, { kind: 'no' })).toBe(true);
    expect(cond('${a} > 0', null, {})).toBe(false);
    expect(cond('${a} != 0', null, {})).toBe(true);
    expect(cond('. >= 0 and . <= 100', 50)).toBe(true);
    expect(cond('. >= 0 and . <= 100', 150)).toBe(false);
    expect(cond('. < 0 or . > 100', 150)).toBe(true);
    // and binds tighter than or
    expect(cond('1 = 1 or 1 = 2 and 1 = 2')).toBe(true);
  });

  it('knows not, selected, string-length, true and false', () => {
    expect(cond("not(${a} = 'x')", null, { a: 'y' })).toBe(true);
    expect(cond("selected(${a}, 'b')", null, { a: 'a b c' })).toBe(true);
    expect(cond("selected(${a}, 'd')", null, { a: 'a b c' })).toBe(false);
    expect(run('string-length(.)', '重庆')).toBe(2);
    expect(cond('true()')).toBe(true);
    expect(cond('false()')).toBe(false);
  });

  it('lists the fields an expression names', () => {
    expect(references(parseExpression('. <= ${a} + ${b} and not(${c})'))).toEqual(['a', 'b', 'c']);
  });

  it('refuses what it does not know, saying where, and never runs code', () => {
    expect(problem('. <= ')).toMatchObject({ key: 'survey.expr.unexpectedEnd' });
    expect(problem("${a} = 'x")).toMatchObject({ key: 'survey.expr.unclosedText', at: 8 });
    expect(problem('${a b}')).toMatchObject({ key: 'survey.expr.badReference', at: 1 });
    expect(problem('(1 + 2')).toMatchObject({ key: 'survey.expr.unclosedParen', at: 1 });
    expect(problem('process.exit(1)')).toMatchObject({ key: 'survey.expr.unexpected' });
    expect(problem('eval(1)')).toMatchObject({ key: 'survey.expr.unknownFunction', text: 'eval' });
    expect(problem('not(1, 2)')).toMatchObject({ key: 'survey.expr.arity' });
    expect(problem('1 ; 2')).toMatchObject({ key: 'survey.expr.unexpected', text: ';' });
    expect(problem('1 2')).toMatchObject({ key: 'survey.expr.unexpected', at: 3 });
    expect(problem(`${'('.repeat(40)}1${')'.repeat(40)}`)).toMatchObject({ key: 'survey.expr.tooDeep' });
    expect(problem(`${'1+'.repeat(600)}1`)).toMatchObject({ key: 'survey.expr.tooLong' });
  });
});

describe('the shipped annual form’s rules', () => {
  const form = SHIPPED_FORMS[0];
  const good = { employees: 100, rd_staff: 20, revenue: 1e7, service_revenue: 5e6, rd_spending: 1e6, runs_incubator: 'no', contact: '张三' };
  const keys = (values: Record<string, unknown>) => check(form, values as never).map((e) => [e.path, e.key]);

  it('accepts a good filing and names each broken rule', () => {
    expect(keys(good)).toEqual([]);
    expect(keys({ ...good, employees: null })).toEqual([['values.employees', 'survey.value.required']]);
    expect(keys({ ...good, revenue: -1, service_revenue: -2, rd_spending: -3 }).slice(0, 1)).toEqual([['values.revenue', 'survey.value.min']]);
    expect(keys({ ...good, employees: 2_000_000 })).toEqual([['values.employees', 'survey.value.max']]);
    expect(keys({ ...good, rd_staff: 101 })).toEqual([['values.rd_staff', 'survey.value.constraint']]);
    // the incubator's area is asked only when it runs one, and then required
    expect(keys({ ...good, runs_incubator: 'yes' })).toEqual([['values.incubator_area', 'survey.value.required']]);
    expect(keys({ ...good, runs_incubator: 'yes', incubator_area: 100, core_space_area: 200 })).toEqual([
      ['values.core_space_area', 'survey.value.constraint'],
    ]);
  });

  it('states the rule with the fields’ labels', () => {
    const f = form.fields.find((x) => x.name === 'service_revenue')!;
    expect(ruleText(form, f, f.constraint!, 'zh')).toBe('〔其中：科技服务收入〕 <= 〔年营业收入〕');
    expect(ruleText(form, f, f.constraint!, 'en')).toBe('[of which S&T service revenue] <= [Annual revenue]');
  });

  it('asks for a confirmation at three times or a third of last period’s value, not below', () => {
    const last = { ...good };
    expect(farFromLast(form, { ...good, revenue: 2.9e7 }, last)).toEqual([]);
    expect(farFromLast(form, { ...good, revenue: 3e7 }, last).map((x) => x.field.name)).toEqual(['revenue']);
    expect(farFromLast(form, { ...good, employees: 33 }, last).map((x) => x.field.name)).toEqual(['employees']);
    expect(farFromLast(form, { ...good, employees: 34 }, last)).toEqual([]);
    expect(farFromLast(form, good, null)).toEqual([]);
  });
});

describe('the web’s copy of the evaluator', () => {
  it('is the server’s file, byte for byte (the web reaches the server over HTTP only, so it cannot import it)', () => {
    const server = readFileSync(new URL('../../src/server/modules/surveys/expressions.ts', import.meta.url), 'utf8');
    const web = readFileSync(new URL('../../src/web/features/surveys/expressions.ts', import.meta.url), 'utf8');
    expect(web).toBe(server);
  });
});
