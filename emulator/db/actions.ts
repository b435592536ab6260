// The wire protocol: one request body the SDK POSTs (`action` + parameters) → the reply it expects.
// Shapes come from @cloudbase/database 1.4.3 (collection.js, query.js, document.js, aggregate.js,
// transaction/index.js). Queries, orders, projections and update data arrive as EJSON strings;
// documents go back as canonical EJSON strings.
//
// Collections: CloudBase answers DATABASE_COLLECTION_NOT_EXIST for a collection that was never
// created. To keep functions simple the emulator creates a collection on its first write and reads a
// never-written collection as empty; only database.addCollection refuses an existing name.
import { z } from 'zod';
import { parseStages } from './aggregate';
import { decodeWire, encode } from './ejson';
import { assertCollectionName, type Engine } from './engine';
import { DbError, invalidParam, toErrorReply } from './errors';
import { parseProjection, parseSort } from './query';
import { parseUpdate } from './update';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

const collectionName = z.string();
const wire = z.unknown().optional();
const required = z.unknown().refine((v) => v !== undefined && v !== null, 'required');
const transactionId = z.string().nullish();
const queryType = z.enum(['WHERE', 'DOC']).nullish();
const flag = z.boolean().nullish();

const schemas = {
  insert: z.object({ collectionName, data: required, transactionId }),
  get: z.object({
    collectionName,
    queryType,
    query: wire,
    order: wire,
    offset: z.number().int().min(0).nullish(),
    limit: z.number().int().nullish(),
    projection: wire,
    transactionId,
  }),
  count: z.object({ collectionName, query: wire, transactionId }),
  modify: z.object({ collectionName, queryType, query: wire, data: required, multi: flag, merge: flag, upsert: flag, transactionId }),
  modifyAndReturn: z.object({ collectionName, query: wire, data: required, transactionId }),
  remove: z.object({ collectionName, queryType, query: wire, multi: flag, transactionId }),
  aggregate: z.object({ collectionName, stages: required }),
  transaction: z.object({ transactionId: z.string() }),
  addCollection: z.object({ collectionName }),
};

function parse<T extends z.ZodType>(schema: T, body: Record<string, unknown>): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalidParam(`${String(body.action)}: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid request'}`);
}

/** A query / order / projection parameter: absent or '' means none. */
const decodeOptional = (value: unknown, now: number): unknown =>
  value === undefined || value === null || value === '' ? undefined : decodeWire(value, now);

/** Multi defaults as the SDK sends them: where() → many, doc() → one. */
const isMulti = (multi: boolean | null | undefined, type: string | null | undefined): boolean =>
  multi ?? type !== 'DOC';

type Handler = (engine: Engine, body: Record<string, unknown>, now: number) => Record<string, unknown>;

const handlers: Record<string, Handler> = {
  'database.insertDocument': (engine, body, now) => {
    const req = parse(schemas.insert, body);
    const items = Array.isArray(req.data) ? req.data : [req.data];
    const docs = items.map((item) => decodeWire(item, now));
    const insertedIds = engine.run(req.transactionId, (view) => engine.insert(view, req.collectionName, docs));
    return { data: { insertedIds } };
  },

  'database.getDocument': (engine, body, now) => {
    const req = parse(schemas.get, body);
    const limit = req.limit && req.limit > 0 ? Math.min(req.limit, MAX_LIMIT) : DEFAULT_LIMIT;
    const offset = req.offset ?? 0;
    const opts = {
      sort: parseSort(decodeOptional(req.order, now)),
      skip: offset,
      limit,
      projection: parseProjection(decodeOptional(req.projection, now)),
    };
    const query = decodeOptional(req.query, now);
    const list = engine.run(req.transactionId, (view) => engine.find(view, req.collectionName, query, opts));
    return { data: { list: list.map(encode), limit, offset } };
  },

  'database.calculateDocument': (engine, body, now) => {
    const req = parse(schemas.count, body);
    const query = decodeOptional(req.query, now);
    const total = engine.run(req.transactionId, (view) => engine.count(view, req.collectionName, query));
    return { data: { total } };
  },

  'database.modifyDocument': (engine, body, now) => {
    const req = parse(schemas.modify, body);
    const spec = parseUpdate(decodeWire(req.data, now), req.merge ?? true);
    const query = decodeOptional(req.query, now);
    const opts = { multi: isMulti(req.multi, req.queryType), upsert: req.upsert ?? false };
    const result = engine.run(req.transactionId, (view) => engine.update(view, req.collectionName, query, spec, opts));
    return { data: result.upsertId ? { updated: result.updated, upsert_id: result.upsertId } : { updated: result.updated } };
  },

  'database.modifyAndReturnDoc': (engine, body, now) => {
    const req = parse(schemas.modifyAndReturn, body);
    const spec = parseUpdate(decodeWire(req.data, now), true);
    const query = decodeOptional(req.query, now);
    const result = engine.run(req.transactionId, (view) => engine.updateAndReturn(view, req.collectionName, query, spec));
    return { data: { updated: result.updated, doc: result.doc ? encode(result.doc) : null } };
  },

  'database.removeDocument': (engine, body, now) => {
    const req = parse(schemas.remove, body);
    const query = decodeOptional(req.query, now);
    const multi = isMulti(req.multi, req.queryType);
    const deleted = engine.run(req.transactionId, (view) => engine.remove(view, req.collectionName, query, multi));
    return { data: { deleted } };
  },

  'database.aggregateDocuments': (engine, body, now) => {
    const req = parse(schemas.aggregate, body);
    const list = engine.aggregate(req.collectionName, parseStages(req.stages, now));
    return { data: { list: list.map(encode) } };
  },

  'database.addCollection': (engine, body) => {
    const req = parse(schemas.addCollection, body);
    assertCollectionName(req.collectionName);
    if (!engine.store.createCollection(req.collectionName)) {
      throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${req.collectionName} already exists`);
    }
    return {};
  },

  'database.startTransaction': (engine) => ({ transactionId: engine.transactions.start() }),

  'database.commitTransaction': (engine, body) => {
    engine.transactions.commit(parse(schemas.transaction, body).transactionId);
    return {};
  },

  'database.abortTransaction': (engine, body) => {
    engine.transactions.abort(parse(schemas.transaction, body).transactionId);
    return {};
  },
};

let requestCounter = 0;

/** Handles one request body; never throws: errors become `{code, message}`. */
export function handleAction(engine: Engine, body: unknown): Record<string, unknown> {
  const requestId = `emu-${Date.now().toString(36)}-${(++requestCounter).toString(36)}`;
  try {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidParam('request body must be an object');
    const request = body as Record<string, unknown>;
    const action = request.action;
    const handler = typeof action === 'string' && Object.hasOwn(handlers, action) ? handlers[action] : undefined;
    if (!handler) throw invalidParam(`unknown action ${JSON.stringify(action)}`);
    return { ...handler(engine, request, Date.now()), requestId };
  } catch (err) {
    return { ...toErrorReply(err), requestId };
  }
}
