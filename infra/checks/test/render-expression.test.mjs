import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateSource, evaluateValue } from '../src/render/expression.mjs';
import { createFunctions } from '../src/render/functions.mjs';
import { convert, parseType } from '../src/render/types.mjs';
import { EvalError, Lazy, Unknown, isUnknown } from '../src/render/values.mjs';

const locals = {
  list: [1, 2, 3],
  map: { b: 2, a: 1 },
  envs: { dev: { branches: ['develop'], account: 'development' }, local: { branches: [], account: 'local' } },
  text: 'a.b',
  nothing: null,
  later: new Unknown('aws_acm_certificate.site.arn is assigned by AWS'),
  stores: [{ region: 'eu-west-1', bucket: 'w' }, { region: 'eu-central-1', bucket: 'c' }],
};
const scope = { lookup: (name) => ({ local: locals }[name]), functions: createFunctions(), where: 'test' };
const run = (source) => evaluateSource(source, scope);

test('render expression: literals, operators and precedence', () => {
  assert.equal(run('${1 + 2 * 3}'), 7);
  assert.equal(run('${(1 + 2) * 3}'), 9);
  assert.equal(run('${10 - 4 - 3}'), 3);
  assert.equal(run('${7 % 4 + 8 / 2}'), 7);
  assert.equal(run('${-local.list[0] + 3}'), 2);
  assert.equal(run('${1 < 2 && 2 >= 2 && !(3 <= 2)}'), true);
  assert.equal(run('${false || 1 == 1 && "a" != "b"}'), true);
  assert.equal(run('${[1, "a"] == [1, "a"]}'), true);
  assert.equal(run('${1 == "1"}'), false);
  assert.equal(run('${local.nothing == null ? "none" : "some"}'), 'none');
  assert.deepEqual(run('${[true, false, null]}'), [true, false, null]);
  assert.deepEqual(run('${{ a = 1, "b" = 2, (local.text) = 3, c : 4 }}'), { a: 1, b: 2, 'a.b': 3, c: 4 });
});

test('render expression: templates, escapes and directives', () => {
  assert.equal(run('arn:${local.text}:s3:::${local.list[2]}'), 'arn:a.b:s3:::3');
  assert.deepEqual(run('${local.list}'), [1, 2, 3], 'a lone interpolation keeps its type');
  assert.equal(run('${"quoted \\"${local.text}\\" \\\\ $${not} %%{not}"}'), 'quoted "a.b" \\ ${not} %{not}');
  assert.equal(run('%{for k, v in local.map~}\n${k}=${v};\n%{endfor~}\nend'), 'a=1;\nb=2;\nend', '~} strips the newline after the directive');
  assert.equal(run('%{if local.text == "a.b"}yes%{else}no%{endif}'), 'yes');
  assert.equal(run('%{if local.text == ""}yes%{endif}!'), '!');
  assert.throws(() => run('x${local.nothing}'), /cannot interpolate null/);
});

test('render expression: traversals and splats', () => {
  assert.equal(run('${local.envs.dev.branches[0]}'), 'develop');
  assert.equal(run('${local.envs["dev"].account}'), 'development');
  assert.deepEqual(run('${local.stores[*].region}'), ['eu-west-1', 'eu-central-1']);
  assert.deepEqual(run('${local.stores.*.bucket}'), ['w', 'c']);
  assert.deepEqual(run('${local.nothing[*]}'), []);
  assert.throws(() => run('${local.envs.qa}'), /no attribute or key "qa"/);
  assert.throws(() => run('${local.list[5]}'), /out of range/);
});

test('render expression: for expressions iterate maps in key order, filter and group', () => {
  assert.deepEqual(run('${[for k, v in local.map : "${k}${v}"]}'), ['a1', 'b2']);
  assert.deepEqual(run('${{ for key, e in local.envs : key => e if length(e.branches) > 0 }}'), { dev: locals.envs.dev });
  assert.deepEqual(run('${{ for key, e in local.envs : e.account => key }}'), { development: 'dev', local: 'local' });
  assert.deepEqual(run('${{ for s in local.stores : "all" => s.region... }}'), { all: ['eu-west-1', 'eu-central-1'] });
  assert.deepEqual(run('${[for i, v in local.list : i * v if v != 2]}'), [0, 6]);
  assert.throws(() => run('${{ for s in local.stores : "all" => s.region }}'), /duplicate key/);
});

