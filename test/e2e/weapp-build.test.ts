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

  it('the dashboard (manager subpackage) uses ec-canvas; echarts stays out of the main package', () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(out, 'manager/pages/dashboard/index.json'), 'utf8')) as { usingComponents?: Record<string, string> };
    const ecCanvas = dashboard.usingComponents?.['ec-canvas'] ?? '';
    expect(ecCanvas).toMatch(/echarts-for-weixin\/miniprogram_dist\/index$/);
    // The component the path names was emitted (a bare package name emits nothing).
    const component = ecCanvas.startsWith('/') ? path.join(out, ecCanvas) : path.join(out, 'manager/pages/dashboard', ecCanvas);
    for (const ext of ['.js', '.json', '.wxml']) expect(fs.existsSync(component + ext), component + ext).toBe(true);
    // Only the weapp page declares it, and no other page does.
    expect(fs.readFileSync(path.join(out, 'manager/pages/index/index.json'), 'utf8')).not.toContain('ec-canvas');

    // echarts itself is in the manager subpackage only: not in the main package's bundles
    // (the ec-canvas wrapper under npm/ is a few KB and draws with the echarts the page passes in).
    const json = app();
    const subs = (json.subPackages ?? json.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
    const mainJs = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return dir === out && subs.includes(e.name) ? [] : mainJs(p);
        return e.name.endsWith('.js') ? [p] : [];
      });
    const withEcharts = mainJs(out).filter((f) => !f.includes(`${path.sep}npm${path.sep}echarts-for-weixin${path.sep}`) && fs.readFileSync(f, 'utf8').includes('echarts'));
    expect(withEcharts.map((f) => path.relative(out, f))).toEqual([]);
    // echarts' code (its zrender core) is in the manager subpackage, not under npm/ either.
    const marker = 'zrender';
    expect(fs.readFileSync(path.join(out, 'npm/echarts-for-weixin/miniprogram_dist/index.js'), 'utf8')).not.toContain(marker);
    expect(fs.readFileSync(path.join(out, 'npm/echarts-for-weixin/miniprogram_dist/index.js'), 'utf8').length).toBeLessThan(30 * 1024);
    const managerJs = fs.readdirSync(path.join(out, 'manager'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(managerJs.some((f) => fs.readFileSync(path.join(out, 'manager', f), 'utf8').includes(marker))).toBe(true);
    expect(sizeOf(path.join(out, 'manager'))).toBeLessThan(2 * 1024 * 1024);
  });

  it('the cloud functions folder and miniprogram root are where project.config.json says', () => {
    const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as { miniprogramRoot: string; cloudfunctionRoot: string };
    expect(project.miniprogramRoot).toBe('dist/weapp/');
    expect(project.cloudfunctionRoot).toBe('cloudfunctions/');
  });
});
