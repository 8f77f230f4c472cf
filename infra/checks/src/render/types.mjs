// Terraform's type constraints (variable "x" { type = ... }) and the
// conversion a module input goes through: numbers and bools to strings for
// string types, optional() object attributes filled with their default or
// null, attributes an object type does not declare dropped.
import { evaluate } from './expression.mjs';
import { createFunctions } from './functions.mjs';
import { parseTemplate } from './parser.mjs';
import { EvalError, force, isObject, isUnknown, sortedKeys } from './values.mjs';

const ANY = { kind: 'any' };

function typeOf(node, evaluateDefault) {
  if (node.t === 'var') {
    if (['string', 'number', 'bool', 'any'].includes(node.name)) return { kind: node.name };
    throw new EvalError(`unknown type ${node.name}`);
  }
  if (node.t === 'call') {
    const [arg, second] = node.args;
    switch (node.name) {
      case 'list':
      case 'set':
      case 'map':
        return { kind: node.name, of: arg ? typeOf(arg, evaluateDefault) : ANY };
      case 'tuple':
        return { kind: 'tuple', items: arg.items.map((item) => typeOf(item, evaluateDefault)) };
      case 'object':
        return {
          kind: 'object',
          attributes: Object.fromEntries(arg.items.map((item) => {
            const attribute = typeOf(item.value, evaluateDefault);
            return [item.name ?? item.key.v, attribute];
          })),
        };
      case 'optional':
        return { ...typeOf(arg, evaluateDefault), optional: true, default: second ? evaluateDefault(second) : null };
      default:
        throw new EvalError(`unknown type constructor ${node.name}()`);
    }
  }
  throw new EvalError('unsupported type expression');
}

/** The type a variable's `type` attribute (hcl2json: "${list(object({...}))}") declares; any when absent. */
const literalScope = { lookup: () => undefined, functions: createFunctions(), where: 'type constraint' };

export function parseType(source, evaluateDefault = (node) => evaluate(node, literalScope)) {
  if (source === undefined) return ANY;
  const template = parseTemplate(source);
  if (template.parts.length !== 1 || typeof template.parts[0] === 'string') throw new EvalError(`type ${source} is not a type expression`);
  return typeOf(template.parts[0], evaluateDefault);
}

/** Converts a value to a type as Terraform does for module inputs. */
export function convert(value, type, label = 'value') {
  if (isUnknown(value) || type.kind === 'any') return value;
  if (value === null) return null;
  const forced = force(value);
  switch (type.kind) {
    case 'string':
      if (typeof forced === 'string') return forced;
      if (typeof forced === 'number' || typeof forced === 'boolean') return String(forced);
      throw new EvalError(`${label}: a string is required`);
    case 'number':
      if (typeof forced === 'number') return forced;
      if (typeof forced === 'string' && !Number.isNaN(Number(forced))) return Number(forced);
      throw new EvalError(`${label}: a number is required`);
    case 'bool':
      if (typeof forced === 'boolean') return forced;
      if (forced === 'true' || forced === 'false') return forced === 'true';
      throw new EvalError(`${label}: a bool is required`);
    case 'list':
    case 'set': {
      if (!Array.isArray(forced)) throw new EvalError(`${label}: a ${type.kind} is required`);
      const items = forced.map((item, i) => convert(item, type.of, `${label}[${i}]`));
      if (type.kind === 'set' && items.every((item) => typeof item === 'string')) return [...new Set(items)].sort();
      return items;
    }
    case 'tuple':
      if (!Array.isArray(forced)) throw new EvalError(`${label}: a tuple is required`);
      return forced.map((item, i) => convert(item, type.items[i] ?? ANY, `${label}[${i}]`));
    case 'map':
      if (!isObject(forced)) throw new EvalError(`${label}: a map is required`);
      return Object.fromEntries(sortedKeys(forced).map((key) => [key, convert(forced[key], type.of, `${label}["${key}"]`)]));
    case 'object': {
      if (!isObject(forced)) throw new EvalError(`${label}: an object is required`);
      const result = {};
      for (const [name, attribute] of Object.entries(type.attributes)) {
        if (Object.prototype.hasOwnProperty.call(forced, name) && forced[name] !== null) result[name] = convert(forced[name], attribute, `${label}.${name}`);
        else if (attribute.optional) result[name] = attribute.default;
        else if (Object.prototype.hasOwnProperty.call(forced, name)) result[name] = null;
        else throw new EvalError(`${label}: attribute "${name}" is required`);
      }
      return result;
    }
    default:
      return forced;
  }
}
