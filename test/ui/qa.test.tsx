import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { QaReport, QaReview, QaReviewDetail, QaRubric, QaSample, QaSampleItem } from '../../core/api';
import { businessDay } from '../../core/templates/time';
import AgentDeskPage from '../../miniprogram/agent/pages/index/index';
import QaPage from '../../miniprogram/agent/pages/qa/index';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import { routes } from '../../miniprogram/utils/routes';
import { installChatStubs } from './chat-fixtures';
import { callsOf, deskConversation } from './desk-fixtures';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { whoami } from './fixtures';
import { taro } from './taro-shim';
import { typeInTextArea } from './text-area';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

const rubric: QaRubric = {
  items: [
    { key: 'greeting', label: '问候礼貌', weight: 1 },
    { key: 'accuracy', label: '答复准确', weight: 2 },
    { key: 'tone', label: '语气态度', weight: 1 },
    { key: 'resolution', label: '问题解决', weight: 2 },
  ],
  maxScore: 5,
  custom: false,
};

function item(id: string, over: Partial<QaSampleItem> = {}): QaSampleItem {
  return {
    conversationId: id,
    customerName: `顾客${id}`,
    groupId: 'grp-sales',
    agentId: 'openid-agent',
    agentName: '客服小暖',
    closedAt: '2026-11-30T02:00:00.000Z',
    resolved: true,
    rating: 5,
    firstResponseSec: 12,
    lastText: '谢谢',
    ...over,
  };
}

const sample: QaSample = {
  filter: 'random',
  seed: 's1',
  matched: 2,
  items: [item('conv-1', { rating: 2, firstResponseSec: 95, resolved: false }), item('conv-2', { rating: null, firstResponseSec: null })],
};

function review(over: Partial<QaReview> = {}): QaReview {
  return {
    conversationId: 'conv-1',
    agentId: 'openid-agent',
    agentName: '客服小暖',
    closedAt: '2026-11-30T02:00:00.000Z',
    scores: { greeting: 5, accuracy: 4, tone: 5, resolution: 3 },
    total: 80,
    comment: '问候规范',
    items: rubric.items,
    reviewedAt: '2026-12-01T02:00:00.000Z',
    reviewerId: 'openid-qa',
    reviewerName: '质检小刘',
    revisions: 0,
    ...over,
  };
}

const detail = (id: string, existing: QaReview | null = null): QaReviewDetail => ({
  conversation: deskConversation({ conversationId: id, status: 'closed', mine: false, resolved: true }),
  review: existing,
  rubric,
});

const report: QaReport = {
  from: '2026-11-25',
  to: '2026-12-01',
  rubric: rubric.items,
  agents: [
    { agentId: 'openid-agent', agentName: '客服小暖', reviews: 2, meanTotal: 73.4, items: { greeting: 4.5, accuracy: 3.5, tone: 4.5, resolution: 3 } },
    { agentId: 'openid-li', agentName: '客服小李', reviews: 1, meanTotal: 60, items: { greeting: 3, accuracy: 3, tone: 3, resolution: 3 } },
  ],
  overall: { reviews: 3, meanTotal: 68.9, items: { greeting: 4, accuracy: 3.3, tone: 4, resolution: 3 } },
};

function renderPage() {
  return render(
    <MeProvider>
      <QaPage />
    </MeProvider>,
  );
}

const days = (n: number) => ({ from: businessDay(new Date(Date.now() - (n - 1) * 24 * 3600_000)), to: businessDay(new Date()) });

function score(key: string, value: number) {
  fireEvent.click(screen.getByTestId(`qa-score-${key}-${value}`));
}

beforeEach(() => {
  installChatStubs();
  fake.functions = fakeFunctions()
    .ok('admin.whoami', whoami('qa', '质检小刘'))
    .ok('desk.qaSample', sample)
    .ok('desk.qaReview', (event) => detail(String(event.conversationId)))
    .ok('desk.qaScore', (event) => review({ conversationId: String(event.conversationId), scores: event.scores as Record<string, number> }))
    .ok('desk.qaReport', report)
    .ok('desk.qaMine', [review(), review({ conversationId: 'conv-9', total: 46.7, comment: '', scores: { greeting: 4, accuracy: 2, tone: 4, resolution: 1 } })]);
});

