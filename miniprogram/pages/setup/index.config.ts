export default definePageConfig({
  navigationBarTitleText: '设置管理员',
});
