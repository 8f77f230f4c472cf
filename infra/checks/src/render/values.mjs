// The values the renderer's HCL evaluator works with. Plain JSON values stand
// for HCL values (arrays for tuples, lists and sets; plain objects for objects
// and maps). Two markers are added:
//   Unknown: a value AWS assigns that the renderer does not model. It
//            propagates through operators and functions and is an error only
//            when it reaches a rendered policy, name or ARN.
//   Lazy:    an object whose attributes are evaluated on first read and then
//            remembered (a module's locals, a resource instance, a unit's
//            dependency outputs). Terraform evaluates only what is referenced,
//            so unmodelled parts of a module never have to be evaluated.

export class EvalError extends Error {
  constructor(message, { cause } = {}) {
    super(message, cause ? { cause } : undefined);
    this.name = 'EvalError';
  }
}

export class Unknown {
  constructor(reason) {
    this.reason = reason;
  }

  toString() {
    return `(unknown: ${this.reason})`;
  }
}

export const isUnknown = (value) => value instanceof Unknown;

const IN_PROGRESS = Symbol('in progress');

export class Lazy {
  /**
   * keys: () => string[]; compute: (key) => value (called at most once per key);
   * label: how errors name this object ("module.bucket", "local").
   */
  constructor({ keys, compute, label }) {
    this.keysOf = keys;
    this.compute = compute;
    this.label = label;
    this.cache = new Map();
  }

  keys() {
    return this.keysOf();
  }

  has(key) {
    return this.keys().includes(key);
  }

  get(key) {
    if (this.cache.has(key)) {
      const cached = this.cache.get(key);
      if (cached === IN_PROGRESS) throw new EvalError(`${this.label}.${key} refers to itself (a cycle)`);
      if (cached.error) throw cached.error;
      return cached.value;
    }
    if (!this.has(key)) throw new EvalError(`${this.label} has no attribute "${key}"`);
    this.cache.set(key, IN_PROGRESS);
    try {
      const value = this.compute(key);
      this.cache.set(key, { value });
      return value;
    } catch (error) {
      this.cache.set(key, { error });
      throw error;
    }
  }
}

export const isLazy = (value) => value instanceof Lazy;

export const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnknown(value) && !isLazy(value);

/** Keys in Terraform's iteration order for maps and objects: lexical. */
export const sortedKeys = (object) => (isLazy(object) ? object.keys() : Object.keys(object)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Resolves Lazy objects (deeply by default) into plain objects; attributes that fail become Unknown. */
export function force(value, deep = true) {
  if (isLazy(value)) {
    const object = {};
    for (const key of value.keys()) {
      let item;
      try {
        item = value.get(key);
      } catch (error) {
        item = new Unknown(`${value.label}.${key}: ${error.message}`);
      }
      object[key] = deep ? force(item) : item;
    }
    return object;
  }
  if (!deep) return value;
  if (Array.isArray(value)) return value.map((item) => force(item));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, force(item)]));
  return value;
}

/** The first Unknown inside a (forced) value, or null. */
export function findUnknown(value) {
  if (isUnknown(value)) return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findUnknown(item);
      if (found) return found;
    }
  } else if (isObject(value)) {
    for (const item of Object.values(value)) {
      const found = findUnknown(item);
      if (found) return found;
    }
  }
  return null;
}

export function typeName(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'tuple';
  if (isUnknown(value)) return 'unknown';
  if (isLazy(value) || isObject(value)) return 'object';
  return typeof value;
}

export function deepEqual(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((key) => key in b && deepEqual(a[key], b[key]));
  }
  return false;
}