describe('质检 page (QA staff)', () => {
  it('samples by filter and period and lists what matters for each conversation', async () => {
    renderPage();
    const rows = await screen.findAllByTestId('qa-sample-item');
    expect(callsOf(fake.functions!, 'desk.qaSample')).toEqual([{ action: 'qaSample', ...days(7), filter: 'random', size: 20 }]);
    expect(screen.getByTestId('qa-filters').textContent).toContain('随机抽样低评分首次响应慢未解决');
    expect(screen.getByTestId('qa-filters').textContent).toContain('近7天近30天');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('顾客conv-1');
    expect(rows[0]!.textContent).toContain('客服：客服小暖');
    expect(rows[0]!.textContent).toContain('评分 2 星');
    expect(rows[0]!.textContent).toContain('首次响应 1分35秒');
    expect(rows[0]!.textContent).toContain('未解决');
    expect(rows[1]!.textContent).toContain('未评价');
    expect(rows[1]!.textContent).toContain('未回复');

    fireEvent.click(screen.getByTestId('qa-filter-low_rating'));
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.qaSample')).toHaveLength(2));
    fireEvent.click(screen.getByTestId('qa-period-30'));
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.qaSample')).toHaveLength(3));
    expect(callsOf(fake.functions!, 'desk.qaSample').slice(1)).toEqual([
      { action: 'qaSample', ...days(7), filter: 'low_rating', size: 20 },
      { action: 'qaSample', ...days(30), filter: 'low_rating', size: 20 },
    ]);
  });

  it('an empty sample says so', async () => {
    fake.functions!.ok('desk.qaSample', { ...sample, matched: 0, items: [] });
    renderPage();
    expect((await screen.findByTestId('empty')).textContent).toContain('该时间段内没有符合条件的待质检会话');
  });

  it('opens a conversation with its notes, scores every item 0–5 with a comment, then goes to the next', async () => {
    renderPage();
    fireEvent.click((await screen.findAllByTestId('qa-sample-item'))[0]!);
    await screen.findByTestId('qa-review');
    expect(callsOf(fake.functions!, 'desk.qaReview')).toEqual([{ action: 'qaReview', conversationId: 'conv-1' }]);
    expect(screen.getAllByTestId('msg').map((m) => m.textContent)).toEqual(['张晓雯空调不制冷了', '内部备注已登记：客户很着急']);
    const rubricCard = screen.getByTestId('qa-rubric');
    expect(rubricCard.textContent).toContain('问候礼貌');
    expect(rubricCard.textContent).toContain('问题解决');
    expect(within(screen.getByTestId('qa-score-greeting')).getAllByText(/^[0-5]$/)).toHaveLength(6);

    // Not every item scored: refused before calling.
    score('greeting', 5);
    fireEvent.click(screen.getByTestId('qa-submit'));
    expect(taro.toasts).toContain('请为每一项评分');
    expect(callsOf(fake.functions!, 'desk.qaScore')).toEqual([]);

    score('accuracy', 4);
    score('tone', 0);
    score('resolution', 3);
    score('greeting', 4);
    expect(screen.getByTestId('qa-score-greeting-4').className).toContain('kefu-chip--active');
    typeInTextArea(screen.getByTestId('qa-comment'), '语气可以更热情');
    fireEvent.click(screen.getByTestId('qa-submit'));
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.qaScore')).toHaveLength(1));
    expect(callsOf(fake.functions!, 'desk.qaScore')[0]).toEqual({
      action: 'qaScore',
      conversationId: 'conv-1',
      scores: { greeting: 4, accuracy: 4, tone: 0, resolution: 3 },
      comment: '语气可以更热情',
    });
    // The next one opens, with a fresh form.
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.qaReview').map((e) => e.conversationId)).toEqual(['conv-1', 'conv-2']));
    expect(taro.toasts).toContain('已提交评分');
    await screen.findByTestId('qa-review');
    expect(screen.getByTestId('qa-score-greeting-4').className).not.toContain('kefu-chip--active');

    for (const key of ['greeting', 'accuracy', 'tone', 'resolution']) score(key, 5);
    fireEvent.click(screen.getByTestId('qa-submit'));
    // That was the last: back to the (now empty) list.
    await waitFor(() => expect(taro.toasts).toContain('本批会话已全部质检'));
    expect(callsOf(fake.functions!, 'desk.qaScore')[1]).toEqual({ action: 'qaScore', conversationId: 'conv-2', scores: { greeting: 5, accuracy: 5, tone: 5, resolution: 5 } });
    expect((await screen.findByTestId('empty')).textContent).toContain('没有符合条件');
  });

  it('a conversation scored before shows the earlier scores; submitting updates them', async () => {
    fake.functions!.ok('desk.qaReview', detail('conv-1', review()));
    renderPage();
    fireEvent.click((await screen.findAllByTestId('qa-sample-item'))[0]!);
    expect((await screen.findByTestId('qa-scored-before')).textContent).toBe('已由 质检小刘 评分（80 分），再次提交将更新评分');
    expect(screen.getByTestId('qa-score-accuracy-4').className).toContain('kefu-chip--active');
    fireEvent.click(screen.getByTestId('qa-submit'));
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.qaScore')).toHaveLength(1));
    expect(callsOf(fake.functions!, 'desk.qaScore')[0]).toEqual({ action: 'qaScore', conversationId: 'conv-1', scores: { greeting: 5, accuracy: 4, tone: 5, resolution: 3 }, comment: '问候规范' });
    expect(taro.toasts).toContain('已更新评分');
  });

  it('a refused score says why and stays on the form', async () => {
    fake.functions!.fail('desk.qaScore', 'CONFLICT', '会话尚未结束，结束后才能质检');
    renderPage();
    fireEvent.click((await screen.findAllByTestId('qa-sample-item'))[0]!);
    await screen.findByTestId('qa-review');
    for (const key of ['greeting', 'accuracy', 'tone', 'resolution']) score(key, 3);
    fireEvent.click(screen.getByTestId('qa-submit'));
    await waitFor(() => expect(taro.toasts).toContain('会话尚未结束，结束后才能质检'));
    expect(screen.getByTestId('qa-review')).toBeTruthy();
    fireEvent.click(screen.getByTestId('qa-back'));
    expect(await screen.findAllByTestId('qa-sample-item')).toHaveLength(2);
  });

  it('报表: per agent and everyone, by period', async () => {
    renderPage();
    await screen.findAllByTestId('qa-sample-item');
    fireEvent.click(screen.getByTestId('qa-tab-report'));
    const rows = await screen.findAllByTestId('qa-report-row');
    expect(callsOf(fake.functions!, 'desk.qaReport')).toEqual([{ action: 'qaReport', ...days(7) }]);
    expect(rows.map((r) => r.querySelector('.kefu-line__title')?.textContent)).toEqual(['客服小暖', '客服小李', '全部客服']);
    expect(rows[0]!.textContent).toContain('平均分 73.4');
    expect(rows[0]!.textContent).toContain('质检 2 次');
    expect(rows[0]!.textContent).toContain('答复准确 3.5');
    expect(rows[2]!.textContent).toContain('平均分 68.9');
    fireEvent.click(screen.getByTestId('qa-period-30'));
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.qaReport')).toEqual([{ action: 'qaReport', ...days(7) }, { action: 'qaReport', ...days(30) }]));
  });
});

