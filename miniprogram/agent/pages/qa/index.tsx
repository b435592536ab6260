// Quality review (质检). QA staff, supervisors and admins: sample closed conversations by a filter and a
// period, read one (notes included), score it item by item (0–5) with a comment, go on to the next;
// the per-agent report. Agents: the scores their own conversations were given.
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { QaFilter, QaReview, QaReviewDetail, QaRubric, QaSampleItem, WhoAmI } from '../../../../core/api';
import { QA_MAX_ITEMS } from '../../../../core/qa';
import { ANY_STAFF, MANAGERS } from '../../../../core/roles';
import { businessDay, chineseDateTime } from '../../../../core/templates/time';
import { call, errorText } from '../../../api/client';
import { LoadingState, ErrorState, PageState } from '../../../components/PageState';
import { Button, Input, Popup } from '../../../components/nutui';
import { TextArea } from '../../../components/booking/nutui';
import { MessageList } from '../../../components/chat';
import { useRequest } from '../../../hooks/useRequest';
import { Chips, Tabs } from '../../shared/Chips';
import { duration } from '../../shared/format';
import { QA_REVIEWERS } from '../../shared/roles';
import { StaffGate } from '../../shared/StaffGate';
import '../../shared/agent.scss';
import './index.scss';

const TEXT = {
  tabs: { sample: '抽样质检', report: '报表' },
  filters: { random: '随机抽样', low_rating: '低评分', slow_first_response: '首次响应慢', unresolved: '未解决' } satisfies Record<QaFilter, string>,
  periods: { 7: '近7天', 30: '近30天' },
  matched: (shown: number, matched: number) => `共 ${matched} 个待质检会话，显示 ${shown} 个`,
  emptySample: '该时间段内没有符合条件的待质检会话',
  agent: (name: string) => `客服：${name}`,
  rating: (n: number) => `评分 ${n} 星`,
  noRating: '未评价',
  frt: (sec: number) => `首次响应 ${duration(sec)}`,
  noReply: '未回复',
  unresolved: '未解决',
  resolved: '已解决',
  back: '返回列表',
  rubric: '评分标准',
  comment: '评语（选填，最多 500 字）',
  submit: '提交评分',
  submitted: '已提交评分',
  updated: '已更新评分',
  allDone: '本批会话已全部质检',
  scoredBefore: (name: string, total: number) => `已由 ${name} 评分（${total} 分），再次提交将更新评分`,
  total: (n: number) => `总分 ${n}`,
  missing: '请为每一项评分',
  reportEmpty: '该时间段内没有质检记录',
  reviews: (n: number) => `质检 ${n} 次`,
  meanTotal: (n: number | null) => `平均分 ${n ?? '—'}`,
  overall: '全部客服',
  mineTitle: '我的质检',
  mineEmpty: '暂无质检记录',
  closedAt: (t: string) => `会话时间 ${t}`,
  noComment: '（无评语）',
  notReviewer: '此页面仅供质检、主管和管理员使用',
  rubricEdit: {
    open: '评分项设置',
    title: '评分项设置',
    label: '名称',
    weight: '权重',
    add: '添加评分项',
    remove: '删除',
    save: '保存',
    cancel: '取消',
    saved: '评分项已保存',
    count: (n: number) => `共 ${n} 项（1–${QA_MAX_ITEMS} 项），每项 0–5 分`,
    noLabel: '请填写每个评分项的名称',
    badWeight: '权重必须是大于 0 的数字',
  },
} as const;

/** Who reviews; everyone else at the desk sees their own scores. */
const REVIEWERS = QA_REVIEWERS;
const FILTERS = Object.keys(TEXT.filters) as QaFilter[];
type Period = '7' | '30';
type Tab = 'sample' | 'report';
const SAMPLE_SIZE = 20;
const SCORES = ['0', '1', '2', '3', '4', '5'] as const;

/** The last `days` UTC+8 days, today included. */
function period(days: number): { from: string; to: string } {
  const now = Date.now();
  return { from: businessDay(new Date(now - (days - 1) * 24 * 3600_000)), to: businessDay(new Date(now)) };
}

const when = (iso: string) => (iso ? chineseDateTime(new Date(iso)) : '');

export default function QaPage() {
  return <StaffGate roles={ANY_STAFF}>{(me) => (REVIEWERS.includes(me.role) ? <Reviewer me={me} /> : <MyReviews me={me} />)}</StaffGate>;
}

