// Customer pages live in the main package; staff pages in the `agent` and `manager` subpackages,
// so customers never download them.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/category/index', 'pages/answer/index', 'pages/search/index', 'pages/join/index', 'pages/setup/index', 'pages/book/index', 'pages/appointments/index', 'pages/chat/index', 'pages/conversations/index', 'pages/messages/index'],
  subPackages: [
    { root: 'agent', pages: ['pages/index/index', 'pages/appointments/index', 'pages/conversation/index', 'pages/messages/index', 'pages/supervisor/index', 'pages/quick-replies/index', 'pages/qa/index'] },
    { root: 'manager', pages: ['pages/index/index', 'pages/dashboard/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '服务中心',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
  },
});