describe('质检 page (agents)', () => {
  it('agents see their own scores only, and never sample', async () => {
    fake.functions!.ok('admin.whoami', whoami('agent', '客服小暖'));
    renderPage();
    const items = await screen.findAllByTestId('qa-mine-item');
    expect(callsOf(fake.functions!, 'desk.qaMine')).toEqual([{ action: 'qaMine' }]);
    expect(callsOf(fake.functions!, 'desk.qaSample')).toEqual([]);
    expect(items[0]!.textContent).toContain('总分 80');
    expect(items[0]!.textContent).toContain('答复准确 4');
    expect(items[0]!.textContent).toContain('问候规范');
    expect(items[1]!.textContent).toContain('总分 46.7');
    expect(items[1]!.textContent).toContain('（无评语）');
    expect(screen.queryByTestId('qa-tab-report')).toBeNull();
  });

  it('no reviews yet', async () => {
    fake.functions!.ok('admin.whoami', whoami('agent')).ok('desk.qaMine', []);
    renderPage();
    expect((await screen.findByTestId('empty')).textContent).toContain('暂无质检记录');
  });
});

describe('质检 page: 评分项设置 (supervisors, admins)', () => {
  const input = (testId: string) => screen.getByTestId(testId).querySelector('input')!;

  async function openSheet(role: 'supervisor' | 'admin' = 'supervisor') {
    fake.functions!.ok('admin.whoami', whoami(role)).ok('desk.qaRubric', rubric).ok('desk.saveQaRubric', (event) => ({ ...rubric, items: event.items as QaRubric['items'], custom: true }));
    renderPage();
    fireEvent.click(await screen.findByTestId('qa-rubric-open'));
    await screen.findByTestId('qa-rubric-item-greeting');
  }

  it('edits labels and weights, adds and removes items, and saves exactly those items', async () => {
    await openSheet();
    expect(screen.getByTestId('qa-rubric-open').textContent).toBe('评分项设置');
    expect(callsOf(fake.functions!, 'desk.qaRubric')).toEqual([{ action: 'qaRubric' }]);
    expect(input('qa-rubric-label-accuracy').value).toBe('答复准确');
    expect(input('qa-rubric-weight-accuracy').value).toBe('2');

    fireEvent.input(input('qa-rubric-label-greeting'), { target: { value: '开场问候' } });
    fireEvent.input(input('qa-rubric-weight-tone'), { target: { value: '3' } });
    fireEvent.click(screen.getByTestId('qa-rubric-remove-resolution'));
    expect(screen.queryByTestId('qa-rubric-item-resolution')).toBeNull();
    fireEvent.click(screen.getByTestId('qa-rubric-add'));
    await screen.findByTestId('qa-rubric-item-item_1');
    fireEvent.input(input('qa-rubric-label-item_1'), { target: { value: '业务熟练' } });
    fireEvent.input(input('qa-rubric-weight-item_1'), { target: { value: '1.5' } });
    expect(screen.getByTestId('qa-rubric-count').textContent).toContain('共 4 项');

    fireEvent.click(screen.getByTestId('qa-rubric-save'));
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.saveQaRubric')).toHaveLength(1));
    expect(callsOf(fake.functions!, 'desk.saveQaRubric')[0]).toEqual({
      action: 'saveQaRubric',
      items: [
        { key: 'greeting', label: '开场问候', weight: 1 },
        { key: 'accuracy', label: '答复准确', weight: 2 },
        { key: 'tone', label: '语气态度', weight: 3 },
        { key: 'item_1', label: '业务熟练', weight: 1.5 },
      ],
    });
    expect(taro.toasts).toContain('评分项已保存');
    // The rubric is read again after saving.
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.qaRubric')).toHaveLength(2));
  });

  it('new keys never collide; at most 10 items and at least 1', async () => {
    fake.functions!.ok('desk.qaRubric', { ...rubric, items: [{ key: 'item_1', label: '甲', weight: 1 }] });
    fake.functions!.ok('admin.whoami', whoami('admin'));
    renderPage();
    fireEvent.click(await screen.findByTestId('qa-rubric-open'));
    await screen.findByTestId('qa-rubric-item-item_1');
    // The only item cannot be removed.
    expect(screen.queryByTestId('qa-rubric-remove-item_1')).toBeNull();
    for (let n = 0; n < 9; n++) fireEvent.click(screen.getByTestId('qa-rubric-add'));
    expect(screen.getByTestId('qa-rubric-item-item_2')).toBeDefined();
    expect(screen.getByTestId('qa-rubric-item-item_10')).toBeDefined();
    expect(screen.queryByTestId('qa-rubric-add')).toBeNull();
    expect(screen.getByTestId('qa-rubric-count').textContent).toContain('共 10 项');
    fireEvent.click(screen.getByTestId('qa-rubric-remove-item_2'));
    fireEvent.click(screen.getByTestId('qa-rubric-add'));
    expect(screen.getByTestId('qa-rubric-item-item_2')).toBeDefined();
  });

  it('a refused save shows the function\'s message and keeps the sheet open', async () => {
    await openSheet('admin');
    fake.functions!.fail('desk.saveQaRubric', 'INVALID_INPUT', '权重不能超过 100');
    fireEvent.input(input('qa-rubric-weight-greeting'), { target: { value: '500' } });
    fireEvent.click(screen.getByTestId('qa-rubric-save'));
    await waitFor(() => expect(taro.toasts).toContain('权重不能超过 100'));
    expect(callsOf(fake.functions!, 'desk.saveQaRubric')[0]).toMatchObject({ items: [{ key: 'greeting', label: '问候礼貌', weight: 500 }, {}, {}, {}] });
    expect(screen.getByTestId('qa-rubric-sheet')).toBeDefined();
    expect(callsOf(fake.functions!, 'desk.qaRubric')).toHaveLength(1);
  });

  it('QA staff and agents do not see the entry', async () => {
    const view = renderPage();
    await screen.findAllByTestId('qa-sample-item');
    expect(screen.queryByTestId('qa-rubric-open')).toBeNull();
    view.unmount();
    fake.functions!.ok('admin.whoami', whoami('agent'));
    renderPage();
    await screen.findAllByTestId('qa-mine-item');
    expect(screen.queryByTestId('qa-rubric-open')).toBeNull();
    expect(screen.queryByText('评分项设置')).toBeNull();
    expect(callsOf(fake.functions!, 'desk.qaRubric')).toEqual([]);
  });
});

