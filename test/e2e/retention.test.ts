// 数据保留 and 审计日志 on the real H5 build: an admin saves the retention settings, the timer runs, the
// tab shows its summary, and the audit log shows both the change (before → after) and the run, by filter.
import { describe, expect, it } from 'vitest';
import { useH5 } from '../helpers/h5';

const h5 = useH5();

describe('retention and audit log (H5)', () => {
  it('an admin sets the retention period, sees the last run and finds both in the audit log', async () => {
    const admin = await h5.freshPage();
    await h5.loginAs(admin, 'admin');
    await admin.locator('.kefu-staff-entry--manager:visible').click();
    await admin.locator('[data-testid="tab-retention"]:visible').click();
    const form = admin.locator('[data-testid="retention-settings"]:visible');
    await form.locator('input').first().waitFor();
    expect(await form.locator('input').first().inputValue()).toBe('180');
    await form.locator('input').first().fill('365');
    await admin.locator('[data-testid="retention-export-first-true"]:visible').click();
    await admin.locator('[data-testid="retention-save"]:visible').click();
    await expect.poll(() => h5.emu.db.get('settings', 'retention')?.days).toBe(365);
    expect(h5.emu.db.get('settings', 'retention')).toMatchObject({ days: 365, exportFirst: true, auditDays: 1095 });

    const res = await h5.emu.raw('/api/dev/trigger/admin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ trigger: 'retention' }) });
    expect(res.status).toBe(200);
    // Re-open the tab: the summary of the run.
    await admin.locator('[data-testid="tab-audit"]:visible').click();
    await admin.locator('[data-testid="tab-retention"]:visible').click();
    await expect.poll(() => admin.locator('[data-testid="retention-last-run"]:visible').textContent()).toContain('已完成');

    await admin.locator('[data-testid="tab-audit"]:visible').click();
    await admin.locator('[data-testid="audit-filter-config"]:visible').click();
    const entries = admin.locator('.kefu-audit-entry:visible');
    await expect.poll(() => entries.count()).toBe(2);
    expect(await entries.nth(0).textContent()).toContain('自动清理过期数据');
    const change = (await entries.nth(1).textContent()) ?? '';
    expect(change).toContain('修改数据保留设置');
    expect(change).toContain('客户数据保留天数：180 → 365');
    expect(change).toContain('清理前先导出：否 → 是');
    await admin.context().close();
  });
});
