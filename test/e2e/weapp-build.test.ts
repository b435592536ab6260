// The weapp build is checked by its output (WeChat DevTools cannot run here): app.json lists the
// customer pages in the main package and agent/, manager/ as subpackages; the main package is small.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/emulator';

const out = path.join(ROOT, 'dist/weapp');

function sizeOf(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.size;
  return fs.readdirSync(p).reduce((n, e) => n + sizeOf(path.join(p, e)), 0);
}

describe('weapp build (dist/weapp)', () => {
  it('exists — run `npm run build:weapp` first', () => {
    expect(fs.existsSync(path.join(out, 'app.json'))).toBe(true);
  });

  const app = () => JSON.parse(fs.readFileSync(path.join(out, 'app.json'), 'utf8')) as { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }>; subpackages?: Array<{ root: string; pages: string[] }> };

  it('lists the customer pages in the main package and agent/, manager/ as subpackages', () => {
    const json = app();
    expect(json.pages[0]).toBe('pages/index/index');
    expect(json.pages.every((p) => p.startsWith('pages/'))).toBe(true);
    const subs = json.subPackages ?? json.subpackages ?? [];
    expect(subs.map((s) => s.root.replace(/\/$/, '')).sort()).toEqual(['agent', 'manager']);
    for (const sub of subs) {
      expect(sub.pages.length).toBeGreaterThan(0);
      for (const page of sub.pages) expect(fs.existsSync(path.join(out, sub.root, `${page}.js`)), `${sub.root}/${page}.js`).toBe(true);
    }
    for (const page of json.pages) expect(fs.existsSync(path.join(out, `${page}.js`)), `${page}.js`).toBe(true);
  });

  it('keeps the main package under 1 MB (WeChat allows 2 MB)', () => {
    const json = app();
    const subs = (json.subPackages ?? json.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
    const main = fs
      .readdirSync(out)
      .filter((e) => !subs.includes(e))
      .reduce((n, e) => n + sizeOf(path.join(out, e)), 0);
    expect(main).toBeLessThan(1024 * 1024);
  });

  it('the cloud functions folder and miniprogram root are where project.config.json says', () => {
    const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as { miniprogramRoot: string; cloudfunctionRoot: string };
    expect(project.miniprogramRoot).toBe('dist/weapp/');
    expect(project.cloudfunctionRoot).toBe('cloudfunctions/');
  });
});
