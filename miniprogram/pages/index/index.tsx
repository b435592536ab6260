import { usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call } from '../../api/client';
import { PageState } from '../../components/PageState';
import { Cell, CellGroup, Grid, GridItem, SearchBar } from '../../components/nutui';
import { useMe } from '../../hooks/useMe';
import { useRequest } from '../../hooks/useRequest';
import { go, mayOpenDesk, mayOpenManager, routes } from '../../utils/routes';
import { appointmentRoutes } from '../../components/booking/routes';
import './index.scss';

const TEXT = {
  title: '服务中心',
  greeting: '您好，请问有什么可以帮您？',
  search: '搜索问题，如：怎么退款',
  categories: '问题分类',
  entryCount: (n: number) => `${n} 个问题`,
  noCategories: '暂无问题分类',
  hot: '热门问题',
  noHot: '暂无热门问题',
  staff: '员工入口',
  desk: '客服工作台',
  deskHint: '会话与排队',
  manager: '管理后台',
  managerHint: '员工、角色与审计日志',
  setup: '设置管理员',
  setupHint: '系统尚未设置管理员，首次使用请先完成设置',
  join: '我是员工，使用邀请码加入',
  chat: '在线客服',
  chatHint: '智能助手秒回，可转人工',
  book: '预约服务',
  bookHint: '安装、维修、回访',
  appointments: '我的预约',
  conversations: '我的会话',
  messages: '我的留言',
} as const;

export default function HomePage() {
  const { me, reload: reloadMe } = useMe();
  const categories = useRequest(() => call('faq', 'categories', {}), []);
  const hot = useRequest(() => call('faq', 'hot', {}), []);

  usePullDownRefresh(() => {
    void Promise.all([categories.reload(), hot.reload(), reloadMe()]).finally(() => stopPullDownRefresh());
  });

  return (
    <View className="kefu-page kefu-home">
      <View className="kefu-home__header">
        <Text className="kefu-home__title">{TEXT.title}</Text>
        <Text className="kefu-home__greeting">{TEXT.greeting}</Text>
        {/* Only a doorway: typing and results live on the search page, so home stays light. The bar is
            read-only and lets taps through to this wrapper (a disabled input swallows them in some browsers). */}
        <View className="kefu-home__search" data-testid="home-search" onClick={() => go(routes.search)}>
          <SearchBar className="kefu-home__search-bar" shape="round" placeholder={TEXT.search} readOnly clearable={false} />
        </View>
      </View>

      {me?.unclaimed ? (
        <CellGroup className="kefu-home__setup">
          <Cell
            className="kefu-setup-entry"
            title={TEXT.setup}
            description={TEXT.setupHint}
            clickable
            onClick={() => go(routes.setup)}
          />
        </CellGroup>
      ) : null}

      {me && mayOpenDesk(me.role) ? (
        <CellGroup title={TEXT.staff} className="kefu-home__staff">
          <Cell
            className="kefu-staff-entry kefu-staff-entry--desk"
            title={TEXT.desk}
            description={TEXT.deskHint}
            clickable
            onClick={() => go(routes.agentDesk)}
          />
          {mayOpenManager(me.role) ? (
            <Cell
              className="kefu-staff-entry kefu-staff-entry--manager"
              title={TEXT.manager}
              description={TEXT.managerHint}
              clickable
              onClick={() => go(routes.manager)}
            />
          ) : null}
        </CellGroup>
      ) : null}

      <View className="kefu-home__entries">
        <View className="kefu-home__entry kefu-home__entry--primary kefu-entry-chat" data-testid="entry-chat" onClick={() => go(routes.chat())}>
          <Text className="kefu-home__entry-icon">💬</Text>
          <View className="kefu-home__entry-text">
            <Text className="kefu-home__entry-title">{TEXT.chat}</Text>
            <Text className="kefu-home__entry-hint">{TEXT.chatHint}</Text>
          </View>
        </View>
        <View className="kefu-home__entry kefu-entry-book" onClick={() => go(appointmentRoutes.book())}>
          <Text className="kefu-home__entry-icon">🗓️</Text>
          <View className="kefu-home__entry-text">
            <Text className="kefu-home__entry-title">{TEXT.book}</Text>
            <Text className="kefu-home__entry-hint">{TEXT.bookHint}</Text>
          </View>
        </View>
      </View>
      <View className="kefu-home__links">
        <Text className="kefu-home__link kefu-entry-appointments" onClick={() => go(appointmentRoutes.mine)}>
          {TEXT.appointments}
        </Text>
        <Text className="kefu-home__link kefu-entry-conversations" data-testid="entry-conversations" onClick={() => go(routes.conversations)}>
          {TEXT.conversations}
        </Text>
        <Text className="kefu-home__link kefu-entry-messages" data-testid="entry-messages" onClick={() => go(routes.messages())}>
          {TEXT.messages}
        </Text>
      </View>

      <View className="kefu-section-title">{TEXT.categories}</View>
      <PageState data={categories.data} error={categories.error} onRetry={categories.reload} emptyText={TEXT.noCategories}>
        {(list) => (
          <Grid columns={3} className="kefu-home__categories">
            {list.map((category) => (
              <GridItem
                key={category.id}
                className="kefu-category"
                data-testid="category"
                onClick={() => go(routes.category(category.id, category.name))}
              >
                <Text className="kefu-category__icon">{category.icon}</Text>
                <Text className="kefu-category__name">{category.name}</Text>
                <Text className="kefu-category__count">{TEXT.entryCount(category.entryCount)}</Text>
              </GridItem>
            ))}
          </Grid>
        )}
      </PageState>

      <View className="kefu-section-title">{TEXT.hot}</View>
      <PageState data={hot.data} error={hot.error} onRetry={hot.reload} emptyText={TEXT.noHot}>
        {(list) => (
          <CellGroup className="kefu-home__hot">
            {list.map((entry, index) => (
              <Cell
                key={entry.id}
                className="kefu-hot-question"
                title={
                  <View className="kefu-hot-question__title">
                    <Text className={`kefu-hot-question__rank${index < 3 ? ' kefu-hot-question__rank--top' : ''}`}>
                      {index + 1}
                    </Text>
                    <Text>{entry.question}</Text>
                  </View>
                }
                clickable
                onClick={() => go(routes.answer(entry.id))}
              />
            ))}
          </CellGroup>
        )}
      </PageState>

      {me && !mayOpenDesk(me.role) ? (
        <View className="kefu-home__join" onClick={() => go(routes.join())}>
          {TEXT.join}
        </View>
      ) : null}
    </View>
  );
}
