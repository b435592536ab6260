export default definePageConfig({
  navigationBarTitleText: '数据看板',
  enablePullDownRefresh: true,
  // The charts' native component, weapp only. The path must name the component file: the bare
  // package name makes Taro emit nothing.
  ...(process.env.TARO_ENV === 'weapp' ? { usingComponents: { 'ec-canvas': 'echarts-for-weixin/miniprogram_dist/index' } } : {}),
});
