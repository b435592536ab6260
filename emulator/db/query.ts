// Query, sort and projection: validated against a whitelist, then evaluated by mingo with a context
// that holds only the whitelisted query operators (so `$where`, `$function`, `$text`… cannot run).
import { Context } from 'mingo';
import * as expressionOps from 'mingo/operators/expression';
import * as projectionOps from 'mingo/operators/projection';
import * as queryOps from 'mingo/operators/query';
import { Query } from 'mingo/query';
import type { ExpressionOperator, Options, ProjectionOperator, QueryOperator, SortSpec } from 'mingo/types';
import { cloneValue, isPlainObject, type Doc } from './ejson';
import { DbError, invalidParam } from './errors';

/** Operators allowed on a field: `{field: {$op: …}}`. */
const FIELD_OPERATORS = new Set([
  '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$not', '$exists',
  '$regex', '$options', '$size', '$all', '$elemMatch', '$mod', '$type',
]);
/** Operators allowed at the top of a condition (`_.and/_.or/_.nor`, `_.expr`). */
const TOP_OPERATORS = new Set(['$and', '$or', '$nor', '$expr']);
/** Never allowed anywhere (they run user code). */
export const SCRIPT_OPERATORS = new Set(['$where', '$function', '$accumulator']);

const pick = <T>(ops: Record<string, unknown>, names: Iterable<string>): Record<`$${string}`, T> => {
  const out: Record<string, T> = {};
  for (const name of names) if (name in ops) out[name] = ops[name] as T;
  return out as Record<`$${string}`, T>;
};

const CONTEXT = Context.init({
  query: pick<QueryOperator>(queryOps, [...FIELD_OPERATORS, ...TOP_OPERATORS]),
  expression: pick<ExpressionOperator>(expressionOps, Object.keys(expressionOps).filter((n) => !SCRIPT_OPERATORS.has(n))),
  projection: pick<ProjectionOperator>(projectionOps, Object.keys(projectionOps)),
});

export const MINGO_OPTIONS: Partial<Options> = { context: CONTEXT, scriptEnabled: false, idKey: '_id' };

export type Condition = Record<string, unknown>;

/** Rejects any key in an aggregation expression that would run a script. */
export function assertNoScript(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(assertNoScript);
  if (!isPlainObject(value)) return;
  for (const [key, v] of Object.entries(value)) {
    if (SCRIPT_OPERATORS.has(key)) throw invalidParam(`operator ${key} is not supported`);
    assertNoScript(v);
  }
}

function checkFieldCondition(field: string, value: unknown): void {
  if (!isPlainObject(value)) return;
  const keys = Object.keys(value);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length === 0) return; // a literal object to compare with
  if (ops.length !== keys.length) throw invalidParam(`field ${field}: cannot mix operators and fields`);
  for (const op of ops) {
    if (!FIELD_OPERATORS.has(op)) throw invalidParam(`query operator ${op} is not supported (field ${field})`);
    const arg = value[op];
    if (op === '$not') checkFieldCondition(field, arg);
    if (op === '$elemMatch' && isPlainObject(arg)) {
      if (Object.keys(arg).every((k) => k.startsWith('$') && !TOP_OPERATORS.has(k))) checkFieldCondition(field, arg);
      else checkCondition(arg);
    }
    if (op === '$all' && Array.isArray(arg)) {
      for (const el of arg) if (isPlainObject(el) && '$elemMatch' in el) checkFieldCondition(field, el);
    }
  }
}

/** Validates a condition object against the operator whitelist; throws INVALID_PARAM. */
export function checkCondition(cond: unknown): asserts cond is Condition {
  if (!isPlainObject(cond)) throw invalidParam('query must be an object');
  for (const [key, value] of Object.entries(cond)) {
    if (!key.startsWith('$')) {
      checkFieldCondition(key, value);
    } else if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(value) || value.length === 0) throw invalidParam(`${key} needs a non-empty array`);
      value.forEach(checkCondition);
    } else if (key === '$expr') {
      assertNoScript(value);
    } else {
      throw invalidParam(`query operator ${key} is not supported`);
    }
  }
}

export interface Matcher {
  readonly condition: Condition;
  test(doc: Doc): boolean;
}

/** Validates and compiles a condition (undefined = match all). */
export function compileQuery(condition: unknown = {}): Matcher {
  checkCondition(condition);
  if (Object.keys(condition).length === 0) return { condition, test: () => true };
  let query: Query;
  try {
    query = new Query(condition, MINGO_OPTIONS);
  } catch (e) {
    throw invalidParam(`invalid query: ${(e as Error).message}`);
  }
  return { condition, test: (doc) => query.test(doc) };
}

