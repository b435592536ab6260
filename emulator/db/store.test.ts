import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type ChangeEvent } from './index';
import { Store } from './store';

describe('store', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-store-'));
    file = path.join(dir, 'nested', 'db.sqlite');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps documents, types, collections and insertion order across a reopen', () => {
    const db = openDatabase({ file });
    expect(db.isEmpty()).toBe(true);
    db.insert('c', [{ _id: 'z', at: new Date(7), r: /x/i }, { _id: 'a', n: 1.5 }, { _id: 'm', list: [{ deep: true }] }]);
    db.handle({ action: 'database.modifyDocument', collectionName: 'c', queryType: 'DOC', query: '{"_id":"z"}', data: '{"$set":{"v":{"$numberInt":"2"}}}', merge: true });
    db.handle({ action: 'database.removeDocument', collectionName: 'c', queryType: 'DOC', query: '{"_id":"a"}' });
    db.insert('c', [{ _id: 'a', again: true }]);
    db.handle({ action: 'database.addCollection', collectionName: 'empty' });
    db.close();

    const again = openDatabase({ file });
    expect(again.isEmpty()).toBe(false);
    expect(again.find('c')).toEqual([{ _id: 'z', at: new Date(7), r: /x/i, v: 2 }, { _id: 'm', list: [{ deep: true }] }, { _id: 'a', again: true }]);
    expect(again.handle({ action: 'database.addCollection', collectionName: 'empty' })).toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' });
    again.insert('c', [{ _id: 'last' }]);
    expect(again.find('c').map((d) => d._id)).toEqual(['z', 'm', 'a', 'last']);
    again.close();
  });

  it('update() patches one document like doc().update()', () => {
    const db = openDatabase({ file: ':memory:' });
    db.insert('c', [{ _id: 'a', n: 1, o: { x: 1, y: 1 }, tags: [] }]);
    expect(db.update('c', 'a', { o: { x: 2 }, at: new Date(3), $inc: { n: 2 }, $push: { tags: 't' } })).toBe(true);
    expect(db.get('c', 'a')).toEqual({ _id: 'a', n: 3, o: { x: 2, y: 1 }, tags: ['t'], at: new Date(3) });
    expect(db.update('c', 'missing', { n: 1 })).toBe(false);
    expect(db.count('c')).toBe(1);
    expect(() => db.update('c', 'a', { $where: { x: 1 } })).toThrow(/not supported/);
    db.close();
  });

  it('hands out copies: callers cannot change stored documents', () => {
    const db = openDatabase({ file: ':memory:' });
    db.insert('c', [{ _id: 'a', o: { n: 1 } }]);
    (db.get('c', 'a')!.o as { n: number }).n = 99;
    (db.find('c')[0]!.o as { n: number }).n = 99;
    expect(db.get('c', 'a')).toEqual({ _id: 'a', o: { n: 1 } });
    db.close();
  });

  it('notifies listeners after each commit, with the new document or undefined when removed', () => {
    const db = openDatabase({ file: ':memory:' });
    const events: ChangeEvent[] = [];
    db.onChange(() => {
      throw new Error('a broken listener must not break writes');
    });
    const off = db.onChange((e) => {
      expect(db.get(e.collection, e.id)).toEqual(e.doc); // already committed when notified
      events.push(e);
    });
    db.insert('c', [{ _id: 'a', n: 1 }]);
    db.handle({ action: 'database.modifyDocument', collectionName: 'c', queryType: 'WHERE', query: '{}', data: '{"$inc":{"n":{"$numberInt":"1"}}}', merge: true, multi: true });
    db.handle({ action: 'database.modifyDocument', collectionName: 'c', queryType: 'WHERE', query: '{}', data: '{"$set":{"n":{"$numberInt":"2"}}}', merge: true, multi: true });
    db.handle({ action: 'database.removeDocument', collectionName: 'c', queryType: 'DOC', query: '{"_id":"a"}' });
    off();
    db.insert('c', [{ _id: 'b' }]);
    expect(events).toEqual([
      { collection: 'c', id: 'a', doc: { _id: 'a', n: 1 } },
      { collection: 'c', id: 'a', doc: { _id: 'a', n: 2 } },
      { collection: 'c', id: 'a', doc: undefined },
    ]);
    db.close();
  });

  it('commits a batch all or nothing', () => {
    const store = new Store(file, {});
    const bad = { _id: 'b', n: BigInt(1) }; // cannot be encoded: the SQLite transaction rolls back
    expect(() => store.commit([{ collection: 'c', id: 'a', doc: { _id: 'a' } }, { collection: 'c', id: 'b', doc: bad }])).toThrow();
    expect(store.get('c', 'a')).toBeUndefined();
    expect(store.totalDocs()).toBe(0);
    store.close();
    const reopened = new Store(file, {});
    expect(reopened.get('c', 'a')).toBeUndefined();
    reopened.close();
  });

  it('an acknowledged write survives SIGKILL of the process', async () => {
    const script = path.join(dir, 'writer.mts');
    const dbModule = path.resolve(__dirname, 'index.ts');
    fs.writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(dbModule)};
const db = openDatabase({ file: process.argv[2] });
const reply = db.handle({ action: 'database.insertDocument', collectionName: 'k', data: ['{"_id":"survivor","at":{"$date":{"$numberLong":"42"}}}'] });
process.stdout.write(JSON.stringify(reply) + '\\n');
setInterval(() => {}, 1000);
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script, file], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    });
    expect(JSON.parse(line)).toMatchObject({ data: { insertedIds: ['survivor'] } });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const db = openDatabase({ file });
    expect(db.get('k', 'survivor')).toEqual({ _id: 'survivor', at: new Date(42) });
    db.close();
  }, 20_000);
});
