// Layering, enforced (style.md): core/ is pure; the app never reaches server code; functions
// never reach the emulator; nothing ships test code.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core/ imports no Taro, no wx-server-sdk, no React, no Node I/O and nothing outside core/',
      severity: 'error',
      from: { path: '^core/' },
      to: {
        pathNot: ['^core/', '^node_modules/(zod|dayjs)/'],
      },
    },
    {
      name: 'core-no-node-builtins',
      severity: 'error',
      from: { path: '^core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'app-not-server',
      comment: 'the mini-program talks to functions through its API client only',
      severity: 'error',
      from: { path: '^miniprogram/' },
      to: { path: ['^cloudfunctions/', '^emulator/', 'wx-server-sdk', 'better-sqlite3'] },
    },
    {
      name: 'functions-not-emulator',
      comment: 'the code that ships is the code that is tested: no "if local" paths into the emulator',
      severity: 'error',
      from: { path: '^cloudfunctions/' },
      to: { path: ['^emulator/', '^miniprogram/', '^@tarojs/'] },
    },
    {
      name: 'emulator-not-functions',
      comment:
        'the emulator stands in for CloudBase and does not run function code itself; the one exception is the sealing module (node:crypto only), so demo seeds and the outbox seal data with the keys the functions use',
      severity: 'error',
      from: { path: '^emulator/' },
      to: { path: '^cloudfunctions/', pathNot: '^cloudfunctions/_shared/seal\\.ts$' },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      from: { path: '^(core|cloudfunctions|emulator|miniprogram)/', pathNot: '\\.test\\.tsx?$' },
      to: { path: ['^test/', 'vitest'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['cloudfunctions/[^/]+/index\\.js$', '\\.test\\.tsx?$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
