export default definePageConfig({
  navigationBarTitleText: '在线客服',
  // The message list scrolls by itself; the page stays put so the input bar never moves away.
  disableScroll: true,
});
