// What babel-preset-taro (https://docs.taro.zone/docs/next/babel-config) does for a React + TypeScript
// project, minus its JSX step: that preset requires @babel/preset-react, an optional peer that this repo
// does not install. TypeScript and JSX are compiled first by esbuild-loader (see config/index.ts,
// `webpackChain`); Babel then only lowers the syntax for the browserslist targets and adds runtime helpers.
const path = require('node:path');

module.exports = (api) => {
  api.cache.using(() => `${process.env.TARO_ENV}:${process.env.NODE_ENV}`);
  const isWeb = process.env.TARO_PLATFORM === 'web' || process.env.TARO_ENV === 'h5';
  const plugins = [
    [require.resolve('@babel/plugin-proposal-decorators'), { legacy: true }],
    [require.resolve('@babel/plugin-transform-class-properties'), { loose: false }],
    [
      require.resolve('@babel/plugin-transform-runtime'),
      {
        regenerator: true,
        corejs: false,
        helpers: true,
        useESModules: true,
        absoluteRuntime: path.dirname(require.resolve('@babel/runtime/package.json')),
        version: require('@babel/runtime/package.json').version,
      },
    ],
    require.resolve('babel-preset-taro/remove-define-config'),
  ];
  // Mini-programs cannot load chunks at run time.
  if (!isWeb) plugins.push(require.resolve('babel-plugin-dynamic-import-node'));
  return {
    sourceType: 'unambiguous',
    overrides: [
      {
        exclude: [/@babel[/\\]runtime/, /core-js/, /\bwebpack\/buildin\b/],
        presets: [[require.resolve('@babel/preset-env'), { modules: false, useBuiltIns: false }]],
        plugins,
      },
    ],
  };
};
