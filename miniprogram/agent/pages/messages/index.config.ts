export default definePageConfig({
  navigationBarTitleText: '客户留言',
});
