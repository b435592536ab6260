// Updates: Mongo update operators (applied by mingo's updater) or a whole-document replacement.
// The SDK sends `update({a: 1})` already encoded as `{$set: {a: 1}}` (nested objects flattened to
// dotted paths) with merge:true; `doc().set(data)` sends the replacement with merge:false.
import { update as mingoUpdate } from 'mingo/updater';
import type { Modifier } from 'mingo/updater';
import { cloneValue, encode, isPlainObject, type Doc } from './ejson';
import { invalidParam, requestFailed } from './errors';
import { MINGO_OPTIONS, type Condition } from './query';

const UPDATE_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$push', '$pull', '$pullAll',
  '$addToSet', '$pop', '$rename', '$bit', '$currentDate',
]);

export type UpdateSpec =
  | { kind: 'replace'; doc: Doc }
  | { kind: 'modify'; modifier: Record<string, Record<string, unknown>> };

/** Field names must not start with `$` at any depth (they would read as operators). */
export function assertStorable(value: unknown, where = 'document'): void {
  if (Array.isArray(value)) return value.forEach((v) => assertStorable(v, where));
  if (!isPlainObject(value)) return;
  for (const [key, v] of Object.entries(value)) {
    if (key.startsWith('$')) throw invalidParam(`${where}: field name ${key} must not start with '$'`);
    assertStorable(v, where);
  }
}

function flattenInto(out: Record<string, unknown>, prefix: string, value: unknown): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flattenInto(out, prefix ? `${prefix}.${k}` : k, v);
  } else {
    out[prefix] = value;
  }
}

const touchesId = (path: string): boolean => path === '_id' || path.startsWith('_id.');

/** Reads the request's `data` + `merge` into an update spec; throws INVALID_PARAM. */
export function parseUpdate(data: unknown, merge: boolean): UpdateSpec {
  if (!isPlainObject(data)) throw invalidParam('update data must be an object');
  if (!merge) {
    assertStorable(data, 'replacement');
    return { kind: 'replace', doc: data };
  }
  const modifier: Record<string, Record<string, unknown>> = {};
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith('$')) {
      flattenInto(plain, key, value);
      continue;
    }
    if (!UPDATE_OPERATORS.has(key)) throw invalidParam(`update operator ${key} is not supported`);
    if (!isPlainObject(value)) throw invalidParam(`${key} needs an object of fields`);
    modifier[key] = { ...value };
  }
  if (Object.keys(plain).length) modifier.$set = { ...modifier.$set, ...plain };
  if (Object.keys(modifier).length === 0) throw invalidParam('update data is empty');
  for (const [op, fields] of Object.entries(modifier)) {
    for (const [path, arg] of Object.entries(fields)) {
      if (touchesId(path) || (op === '$rename' && typeof arg === 'string' && touchesId(arg))) {
        throw invalidParam('_id cannot be updated');
      }
      if ((op === '$inc' || op === '$mul') && typeof arg !== 'number') throw invalidParam(`${op} ${path} needs a number`);
      if (op === '$set') assertStorable(arg, `$set ${path}`);
    }
  }
  return { kind: 'modify', modifier };
}

function valueAt(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(cur) && /^\d+$/.test(part)) cur = cur[Number(part)];
    else if (isPlainObject(cur)) cur = cur[part];
    else return undefined;
  }
  return cur;
}

const NUMERIC_OPERATORS = ['$inc', '$mul'];
const ARRAY_OPERATORS = ['$push', '$addToSet', '$pull', '$pullAll', '$pop'];

/** Mongo refuses arithmetic on a non-number and array operators on a non-array (mingo would skip them silently). */
function checkTargets(doc: Doc, modifier: Record<string, Record<string, unknown>>): void {
  for (const [op, fields] of Object.entries(modifier)) {
    const numeric = NUMERIC_OPERATORS.includes(op);
    if (!numeric && !ARRAY_OPERATORS.includes(op)) continue;
    for (const path of Object.keys(fields)) {
      const current = valueAt(doc, path);
      if (current === undefined) continue;
      if (numeric && typeof current !== 'number') throw requestFailed(`Cannot apply ${op} to a value of non-numeric type at '${path}'`);
      if (!numeric && !Array.isArray(current)) throw requestFailed(`Cannot apply ${op} to a non-array field at '${path}'`);
    }
  }
}

/**
 * Applies the spec to a copy of `doc` (which is never mutated). `modified` is Mongo's nModified:
 * false when the update leaves the document as it was (CloudBase then answers updated: 0).
 */
export function applyUpdate(doc: Doc, spec: UpdateSpec, condition?: Condition): { doc: Doc; modified: boolean } {
  if (spec.kind === 'replace') {
    if (spec.doc._id !== undefined && spec.doc._id !== doc._id) throw invalidParam('_id cannot be updated');
    const next: Doc = { _id: doc._id, ...cloneValue(spec.doc) };
    return { doc: next, modified: encode(next) !== encode(doc) };
  }
  const next = cloneValue(doc);
  checkTargets(next, spec.modifier);
  const positional = Object.values(spec.modifier).some((fields) => Object.keys(fields).some((p) => p.includes('$')));
  let changed: string[];
  try {
    changed = mingoUpdate(next, cloneValue(spec.modifier) as Modifier<Doc>, undefined, positional ? condition : undefined, {
      cloneMode: 'deep',
      queryOptions: MINGO_OPTIONS,
    });
  } catch (e) {
    throw requestFailed(`update failed: ${(e as Error).message}`);
  }
  return { doc: next, modified: changed.length > 0 };
}

/** The document an upsert starts from: the equality conditions of the query (`{a: 1}`, `{a: {$eq: 1}}`). */
export function upsertSeed(condition: Condition): Doc {
  const fields: Record<string, unknown> = {};
  const collect = (cond: Condition): void => {
    for (const [key, value] of Object.entries(cond)) {
      if (key === '$and' && Array.isArray(value)) value.filter(isPlainObject).forEach(collect);
      else if (key.startsWith('$')) continue;
      else if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
        if ('$eq' in value) fields[key] = value.$eq;
      } else if (!(value instanceof RegExp)) fields[key] = value;
    }
  };
  collect(condition);
  const { _id, ...rest } = fields;
  const seed: Doc = _id === undefined ? {} : { _id };
  if (Object.keys(rest).length) mingoUpdate(seed, { $set: cloneValue(rest) } as Modifier<Doc>, undefined, undefined, { cloneMode: 'deep' });
  return seed;
}
