// A parser for HCL's native expression syntax, as hcl2json hands it over:
// an attribute value is either plain JSON or a string holding a template
// ("arn:${local.partition}:s3:::${var.bucket_name}", "%{for ...}...%{endfor}"),
// whose literal parts are already decoded and whose ${...}/%{...} parts are
// HCL source. Produces a small AST that expression.mjs evaluates.
import { EvalError } from './values.mjs';

const ID_START = /[A-Za-z_]/;
const ID_CONTINUE = /[A-Za-z0-9_-]/;
const KEYWORDS = { true: true, false: false, null: null };

class Parser {
  constructor(source) {
    this.src = source;
    this.pos = 0;
  }

  fail(message) {
    const around = this.src.slice(Math.max(0, this.pos - 30), this.pos + 30).replace(/\n/g, '\\n');
    throw new EvalError(`cannot parse expression: ${message} at …${around}…`);
  }

  peek(text) {
    return this.src.startsWith(text, this.pos);
  }

  ws() {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos += 1;
      else if (c === '#' || this.peek('//')) {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos += 1;
      } else if (this.peek('/*')) {
        const end = this.src.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? this.src.length : end + 2;
      } else return;
    }
  }

  /** Skips blanks and consumes `text` if it comes next. */
  eat(text) {
    this.ws();
    if (this.peek(text)) {
      this.pos += text.length;
      return true;
    }
    return false;
  }

  expect(text) {
    if (!this.eat(text)) this.fail(`expected "${text}"`);
  }

  identifier() {
    this.ws();
    if (!ID_START.test(this.src[this.pos] ?? '')) return null;
    const start = this.pos;
    while (this.pos < this.src.length && ID_CONTINUE.test(this.src[this.pos])) this.pos += 1;
    return this.src.slice(start, this.pos);
  }

  /** Looks at the next identifier without consuming it. */
  peekIdentifier() {
    const saved = this.pos;
    const name = this.identifier();
    this.pos = saved;
    return name;
  }

  expression() {
    const condition = this.binary(0);
    if (this.eat('?')) {
      const then = this.expression();
      this.expect(':');
      const otherwise = this.expression();
      return { t: 'cond', c: condition, a: then, b: otherwise };
    }
    return condition;
  }

  binary(level) {
    const LEVELS = [['||'], ['&&'], ['==', '!='], ['<=', '>=', '<', '>'], ['+', '-'], ['*', '/', '%']];
    if (level === LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      this.ws();
      const op = LEVELS[level].find((candidate) => this.peek(candidate) && !this.isOtherToken(candidate));
      if (!op) return left;
      this.pos += op.length;
      left = { t: 'bin', op, l: left, r: this.binary(level + 1) };
    }
  }

  /** "=" of "==" , "=>" and "..." must not be read as operators. */
  isOtherToken(op) {
    const next = this.src[this.pos + op.length];
    if ((op === '<' || op === '>') && next === '=') return true;
    if (op === '<' && next === '<') return true;
    if (op === '-' && next === '>') return true;
    return false;
  }

  unary() {
    this.ws();
    if (this.peek('!') && !this.peek('!=')) {
      this.pos += 1;
      return { t: 'un', op: '!', x: this.unary() };
    }
    if (this.peek('-')) {
      this.pos += 1;
      return { t: 'un', op: '-', x: this.unary() };
    }
    return this.postfix(this.primary());
  }

  postfix(base) {
    let node = base;
    for (;;) {
      this.ws();
      if (this.peek('[*]') || this.peek('.*')) {
        const full = this.peek('[*]');
        this.pos += full ? 3 : 2;
        const ops = [];
        for (;;) {
          this.ws();
          if (this.peek('.') && !this.peek('..') && !this.peek('.*')) {
            this.pos += 1;
            ops.push({ t: 'attr', name: this.attributeName() });
          } else if (full && this.peek('[') && !this.peek('[*]')) {
            this.pos += 1;
            const key = this.expression();
            this.expect(']');
            ops.push({ t: 'index', key });
          } else break;
        }
        node = { t: 'splat', obj: node, ops };
      } else if (this.peek('.') && !this.peek('..')) {
        this.pos += 1;
        node = { t: 'attr', obj: node, name: this.attributeName() };
      } else if (this.peek('[')) {
        this.pos += 1;
        const key = this.expression();
        this.expect(']');
        node = { t: 'index', obj: node, key };
      } else return node;
    }
  }

  attributeName() {
    const digits = /^[0-9]+/.exec(this.src.slice(this.pos));
    if (digits) {
      this.pos += digits[0].length;
      return Number(digits[0]);
    }
    const name = this.identifier();
    if (name === null) this.fail('expected an attribute name');
    return name;
  }

  primary() {
    this.ws();
    const c = this.src[this.pos];
    if (c === undefined) this.fail('unexpected end');
    if (/[0-9]/.test(c)) {
      const match = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.src.slice(this.pos));
      this.pos += match[0].length;
      return { t: 'lit', v: Number(match[0]) };
    }
    if (c === '"') {
      this.pos += 1;
      return this.template('"');
    }
    if (this.peek('<<')) return this.heredoc();
    if (c === '(') {
      this.pos += 1;
      const inner = this.expression();
      this.expect(')');
      return { t: 'paren', x: inner };
    }
    if (c === '[') {
      this.pos += 1;
      return this.peekIdentifier() === 'for' && this.isForHead() ? this.forExpression(']') : this.tuple();
    }
    if (c === '{') {
      this.pos += 1;
      return this.peekIdentifier() === 'for' && this.isForHead() ? this.forExpression('}') : this.object();
    }
    const name = this.identifier();
    if (name === null) this.fail(`unexpected "${c}"`);
    if (name in KEYWORDS) return { t: 'lit', v: KEYWORDS[name] };
    // A call needs the parenthesis on the same line as the name.
    const afterName = this.pos;
    while (this.src[this.pos] === ' ' || this.src[this.pos] === '\t') this.pos += 1;
    if (this.peek('::')) this.fail('provider functions are not supported');
    if (this.src[this.pos] === '(') {
      this.pos += 1;
      return this.call(name);
    }
    this.pos = afterName;
    return { t: 'var', name };
  }

  /** `for` followed by an identifier and `in` or `,`: a for expression, not a variable named for. */
  isForHead() {
    const saved = this.pos;
    this.identifier();
    const first = this.identifier();
    this.ws();
    const result = first !== null && (this.peek(',') || this.peekIdentifier() === 'in');
    this.pos = saved;
    return result;
  }

  call(name) {
    const args = [];
    let expand = false;
    while (!this.eat(')')) {
      args.push(this.expression());
      if (this.eat('...')) expand = true;
      if (!this.eat(',')) {
        this.expect(')');
        break;
      }
    }
    return { t: 'call', name, args, expand };
  }

  tuple() {
    const items = [];
    while (!this.eat(']')) {
      items.push(this.expression());
      if (!this.eat(',')) {
        this.expect(']');
        break;
      }
    }
    return { t: 'tuple', items };
  }

  object() {
    const items = [];
    while (!this.eat('}')) {
      const key = this.binary(0);
      this.ws();
      if (!(this.peek('=') && !this.peek('==') && !this.peek('=>')) && !this.peek(':')) this.fail('expected "=" or ":" after an object key');
      this.pos += 1;
      const value = this.expression();
      // A bare identifier names the attribute; anything else is evaluated.
      items.push(key.t === 'var' ? { name: key.name, value } : { key: key.t === 'paren' ? key.x : key, value });
      this.eat(',');
    }
    return { t: 'object', items };
  }

  /** `k, v in coll` (or `v in coll`) after a for keyword, in expressions and template directives. */
  forHeader() {
    let k = null;
    let v = this.identifier();
    if (this.eat(',')) {
      k = v;
      v = this.identifier();
    }
    if (this.identifier() !== 'in') this.fail('expected "in"');
    return { k, v, coll: this.expression() };
  }

  forExpression(close) {
    this.identifier(); // for
    const { k, v, coll } = this.forHeader();
    this.expect(':');
    let key = null;
    const first = this.expression();
    let value = first;
    let group = false;
    if (close === '}') {
      this.expect('=>');
      key = first;
      value = this.expression();
      group = this.eat('...');
    }
    let cond = null;
    if (this.peekIdentifier() === 'if') {
      this.identifier();
      cond = this.expression();
    }
    this.expect(close);
    return close === ']' ? { t: 'fortuple', k, v, coll, val: value, cond } : { t: 'forobj', k, v, coll, key, val: value, group, cond };
  }

  heredoc() {
    const match = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)\r?\n/.exec(this.src.slice(this.pos));
    if (!match) this.fail('bad heredoc');
    this.pos += match[0].length;
    const lines = [];
    for (;;) {
      const end = this.src.indexOf('\n', this.pos);
      if (end < 0) this.fail('unterminated heredoc');
      const line = this.src.slice(this.pos, end);
      this.pos = end + 1;
      if (line.trim() === match[2]) break;
      lines.push(line);
    }
    let body = lines.map((line) => `${line}\n`).join('');
    if (match[1]) {
      const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)[0].length));
      body = lines.map((line) => `${line.slice(indent)}\n`).join('');
    }
    return parseTemplate(body);
  }

  /**
   * A template up to `close` ('"' for a quoted string, null for the whole
   * input). Quoted strings decode escapes; hcl2json's top-level strings are
   * decoded already. Returns { t: 'tmpl', parts } (parts: strings and nodes).
   */
  template(close, stopAtDirectives = []) {
    const parts = [];
    let text = '';
    const flush = () => {
      if (text) parts.push(text);
      text = '';
    };
    for (;;) {
      if (this.pos >= this.src.length) {
        if (close) this.fail('unterminated string');
        break;
      }
      if (close && this.peek(close)) {
        this.pos += close.length;
        break;
      }
      if (this.peek('$${') || this.peek('%%{')) {
        text += this.src[this.pos] + '{';
        this.pos += 3;
        continue;
      }
      if (this.peek('${') || this.peek('%{')) {
        const directive = this.peek('%{');
        const start = this.pos;
        this.pos += 2;
        const stripBefore = this.src[this.pos] === '~';
        if (stripBefore) {
          this.pos += 1;
          text = text.replace(/[ \t\r\n]+$/, '');
        }
        if (directive) {
          const name = this.peekIdentifier();
          if (stopAtDirectives.includes(name)) {
            this.pos = start;
            flush();
            return { t: 'tmpl', parts };
          }
          flush();
          parts.push(this.directive(name, close));
          continue;
        }
        flush();
        parts.push(this.expression());
        this.closeInterpolation();
        continue;
      }
      if (close === '"' && this.src[this.pos] === '\\') {
        text += this.escape();
        continue;
      }
      if (close === '"' && this.src[this.pos] === '\n') this.fail('newline in a quoted string');
      text += this.src[this.pos];
      this.pos += 1;
    }
    flush();
    return { t: 'tmpl', parts };
  }

  /** Consumes "}" or "~}" (and the whitespace a strip marker removes). */
  closeInterpolation() {
    this.ws();
    if (this.peek('~}')) {
      this.pos += 2;
      while (/[ \t\r\n]/.test(this.src[this.pos] ?? '')) this.pos += 1;
      return;
    }
    this.expect('}');
  }

  directive(name, close) {
    this.identifier();
    if (name === 'if') {
      const cond = this.expression();
      this.closeInterpolation();
      const then = this.template(close, ['else', 'endif']);
      let otherwise = { t: 'tmpl', parts: [] };
      this.expect('%{');
      this.eat('~');
      if (this.identifier() === 'else') {
        this.closeInterpolation();
        otherwise = this.template(close, ['endif']);
        this.expect('%{');
        this.eat('~');
        this.identifier();
      }
      this.closeInterpolation();
      return { t: 'tif', cond, then, otherwise };
    }
    if (name === 'for') {
      const { k, v, coll } = this.forHeader();
      this.closeInterpolation();
      const body = this.template(close, ['endfor']);
      this.expect('%{');
      this.eat('~');
      this.identifier();
      this.closeInterpolation();
      return { t: 'tfor', k, v, coll, body };
    }
    return this.fail(`unknown template directive "${name}"`);
  }

  escape() {
    const next = this.src[this.pos + 1];
    const simple = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
    if (next in simple) {
      this.pos += 2;
      return simple[next];
    }
    if (next === 'u' || next === 'U') {
      const length = next === 'u' ? 4 : 8;
      const hex = this.src.slice(this.pos + 2, this.pos + 2 + length);
      this.pos += 2 + length;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    return this.fail(`unknown escape \\${next}`);
  }
}

const templateCache = new Map();

/** Parses an hcl2json string value (a template, maybe just "${expr}"). */
export function parseTemplate(source) {
  if (!templateCache.has(source)) {
    const parser = new Parser(source);
    templateCache.set(source, parser.template(null));
  }
  return templateCache.get(source);
}

/** Parses one HCL expression. */
export function parseExpression(source) {
  const parser = new Parser(source);
  const node = parser.expression();
  parser.ws();
  if (parser.pos !== source.length) parser.fail('unexpected text after the expression');
  return node;
}
