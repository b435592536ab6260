/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    /** The platform Taro builds for; file suffixes (`x.weapp.ts`, `x.h5.ts`) follow it. */
    TARO_ENV: 'weapp' | 'h5';
    /** Mini-program AppID, when a `.env` file sets it (Taro writes it into dist/weapp/project.config.json). */
    TARO_APP_ID?: string;
    /** CloudBase environment id for `Taro.cloud.init`; empty means the mini-program's default environment. */
    TARO_APP_CLOUD_ENV?: string;
  }
}

/** The `ec-canvas` native component of echarts-for-weixin (weapp only; see manager/components/Chart). */
declare namespace JSX {
  interface IntrinsicElements {
    'ec-canvas': {
      id: string;
      'canvas-id': string;
      className?: string;
      /** The echarts build to draw with (our tree-shaken one). */
      echarts: unknown;
      ec: {
        /** Called once the canvas is ready; returns the chart. */
        onInit?: (canvas: never, width: number, height: number, dpr: number) => unknown;
        lazyLoad?: boolean;
      };
      'force-use-old-canvas'?: boolean;
    };
  }
}
