import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ROLE_LABELS } from '../../../../core/roles';
import { EmptyState, ErrorState, LoadingState } from '../../../components/PageState';
import { useMe } from '../../../hooks/useMe';
import { useSignals } from '../../../hooks/useSignals';
import { go, mayOpenManager, routes } from '../../../utils/routes';
import { AuditTab } from '../../components/AuditTab';
import { ExportTab } from '../../components/ExportTab';
import { EXPORT_TEXT } from '../../components/ExportStrings';
import { FAQ_TEXT } from '../../components/FaqStrings';
import { FaqDuplicatesTab } from '../../components/FaqDuplicatesTab';
import { FaqTab } from '../../components/FaqTab';
import { FaqUnansweredTab } from '../../components/FaqUnansweredTab';
import { InvitesTab } from '../../components/InvitesTab';
import { ModerationTab } from '../../components/ModerationTab';
import { OutboxTab } from '../../components/OutboxTab';
import { RetentionTab } from '../../components/RetentionTab';
import { ServicesTab } from '../../components/ServicesTab';
import { StaffTab } from '../../components/StaffTab';
import { TabBar } from '../../components/TabBar';
import { TemplatesTab } from '../../components/TemplatesTab';
import { TEXT } from '../../strings';
import './index.scss';

type TabKey = 'staff' | 'invites' | 'services' | 'templates' | 'outbox' | 'audit' | 'retention' | 'faq' | 'unanswered' | 'duplicates' | 'export' | 'moderation';
const TABS: readonly { key: TabKey; title: string }[] = [
  { key: 'staff', title: TEXT.tabs.staff },
  { key: 'invites', title: TEXT.tabs.invites },
  { key: 'services', title: TEXT.tabs.services },
  { key: 'templates', title: TEXT.tabs.templates },
  { key: 'outbox', title: TEXT.tabs.outbox },
  { key: 'audit', title: TEXT.tabs.audit },
  { key: 'retention', title: TEXT.tabs.retention },
  { key: 'faq', title: FAQ_TEXT.tabs.faq },
  { key: 'unanswered', title: FAQ_TEXT.tabs.unanswered },
  { key: 'duplicates', title: FAQ_TEXT.tabs.duplicates },
  { key: 'export', title: EXPORT_TEXT.tab },
  { key: 'moderation', title: TEXT.tabs.moderation },
];
/** Supervisors and QA manage (QA: read) the knowledge base; the rest of the configuration is the admin's. */
const FAQ_TABS = TABS.filter((t) => t.key === 'faq' || t.key === 'unanswered' || t.key === 'duplicates');
/** Supervisors also export data (masked only) and keep the 话术审核 word list; QA does neither. */
const SUPERVISOR_TABS = TABS.filter((t) => t.key === 'faq' || t.key === 'unanswered' || t.key === 'duplicates' || t.key === 'export' || t.key === 'moderation');

export default function ManagerPage() {
  const { me, loading, error, reload } = useMe();
  const [tab, setTab] = useState<TabKey>('staff');
  const [faqTab, setFaqTab] = useState<TabKey>('faq');
  // Bumped by realtime signals so the open tab re-reads its list.
  const [refreshKey, setRefreshKey] = useState(0);
  useSignals(() => setRefreshKey((key) => key + 1));

  if (!me) {
    return (
      <View className="kefu-page kefu-manager">
        {loading ? <LoadingState /> : <ErrorState error={error} onRetry={() => void reload()} />}
      </View>
    );
  }

  if (!mayOpenManager(me.role)) {
    return (
      <View className="kefu-page kefu-manager">
        <EmptyState text={TEXT.notStaff} />
      </View>
    );
  }

  const header = (
    <View className="kefu-manager__header">
      <Text className="kefu-manager__greeting">{TEXT.greeting(me.name || TEXT.unnamed, ROLE_LABELS[me.role])}</Text>
      <View className="kefu-manager__dashboard" data-testid="entry-dashboard" onClick={() => go(routes.dashboard)}>
        <View className="kefu-manager__dashboard-text">
          <Text className="kefu-manager__dashboard-title">{TEXT.dashboard.title}</Text>
          <Text className="kefu-manager__dashboard-hint">{TEXT.dashboard.hint}</Text>
        </View>
        <Text className="kefu-manager__dashboard-open">{TEXT.dashboard.open} ›</Text>
      </View>
    </View>
  );

  if (me.role !== 'admin') {
    return (
      <View className="kefu-page kefu-manager">
        {header}
        <View className="kefu-card kefu-manager__note" data-testid="manager-needs-admin">
          {TEXT.needsAdmin}
        </View>
        <TabBar tabs={me.role === 'supervisor' ? SUPERVISOR_TABS : FAQ_TABS} value={faqTab} onChange={setFaqTab} />
        <View className="kefu-manager__pane">
          {faqTab === 'faq' ? <FaqTab refreshKey={refreshKey} /> : null}
          {faqTab === 'unanswered' ? <FaqUnansweredTab refreshKey={refreshKey} /> : null}
          {faqTab === 'duplicates' ? <FaqDuplicatesTab refreshKey={refreshKey} /> : null}
          {faqTab === 'export' && me.role === 'supervisor' ? <ExportTab isAdmin={false} /> : null}
          {faqTab === 'moderation' && me.role === 'supervisor' ? <ModerationTab refreshKey={refreshKey} /> : null}
        </View>
      </View>
    );
  }

  return (
    <View className="kefu-page kefu-manager">
      {header}
      <TabBar tabs={TABS} value={tab} onChange={setTab} />
      <View className="kefu-manager__pane">
        {tab === 'staff' ? <StaffTab myOpenid={me.openid} refreshKey={refreshKey} /> : null}
        {tab === 'invites' ? <InvitesTab refreshKey={refreshKey} /> : null}
        {tab === 'services' ? <ServicesTab refreshKey={refreshKey} /> : null}
        {tab === 'templates' ? <TemplatesTab refreshKey={refreshKey} /> : null}
        {tab === 'outbox' ? <OutboxTab refreshKey={refreshKey} /> : null}
        {tab === 'audit' ? <AuditTab refreshKey={refreshKey} /> : null}
        {tab === 'retention' ? <RetentionTab refreshKey={refreshKey} /> : null}
        {tab === 'faq' ? <FaqTab refreshKey={refreshKey} /> : null}
        {tab === 'unanswered' ? <FaqUnansweredTab refreshKey={refreshKey} /> : null}
        {tab === 'duplicates' ? <FaqDuplicatesTab refreshKey={refreshKey} /> : null}
        {tab === 'export' ? <ExportTab isAdmin /> : null}
        {tab === 'moderation' ? <ModerationTab refreshKey={refreshKey} /> : null}
      </View>
    </View>
  );
}