test('render expression: functions, with ... expansion', () => {
  assert.deepEqual(run('${flatten([[1], [2, [3]]])}'), [1, 2, 3]);
  assert.deepEqual(run('${concat(local.list, [4])}'), [1, 2, 3, 4]);
  assert.equal(run('${max(local.list...)}'), 3);
  assert.deepEqual(run('${values(local.map)}'), [1, 2]);
  assert.deepEqual(run('${keys(local.map)}'), ['a', 'b']);
  assert.deepEqual(run('${distinct(["a", "b", "a"])}'), ['a', 'b']);
  assert.deepEqual(run('${toset(["b", "a", "b"])}'), ['a', 'b']);
  assert.equal(run('${element(split("/", "arn:aws:iam::1:role/deploy"), 1)}'), 'deploy');
  assert.equal(run('${one([for k, e in local.envs : k if e.account == "local"])}'), 'local');
  assert.equal(run('${one([])}'), null);
  assert.throws(() => run('${one([1, 2])}'), /at most one/);
  assert.equal(run('${length(regexall("(^|\\\\.)${replace("example.com", ".", "\\\\.")}$", "dev.example.com")) > 0}'), true);
  assert.equal(run('${replace("a-b-c", "/-(.)/", "+$1")}'), 'a+b+c');
  assert.deepEqual(run('${regex("^arn:aws:iam::([0-9]+):role/(.+)$", "arn:aws:iam::123:role/x")}'), ['123', 'x']);
  assert.equal(run('${jsonencode({ b = [1, "<a>"], a = null })}'), '{"a":null,"b":[1,"\\u003ca\\u003e"]}');
  assert.deepEqual(run('${jsondecode("{\\"a\\": [1]}")}'), { a: [1] });
  assert.deepEqual(run('${merge({ a = 1, b = 1 }, { b = 2 })}'), { a: 1, b: 2 });
  assert.equal(run('${lookup(local.map, "c", 0)}'), 0);
  assert.equal(run('${format("%s-%03d", "x", 7)}'), 'x-7');
  assert.equal(run('${join(",", compact(["a", "", null, "b"]))}'), 'a,b');
  assert.equal(run('${coalesce(null, "", "x")}'), 'x');
  assert.equal(run('${alltrue([for v in local.list : v > 0]) && !anytrue([false])}'), true);
  assert.equal(run('${startswith("alias/x", "alias/") && endswith("a.hcl", ".hcl") && contains(local.list, 2)}'), true);
  assert.equal(run('${trimsuffix(trimprefix("alias/x.tf", "alias/"), ".tf")}${upper("a")}${lower("B")}'), 'xAb');
  assert.equal(run('${basename(dirname("/a/b/c.hcl"))}'), 'b');
  assert.deepEqual(run('${tolist(tomap({ b = 1, a = 2 }))}'), [2, 1]);
});

test('render expression: try() and can() catch evaluation errors', () => {
  assert.equal(run('${try(local.envs.qa.account, "none")}'), 'none');
  assert.equal(run('${try(local.envs.dev.account, "none")}'), 'development');
  assert.equal(run('${can(local.envs.qa)}'), false);
  assert.equal(run('${can(local.envs.dev)}'), true);
  assert.equal(run('${can(regex("^[0-9]+$", "12a"))}'), false);
  assert.throws(() => run('${try(local.envs.qa, local.envs.prod)}'), /no argument could be evaluated/);
});

test('render expression: Unknown propagates through operators, templates and functions', () => {
  assert.ok(isUnknown(run('arn:${local.later}:x')));
  assert.ok(isUnknown(run('${local.later == "x" ? 1 : 2}')));
  assert.ok(isUnknown(run('${upper(local.later)}')));
  assert.ok(isUnknown(run('${jsonencode([local.later])}')));
  assert.equal(run('${length([local.later, 1])}'), 2, 'structural functions keep unknown items');
  assert.ok(isUnknown(run('${local.later.attribute}')));
});

test('render expression: errors name the place, the expression and the cause', () => {
  assert.throws(() => run('${local.missing}'), (error) => error instanceof EvalError && /^test: \$\{local\.missing\}: .*no attribute or key "missing"/.test(error.message));
  assert.throws(() => run('${nope(1)}'), /unknown function nope\(\)/);
  assert.throws(() => run('${var.x}'), /unknown name "var"/);
  assert.throws(() => run('${1 +}'), /cannot parse expression/);
  assert.throws(() => run('${"a" * 2}'), /needs numbers/);
});

test('render expression: hcl2json values (arrays, objects, keys with ${}) and lazy objects', () => {
  assert.deepEqual(evaluateValue({ '${local.text}': ['${local.list[0]}', 'x-${local.list[1]}', 3, true] }, scope), { 'a.b': [1, 'x-2', 3, true] });
  let reads = 0;
  const lazy = new Lazy({ label: 'local', keys: () => ['a', 'self'], compute: (key) => (key === 'a' ? ++reads : lazy.get('self')) });
  const lazyScope = { ...scope, lookup: (name) => (name === 'local' ? lazy : undefined) };
  assert.equal(evaluateSource('${local.a + local.a}', lazyScope), 2, 'memoised: computed once');
  assert.equal(reads, 1);
  assert.throws(() => evaluateSource('${local.self}', lazyScope), /refers to itself/);
});

test('render expression: type constraints fill optional attributes and convert primitives', () => {
  const type = parseType('${list(object({\n id = string\n prefix = optional(string)\n days = optional(number, 7)\n }))}');
  assert.deepEqual(convert([{ id: 'x', extra: 1 }], type), [{ id: 'x', prefix: null, days: 7 }]);
  assert.deepEqual(convert({ a: 1, b: true }, parseType('${map(string)}')), { a: '1', b: 'true' });
  assert.throws(() => convert([{ prefix: 'p' }], type), /attribute "id" is required/);
});