function PeriodChips({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  return <Chips choices={(['7', '30'] as const).map((p) => ({ value: p, label: TEXT.periods[p], testId: `qa-period-${p}` }))} value={value} onChange={onChange} />;
}

function Reviewer({ me }: { me: WhoAmI }) {
  const [tab, setTab] = useState<Tab>('sample');
  const [editing, setEditing] = useState(false);
  const mayEdit = MANAGERS.includes(me.role);
  return (
    <View className="kefu-page kefu-qa">
      <Tabs choices={(['sample', 'report'] as const).map((t) => ({ value: t, label: TEXT.tabs[t], testId: `qa-tab-${t}` }))} value={tab} onChange={setTab} />
      {mayEdit ? (
        <View className="kefu-qa__rubric-open" data-testid="qa-rubric-open" onClick={() => setEditing(true)}>
          {TEXT.rubricEdit.open}
        </View>
      ) : null}
      {tab === 'sample' ? <Sampling /> : <Report />}
      {mayEdit ? <RubricSheet visible={editing} onClose={() => setEditing(false)} /> : null}
    </View>
  );
}

// ---- The rubric (supervisors, admins) ----

interface RubricDraftItem {
  key: string;
  label: string;
  weight: string;
}

/** A new item's key: `item_<n>`, the first n not already taken. */
function nextRubricKey(taken: readonly string[]): string {
  let n = 1;
  while (taken.includes(`item_${n}`)) n++;
  return `item_${n}`;
}

const draftOf = (rubric: QaRubric): RubricDraftItem[] => rubric.items.map((i) => ({ key: i.key, label: i.label, weight: String(i.weight) }));

function RubricSheet({ visible, onClose }: { visible: boolean; onClose: () => void }) {
  const rubric = useRequest(() => (visible ? call('desk', 'qaRubric', {}) : Promise.resolve(undefined)), [visible]);
  return (
    <Popup visible={visible} position="bottom" round title={TEXT.rubricEdit.title} onClose={onClose}>
      {visible ? (
        <View className="kefu-qa__sheet" data-testid="qa-rubric-sheet">
          {rubric.data ? (
            <RubricForm key={rubric.data.updatedAt ?? 'default'} rubric={rubric.data} onClose={onClose} onSaved={() => void rubric.reload()} />
          ) : rubric.error ? (
            <ErrorState error={rubric.error} onRetry={() => void rubric.reload()} />
          ) : (
            <LoadingState />
          )}
        </View>
      ) : null}
    </Popup>
  );
}

function RubricForm({ rubric, onClose, onSaved }: { rubric: QaRubric; onClose: () => void; onSaved: () => void }) {
  const [items, setItems] = useState<RubricDraftItem[]>(() => draftOf(rubric));
  const [saving, setSaving] = useState(false);
  const edit = (key: string, patch: Partial<RubricDraftItem>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const add = () => setItems((list) => (list.length >= QA_MAX_ITEMS ? list : [...list, { key: nextRubricKey(list.map((i) => i.key)), label: '', weight: '1' }]));
  const remove = (key: string) => setItems((list) => (list.length <= 1 ? list : list.filter((i) => i.key !== key)));

  const save = async () => {
    if (saving) return;
    if (items.some((i) => !i.label.trim())) {
      void Taro.showToast({ title: TEXT.rubricEdit.noLabel, icon: 'none' });
      return;
    }
    const weights = items.map((i) => (i.weight.trim() === '' ? Number.NaN : Number(i.weight.trim())));
    if (weights.some((w) => !Number.isFinite(w) || w <= 0)) {
      void Taro.showToast({ title: TEXT.rubricEdit.badWeight, icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      await call('desk', 'saveQaRubric', { items: items.map((i, n) => ({ key: i.key, label: i.label.trim(), weight: weights[n]! })) });
      void Taro.showToast({ title: TEXT.rubricEdit.saved, icon: 'success' });
      setSaving(false);
      onSaved();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
      setSaving(false);
    }
  };

  return (
    <>
      <Text className="kefu-muted" data-testid="qa-rubric-count">
        {TEXT.rubricEdit.count(items.length)}
      </Text>
      {items.map((item) => (
        <View key={item.key} className="kefu-qa__sheet-item" data-testid={`qa-rubric-item-${item.key}`}>
          <View className="kefu-qa__sheet-field" data-testid={`qa-rubric-label-${item.key}`}>
            <Text className="kefu-muted">{TEXT.rubricEdit.label}</Text>
            <Input value={item.label} maxLength={20} onChange={(v) => edit(item.key, { label: v })} />
          </View>
          <View className="kefu-qa__sheet-field kefu-qa__sheet-weight" data-testid={`qa-rubric-weight-${item.key}`}>
            <Text className="kefu-muted">{TEXT.rubricEdit.weight}</Text>
            <Input type="digit" value={item.weight} onChange={(v) => edit(item.key, { weight: v })} />
          </View>
          {items.length > 1 ? (
            <View className="kefu-qa__sheet-remove kefu-danger" data-testid={`qa-rubric-remove-${item.key}`} onClick={() => remove(item.key)}>
              {TEXT.rubricEdit.remove}
            </View>
          ) : null}
        </View>
      ))}
      {items.length < QA_MAX_ITEMS ? (
        <View className="kefu-qa__sheet-add" data-testid="qa-rubric-add" onClick={add}>
          {`+ ${TEXT.rubricEdit.add}`}
        </View>
      ) : null}
      <View className="kefu-qa__sheet-actions">
        <Button block onClick={onClose}>
          {TEXT.rubricEdit.cancel}
        </Button>
        <Button block type="primary" disabled={saving} onClick={() => void save()}>
          <View data-testid="qa-rubric-save">{TEXT.rubricEdit.save}</View>
        </Button>
      </View>
    </>
  );
}

function Sampling() {
  const [filter, setFilter] = useState<QaFilter>('random');
  const [days, setDays] = useState<Period>('7');
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string[]>([]);
  const sample = useRequest(() => call('desk', 'qaSample', { ...period(Number(days)), filter, size: SAMPLE_SIZE }), [filter, days]);
  useEffect(() => setDone([]), [sample.data]);

  const items = (sample.data?.items ?? []).filter((i) => !done.includes(i.conversationId));

  if (open) {
    const next = () => {
      const rest = items.filter((i) => i.conversationId !== open);
      setDone([...done, open]);
      if (rest.length > 0) setOpen(rest[0]!.conversationId);
      else {
        setOpen(null);
        void Taro.showToast({ title: TEXT.allDone, icon: 'none' });
      }
    };
    return <ReviewForm key={open} conversationId={open} onBack={() => setOpen(null)} onScored={next} />;
  }

  return (
    <>
      <View className="kefu-card kefu-qa__filters" data-testid="qa-filters">
        <Chips choices={FILTERS.map((f) => ({ value: f, label: TEXT.filters[f], testId: `qa-filter-${f}` }))} value={filter} onChange={setFilter} />
        <PeriodChips value={days} onChange={setDays} />
      </View>
      <PageState data={sample.data ? items : undefined} error={sample.error} onRetry={sample.reload} emptyText={TEXT.emptySample}>
        {(list) => (
          <>
            <View className="kefu-muted kefu-qa__count" data-testid="qa-matched">
              {TEXT.matched(list.length, Math.max(0, (sample.data?.matched ?? 0) - done.length))}
            </View>
            {list.map((item) => (
              <SampleLine key={item.conversationId} item={item} onOpen={() => setOpen(item.conversationId)} />
            ))}
          </>
        )}
      </PageState>
    </>
  );
}

function SampleLine({ item, onOpen }: { item: QaSampleItem; onOpen: () => void }) {
  return (
    <View className="kefu-card kefu-qa__item" data-testid="qa-sample-item" onClick={onOpen}>
      <View className="kefu-qa__row">
        <Text className="kefu-line__title">{item.customerName}</Text>
        <Text className="kefu-muted">{when(item.closedAt)}</Text>
      </View>
      <Text className="kefu-line__text">{item.lastText}</Text>
      <View className="kefu-qa__facts">
        <Text>{TEXT.agent(item.agentName)}</Text>
        <Text>{item.rating === null ? TEXT.noRating : TEXT.rating(item.rating)}</Text>
        <Text>{item.firstResponseSec === null ? TEXT.noReply : TEXT.frt(item.firstResponseSec)}</Text>
        <Text className={item.resolved === false ? 'kefu-danger' : ''}>{item.resolved === false ? TEXT.unresolved : TEXT.resolved}</Text>
      </View>
    </View>
  );
}

function ReviewForm({ conversationId, onBack, onScored }: { conversationId: string; onBack: () => void; onScored: () => void }) {
  const detail = useRequest(() => call('desk', 'qaReview', { conversationId }), [conversationId]);
  return (
    <View className="kefu-qa__review" data-testid={detail.data ? 'qa-review' : undefined}>
      <View className="kefu-qa__back" data-testid="qa-back" onClick={onBack}>
        {`‹ ${TEXT.back}`}
      </View>
      {detail.data ? (
        <ScoreForm detail={detail.data} onScored={onScored} />
      ) : detail.error ? (
        <ErrorState error={detail.error} onRetry={() => void detail.reload()} />
      ) : (
        <LoadingState />
      )}
    </View>
  );
}

function ScoreForm({ detail, onScored }: { detail: QaReviewDetail; onScored: () => void }) {
  const { conversation: c, review, rubric } = detail;
  // A review given before fills the form: submitting again updates it.
  const [scores, setScores] = useState<Record<string, number>>(() => ({ ...(review?.scores ?? {}) }));
  const [comment, setComment] = useState(review?.comment ?? '');
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    if (saving) return;
    if (rubric.items.some((i) => scores[i.key] === undefined)) {
      void Taro.showToast({ title: TEXT.missing, icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      const picked = Object.fromEntries(rubric.items.map((i) => [i.key, scores[i.key]!]));
      await call('desk', 'qaScore', { conversationId: c.conversationId, scores: picked, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      void Taro.showToast({ title: review ? TEXT.updated : TEXT.submitted, icon: 'success' });
      setSaving(false);
      onScored();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
      setSaving(false);
    }
  };

  return (
    <>
      <View className="kefu-card kefu-qa__head" data-testid="qa-review-head">
        <Text className="kefu-line__title">{c.customerName}</Text>
        <Text className="kefu-muted">{`${c.groupName}${c.agentName ? ` · ${TEXT.agent(c.agentName)}` : ''}`}</Text>
      </View>
      <View className="kefu-qa__messages">
        <MessageList messages={c.messages} viewer="agent" />
      </View>
      <View className="kefu-card kefu-qa__rubric" data-testid="qa-rubric">
        <Text className="kefu-line__title">{TEXT.rubric}</Text>
        {review ? (
          <Text className="kefu-muted" data-testid="qa-scored-before">
            {TEXT.scoredBefore(review.reviewerName ?? '', review.total)}
          </Text>
        ) : null}
        {rubric.items.map((item) => (
          <View key={item.key} className="kefu-qa__score" data-testid={`qa-score-${item.key}`}>
            <Text className="kefu-qa__label">{item.label}</Text>
            <Chips
              choices={SCORES.map((s) => ({ value: s, label: s, testId: `qa-score-${item.key}-${s}` }))}
              value={scores[item.key] === undefined ? null : (String(scores[item.key]) as (typeof SCORES)[number])}
              onChange={(s) => setScores({ ...scores, [item.key]: Number(s) })}
            />
          </View>
        ))}
        <View className="kefu-qa__comment" data-testid="qa-comment">
          <TextArea value={comment} placeholder={TEXT.comment} maxLength={500} onChange={(v) => setComment(v)} />
        </View>
        <Button type="primary" block disabled={saving} onClick={() => void submit()}>
          <View data-testid="qa-submit">{TEXT.submit}</View>
        </Button>
      </View>
    </>
  );
}

function Report() {
  const [days, setDays] = useState<Period>('7');
  const report = useRequest(() => call('desk', 'qaReport', period(Number(days))), [days]);
  return (
    <>
      <View className="kefu-card kefu-qa__filters">
        <PeriodChips value={days} onChange={setDays} />
      </View>
      <PageState data={report.data} error={report.error} onRetry={report.reload}>
        {(r) =>
          r.agents.length === 0 ? (
            <View className="kefu-card kefu-muted" data-testid="qa-report-empty">
              {TEXT.reportEmpty}
            </View>
          ) : (
            <>
              {[...r.agents.map((a) => ({ id: a.agentId, name: a.agentName, row: a })), { id: 'all', name: TEXT.overall, row: r.overall }].map(({ id, name, row }) => (
                <View key={id} className="kefu-card kefu-qa__item" data-testid="qa-report-row">
                  <View className="kefu-qa__row">
                    <Text className="kefu-line__title">{name}</Text>
                    <Text className="kefu-qa__total">{TEXT.meanTotal(row.meanTotal)}</Text>
                  </View>
                  <Text className="kefu-muted">{TEXT.reviews(row.reviews)}</Text>
                  <View className="kefu-qa__facts">
                    {r.rubric.map((i) => (
                      <Text key={i.key}>{`${i.label} ${row.items[i.key] ?? '—'}`}</Text>
                    ))}
                  </View>
                </View>
              ))}
            </>
          )
        }
      </PageState>
    </>
  );
}

function MyReviews({ me }: { me: WhoAmI }) {
  const mine = useRequest(() => call('desk', 'qaMine', {}), [me.openid]);
  return (
    <View className="kefu-page kefu-qa">
      <View className="kefu-card kefu-line__title">{TEXT.mineTitle}</View>
      <PageState data={mine.data} error={mine.error} onRetry={mine.reload} emptyText={TEXT.mineEmpty}>
        {(list) => (
          <>
            {list.map((r) => (
              <MyReview key={r.conversationId} review={r} />
            ))}
          </>
        )}
      </PageState>
    </View>
  );
}

function MyReview({ review }: { review: QaReview }) {
  return (
    <View className="kefu-card kefu-qa__item" data-testid="qa-mine-item">
      <View className="kefu-qa__row">
        <Text className="kefu-muted">{TEXT.closedAt(when(review.closedAt))}</Text>
        <Text className="kefu-qa__total">{TEXT.total(review.total)}</Text>
      </View>
      <View className="kefu-qa__facts">
        {review.items.map((i) => (
          <Text key={i.key}>{`${i.label} ${review.scores[i.key] ?? '—'}`}</Text>
        ))}
      </View>
      <Text className="kefu-qa__text">{review.comment || TEXT.noComment}</Text>
    </View>
  );
}
