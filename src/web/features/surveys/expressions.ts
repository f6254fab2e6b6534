/**
 * The XLSForm expressions a form may use in `constraint`, `relevant` and `required` (a documented subset of ODK's
 * XPath), parsed into a tree and evaluated without eval. Pure, unit-tested (test/unit/survey-expressions.test.ts).
 *
 *   .                    the field's own value            ${name}        another field's value
 *   12, 3.5, 'text'      literals (single or double quotes)
 *   = != < <= > >=       comparisons (numbers when both sides are numbers, text otherwise)
 *   + - * div mod        arithmetic; unary minus          ( )            grouping
 *   and  or              logic (`and` binds tighter)
 *   not(x)  selected(${f}, 'v')  string-length(x)  true()  false()   the functions
 *
 * An empty field is the empty text: in arithmetic it is not a number, so `${a} + 1 > 2` is false while `${a}` is empty.
 */
export type Value = number | string | boolean;

export type Node =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'self' }
  | { t: 'ref'; name: string }
  | { t: 'neg'; e: Node }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'call'; fn: string; args: Node[] };

/** Where a parse failed: the character offset and a message key (survey.expr.*) with its parameters. */
export class ExpressionError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, unknown>,
  ) {
    super(key);
  }
}

type Tok = { k: 'num' | 'str' | 'ref' | 'op' | 'word' | 'dot' | 'lp' | 'rp' | 'comma' | 'end'; v: string; at: number };

const FUNCTIONS: Record<string, [number, number]> = { not: [1, 1], selected: [2, 2], 'string-length': [1, 1], true: [0, 0], false: [0, 0] };
const MAX_LENGTH = 1000;

function tokens(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^[0-9]*\.?[0-9]+|^[0-9]+/.exec(src.slice(i))!;
      out.push({ k: 'num', v: m[0], at });
      i += m[0].length;
    } else if (c === '.') {
      out.push({ k: 'dot', v: '.', at });
      i++;
    } else if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new ExpressionError('survey.expr.unclosedText', { at: at + 1 });
      out.push({ k: 'str', v: src.slice(i + 1, end), at });
      i = end + 1;
    } else if (c === '$') {
      const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(src.slice(i));
      if (!m) throw new ExpressionError('survey.expr.badReference', { at: at + 1 });
      out.push({ k: 'ref', v: m[1], at });
      i += m[0].length;
    } else if (c === '(' || c === ')' || c === ',') {
      out.push({ k: c === '(' ? 'lp' : c === ')' ? 'rp' : 'comma', v: c, at });
      i++;
    } else {
      const op = /^(!=|<=|>=|=|<|>|\+|-|\*)/.exec(src.slice(i));
      if (op) {
        out.push({ k: 'op', v: op[1], at });
        i += op[1].length;
        continue;
      }
      const w = /^[A-Za-z][A-Za-z0-9-]*/.exec(src.slice(i));
      if (!w) throw new ExpressionError('survey.expr.unexpected', { at: at + 1, text: c });
      out.push({ k: 'word', v: w[0], at });
      i += w[0].length;
    }
  }
  out.push({ k: 'end', v: '', at: src.length });
  return out;
}

/** Parses an expression; throws ExpressionError naming the position (1-based) and what was wrong. */
export function parseExpression(src: string): Node {
  if (src.length > MAX_LENGTH) throw new ExpressionError('survey.expr.tooLong', { max: MAX_LENGTH });
  const toks = tokens(src);
  let p = 0;
  let depth = 0;
  const peek = () => toks[p];
  const next = () => toks[p++];
  const isWord = (w: string) => peek().k === 'word' && peek().v === w;
  const fail = (tok: Tok): never => {
    throw tok.k === 'end'
      ? new ExpressionError('survey.expr.unexpectedEnd', {})
      : new ExpressionError('survey.expr.unexpected', { at: tok.at + 1, text: tok.v });
  };
  const binary = (sub: () => Node, ops: string[], words = false): Node => {
    let left = sub();
    while ((words ? peek().k === 'word' : peek().k === 'op') && ops.includes(peek().v)) {
      const op = next().v;
      left = { t: 'bin', op, l: left, r: sub() };
    }
    return left;
  };
  const or = (): Node => binary(and, ['or'], true);
  const and = (): Node => binary(compare, ['and'], true);
  const compare = (): Node => binary(additive, ['=', '!=', '<', '<=', '>', '>=']);
  const additive = (): Node => binary(multiplicative, ['+', '-']);
  const multiplicative = (): Node => {
    let left = unary();
    while ((peek().k === 'op' && peek().v === '*') || isWord('div') || isWord('mod')) {
      const op = next().v;
      left = { t: 'bin', op, l: left, r: unary() };
    }
    return left;
  };
  const unary = (): Node => {
    if (peek().k === 'op' && peek().v === '-') {
      next();
      return { t: 'neg', e: unary() };
    }
    return primary();
  };
  const primary = (): Node => {
    const tok = next();
    if (tok.k === 'num') return { t: 'num', v: Number(tok.v) };
    if (tok.k === 'str') return { t: 'str', v: tok.v };
    if (tok.k === 'dot') return { t: 'self' };
    if (tok.k === 'ref') return { t: 'ref', name: tok.v };
    if (tok.k === 'lp') {
      if (++depth > 30) throw new ExpressionError('survey.expr.tooDeep', {});
      const inner = or();
      if (next().k !== 'rp') throw new ExpressionError('survey.expr.unclosedParen', { at: tok.at + 1 });
      depth--;
      return inner;
    }
    if (tok.k === 'word' && peek().k === 'lp') {
      const arity = FUNCTIONS[tok.v];
      if (!arity) throw new ExpressionError('survey.expr.unknownFunction', { at: tok.at + 1, text: tok.v });
      next();
      const args: Node[] = [];
      if (peek().k !== 'rp') {
        args.push(or());
        while (peek().k === 'comma') {
          next();
          args.push(or());
        }
      }
      if (next().k !== 'rp') throw new ExpressionError('survey.expr.unclosedParen', { at: tok.at + 1 });
      if (args.length < arity[0] || args.length > arity[1]) throw new ExpressionError('survey.expr.arity', { text: tok.v, count: arity[0] });
      return { t: 'call', fn: tok.v, args };
    }
    return fail(tok);
  };
  const tree = or();
  if (peek().k !== 'end') fail(peek());
  return tree;
}