/** `order` as the SDK sends it (`{field: 1|-1}`), or `[{field, direction}]` with asc/desc. */
export function parseSort(order: unknown): SortSpec | undefined {
  if (order === undefined || order === null || order === '') return undefined;
  if (!Array.isArray(order) && !isPlainObject(order)) throw invalidParam('order must be an object');
  const entries: Array<[string, unknown]> = Array.isArray(order)
    ? order.map((o): [string, unknown] => {
        if (!isPlainObject(o) || typeof o.field !== 'string') throw invalidParam('order items need a field');
        return [o.field, o.direction];
      })
    : Object.entries(order);
  const spec: SortSpec = {};
  for (const [field, dir] of entries) {
    if (!field || field.startsWith('$')) throw invalidParam(`invalid order field ${field}`);
    if (dir === 1 || dir === 'asc') spec[field] = 1;
    else if (dir === -1 || dir === 'desc') spec[field] = -1;
    else throw invalidParam(`invalid order direction for ${field}`);
  }
  return Object.keys(spec).length ? spec : undefined;
}

/** Include/exclude projection, with the $slice and $elemMatch projection operators. */
export function parseProjection(projection: unknown): Record<string, unknown> | undefined {
  if (projection === undefined || projection === null || projection === '') return undefined;
  if (!isPlainObject(projection)) throw invalidParam('projection must be an object');
  for (const [field, value] of Object.entries(projection)) {
    if (field.startsWith('$')) throw invalidParam(`invalid projection field ${field}`);
    if (typeof value === 'number' || typeof value === 'boolean') continue;
    if (isPlainObject(value)) {
      const ops = Object.keys(value);
      if (ops.length === 1 && ops[0] === '$slice') continue;
      if (ops.length === 1 && ops[0] === '$elemMatch') {
        checkFieldCondition(field, { $elemMatch: value.$elemMatch });
        continue;
      }
    }
    throw invalidParam(`unsupported projection for ${field}`);
  }
  return Object.keys(projection).length ? projection : undefined;
}

export interface ShapeOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  projection?: Record<string, unknown>;
}

function sliceArray(list: unknown[], spec: unknown): unknown[] {
  if (typeof spec === 'number') return spec >= 0 ? list.slice(0, spec) : list.slice(spec);
  if (Array.isArray(spec) && typeof spec[0] === 'number' && typeof spec[1] === 'number') {
    const start = spec[0] >= 0 ? spec[0] : Math.max(list.length + spec[0], 0);
    return list.slice(start, start + spec[1]);
  }
  throw invalidParam('$slice needs a number or [skip, limit]');
}

/** `{arr: {$slice: n}}` without inclusions keeps every other field (Mongo); mingo would read it as an inclusion. */
function applySlices(doc: Doc, slices: Array<[string, unknown]>): void {
  for (const [path, spec] of slices) {
    const parts = path.split('.');
    let parent: unknown = doc;
    for (const part of parts.slice(0, -1)) parent = isPlainObject(parent) ? parent[part] : undefined;
    const last = parts[parts.length - 1]!;
    if (isPlainObject(parent) && Array.isArray(parent[last])) parent[last] = sliceArray(parent[last], spec);
  }
}

function project(docs: Doc[], projection: Record<string, unknown>): Doc[] {
  const entries = Object.entries(projection);
  const isSlice = (v: unknown): boolean => isPlainObject(v) && '$slice' in v;
  const inclusive = entries.some(([field, v]) => (v === 1 || v === true || (isPlainObject(v) && !isSlice(v))) && field !== '_id');
  const copies = cloneValue(docs);
  if (inclusive) return new Query({}, MINGO_OPTIONS).find<Doc>(copies, projection).all();
  const slices = entries.filter(([, v]) => isSlice(v)).map(([field, v]): [string, unknown] => [field, (v as Record<string, unknown>).$slice]);
  copies.forEach((doc) => applySlices(doc, slices));
  const rest = Object.fromEntries(entries.filter(([, v]) => !isSlice(v)));
  return Object.keys(rest).length ? new Query({}, MINGO_OPTIONS).find<Doc>(copies, rest).all() : copies;
}

/** Sort (stable), skip, limit, then project — Mongo's order. Never mutates the input documents. */
export function shape(docs: Doc[], opts: ShapeOptions): Doc[] {
  try {
    let out = docs;
    if (opts.sort || opts.skip || opts.limit !== undefined) {
      const cursor = new Query({}, MINGO_OPTIONS).find<Doc>(docs);
      if (opts.sort) cursor.sort(opts.sort);
      if (opts.skip) cursor.skip(opts.skip);
      if (opts.limit !== undefined) cursor.limit(opts.limit);
      out = cursor.all();
    }
    // mingo's projection edits nested objects in place: project copies, never the stored documents.
    return opts.projection ? project(out, opts.projection) : out;
  } catch (e) {
    if (e instanceof DbError) throw e;
    throw invalidParam(`invalid projection or order: ${(e as Error).message}`);
  }
}
