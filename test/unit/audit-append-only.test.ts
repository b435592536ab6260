// The audit log is append-only (issue 7): a scan of every cloud-function source file. Only
// cloudfunctions/_shared/audit.ts may name `audit_log`; there it appends (`.add`), reads, and removes in
// exactly one place, `purgeAuditBefore` (entries older than `auditDays`), which only the retention timer
// calls. A collection chosen by a variable must be typed as a union of names without `audit_log`.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEALED_FIELDS } from '../../cloudfunctions/_shared/seal';

const ROOT = path.resolve(__dirname, '../..');
const FUNCTIONS = path.join(ROOT, 'cloudfunctions');
const AUDIT_MODULE = 'cloudfunctions/_shared/audit.ts';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(full));
    else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const files = sources(FUNCTIONS).map((file) => ({ rel: path.relative(ROOT, file).split(path.sep).join('/'), text: fs.readFileSync(file, 'utf8') }));

/** The body of `function name(…) {…}` in `text`, by brace matching. */
function functionBody(text: string, name: string): string {
  const start = text.indexOf(`function ${name}(`);
  if (start < 0) return '';
  const open = text.indexOf('{', text.indexOf(')', start));
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open, i + 1);
  }
  return '';
}

describe('audit_log is append-only', () => {
  it('scans the function sources (the scan itself sees them)', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.map((f) => f.rel)).toContain(AUDIT_MODULE);
  });

  it('no file but _shared/audit.ts names the audit_log collection', () => {
    const offenders = files.filter((f) => f.rel !== AUDIT_MODULE && /audit_log/.test(f.text)).map((f) => f.rel);
    expect(offenders).toEqual([]);
  });

  it('_shared/audit.ts appends with .add and removes only in purgeAuditBefore; no update or set', () => {
    const text = files.find((f) => f.rel === AUDIT_MODULE)!.text;
    const code = text.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    expect(code.match(/\.(update|set|doc)\(/g) ?? []).toEqual([]);
    expect(code.match(/\.remove\(/g) ?? []).toHaveLength(1);
    expect(functionBody(code, 'purgeAuditBefore')).toMatch(/\.remove\(/);
    expect(functionBody(code, 'audit')).toMatch(/collection\('audit_log'\)\.add\(/);
  });

  it('only the retention timer calls purgeAuditBefore', () => {
    const callers = files.filter((f) => f.rel !== AUDIT_MODULE && /purgeAuditBefore/.test(f.text)).map((f) => f.rel);
    expect(callers).toEqual(['cloudfunctions/admin/retention.ts']);
  });

  it('a collection named by a variable is a typed union without audit_log', () => {
    const problems: string[] = [];
    for (const f of files) {
      for (const m of f.text.matchAll(/\bcollection\(([A-Za-z_$][\w$]*)\)/g)) {
        const name = m[1]!;
        // tx.ts's txGet reads one document by id from any collection: a read, never a write.
        const rest = f.text.slice(m.index! + m[0].length, m.index! + m[0].length + 20);
        if (f.rel === 'cloudfunctions/_shared/tx.ts' && /^\.doc\(id\)\.get\(\)/.test(rest)) continue;
        // Typed as a sealed collection (encryption at rest, seal.ts): a fixed list without audit_log (checked below).
        if (new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*:\\s*SealedCollection\\b`).test(f.text)) continue;
        const declared = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*:\\s*((?:'[a-z_]+'\\s*\\|?\\s*)+)`).exec(f.text);
        if (!declared) problems.push(`${f.rel}: collection(${name}) without a union type of names`);
        else if (/'audit_log'/.test(declared[1]!)) problems.push(`${f.rel}: collection(${name}) may be audit_log`);
      }
    }
    expect(problems).toEqual([]);
    expect(Object.keys(SEALED_FIELDS)).not.toContain('audit_log');
  });
});