describe('质检 entries on the desk home', () => {
  it('QA opens the desk home for 质检 without an inbox', async () => {
    fake.functions!.ok('admin.whoami', whoami('qa')).ok('desk.leftMessages', []).ok('desk.inbox', { status: 'online', capacity: 3, assigned: [], queue: [] });
    render(
      <MeProvider>
        <AgentDeskPage />
      </MeProvider>,
    );
    fireEvent.click(await screen.findByTestId('entry-qa'));
    expect(taro.navigations).toEqual([routes.qa]);
    expect(routes.qa).toBe('/agent/pages/qa/index');
    expect(screen.queryByTestId('entry-my-qa')).toBeNull();
    expect(screen.queryByTestId('desk-status')).toBeNull();
    expect(callsOf(fake.functions!, 'desk.inbox')).toEqual([]);
  });

  it('agents get 我的质检; supervisors 质检', async () => {
    fake.functions!.ok('admin.whoami', whoami('agent')).ok('desk.leftMessages', []).ok('desk.inbox', { status: 'online', capacity: 3, assigned: [], queue: [] });
    const view = render(
      <MeProvider>
        <AgentDeskPage />
      </MeProvider>,
    );
    expect((await screen.findByTestId('entry-my-qa')).textContent).toBe('我的质检');
    expect(screen.queryByTestId('entry-qa')).toBeNull();
    view.unmount();

    fake.functions!.ok('admin.whoami', whoami('supervisor'));
    render(
      <MeProvider>
        <AgentDeskPage />
      </MeProvider>,
    );
    expect((await screen.findByTestId('entry-qa')).textContent).toBe('质检');
    expect(screen.queryByTestId('entry-my-qa')).toBeNull();
  });
});
