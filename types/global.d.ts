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