/** The field names an expression refers to (`${name}`), to check them against the form. */
export function references(node: Node): string[] {
  switch (node.t) {
    case 'ref':
      return [node.name];
    case 'neg':
      return references(node.e);
    case 'bin':
      return [...references(node.l), ...references(node.r)];
    case 'call':
      return node.args.flatMap(references);
    default:
      return [];
  }
}

export interface Scope {
  /** the field's own value (`.`) */
  self?: unknown;
  /** another field's value (`${name}`); undefined/null for empty */
  get(name: string): unknown;
}

const asValue = (v: unknown): Value => (v === null || v === undefined ? '' : typeof v === 'number' || typeof v === 'boolean' ? v : String(v));
const toNumber = (v: Value): number => (typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : v.trim() === '' ? Number.NaN : Number(v));
const toBool = (v: Value): boolean => (typeof v === 'boolean' ? v : typeof v === 'number' ? v !== 0 && !Number.isNaN(v) : v !== '');
const toText = (v: Value): string => (typeof v === 'string' ? v : typeof v === 'boolean' ? String(v) : String(v));

export function evaluate(node: Node, scope: Scope): Value {
  switch (node.t) {
    case 'num':
    case 'str':
      return node.v;
    case 'self':
      return asValue(scope.self);
    case 'ref':
      return asValue(scope.get(node.name));
    case 'neg':
      return -toNumber(evaluate(node.e, scope));
    case 'call': {
      const a = node.args.map((x) => evaluate(x, scope));
      if (node.fn === 'not') return !toBool(a[0]);
      if (node.fn === 'true') return true;
      if (node.fn === 'false') return false;
      if (node.fn === 'string-length') return toText(a[0]).length;
      return toText(a[0]).split(' ').includes(toText(a[1])); // selected
    }
    case 'bin': {
      if (node.op === 'and') return toBool(evaluate(node.l, scope)) && toBool(evaluate(node.r, scope));
      if (node.op === 'or') return toBool(evaluate(node.l, scope)) || toBool(evaluate(node.r, scope));
      const l = evaluate(node.l, scope);
      const r = evaluate(node.r, scope);
      switch (node.op) {
        case '+':
          return toNumber(l) + toNumber(r);
        case '-':
          return toNumber(l) - toNumber(r);
        case '*':
          return toNumber(l) * toNumber(r);
        case 'div':
          return toNumber(l) / toNumber(r);
        case 'mod':
          return toNumber(l) % toNumber(r);
        default:
          return compareValues(node.op, l, r);
      }
    }
  }
}

function compareValues(op: string, l: Value, r: Value): boolean {
  const ln = toNumber(l);
  const rn = toNumber(r);
  const numeric = typeof l !== 'boolean' && typeof r !== 'boolean' && !Number.isNaN(ln) && !Number.isNaN(rn);
  if (typeof l === 'boolean' || typeof r === 'boolean') {
    const a = toBool(l);
    const b = toBool(r);
    return op === '=' ? a === b : op === '!=' ? a !== b : false;
  }
  // a number against an empty or non-numeric text: only "not equal" holds (XPath compares NaN as unequal)
  if ((typeof l === 'number' || typeof r === 'number') && !numeric) return op === '!=';
  const a: number | string = numeric ? ln : toText(l);
  const b: number | string = numeric ? rn : toText(r);
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

/** Evaluates as a condition (relevant, constraint, required): true or false. */
export const holds = (node: Node, scope: Scope): boolean => toBool(evaluate(node, scope));
