// Data export end to end on the real H5 build: an admin starts a conversation export in 「数据导出」,
// the tab polls it to done and the 下载 link downloads the CSV through the gateway's signed link.
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, parseCsv } from '../../core/export/csv';
import { useH5 } from '../helpers/h5';

const h5 = useH5();

describe('data export (H5)', () => {
  it('an admin exports conversations as CSV and downloads the file', async () => {
    const admin = await h5.freshPage();
    await h5.loginAs(admin, 'admin');
    await admin.locator('.kefu-staff-entry--manager:visible').click();
    await admin.locator('[data-testid="tab-export"]:visible').click();
    await admin.locator('[data-testid="export-range-d90"]:visible').click();
    await admin.locator('[data-testid="export-start"]:visible').click();
    const link = admin.locator('[data-testid="export-download"]:visible');
    await link.waitFor({ timeout: 30_000 });
    const job = h5.emu.db.find('exports', {})[0]!;
    expect(job).toMatchObject({ status: 'done', kind: 'conversations', format: 'csv', unmasked: false });
    expect(await admin.locator('[data-testid="export-count"]:visible').textContent()).toBe(`已处理 ${job.total} / ${job.total}`);

    const [download] = await Promise.all([admin.waitForEvent('download'), link.click()]);
    const text = await fs.readFile((await download.path())!, 'utf8');
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(parseCsv(text)[0]![0]).toBe('会话编号');
    expect(h5.emu.db.count('audit_log', { action: 'export.start' })).toBe(1);
    await admin.context().close();
  });
});
