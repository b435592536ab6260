// A chart on h5: echarts drawn on a div (a Taro View with an id). Init after mount, setOption on every
// change, resize with the window, dispose on unmount. The weapp build takes index.weapp.tsx instead.
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useEffect, useRef } from 'react';
import { echarts, type ECharts, type EChartsCoreOption } from './echarts';
import { pointsOf, type ChartOption } from './option';
import type { ChartProps } from './types';
import './index.scss';

export type { ChartProps } from './types';

export function Chart({ id, testId, option, height = 400 }: ChartProps) {
  const chart = useRef<ECharts | null>(null);
  const latest = useRef<ChartOption>(option);
  latest.current = option;

  useEffect(() => {
    const el = document.getElementById(id);
    if (!el) return undefined;
    const instance = echarts.init(el, null, { renderer: 'canvas' });
    chart.current = instance;
    instance.setOption(latest.current as unknown as EChartsCoreOption, true);
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    // The page may be laid out after mount (Taro shows a new page after rendering it).
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(resize) : null;
    observer?.observe(el);
    return () => {
      window.removeEventListener('resize', resize);
      observer?.disconnect();
      chart.current = null;
      instance.dispose();
    };
  }, [id]);

  useEffect(() => {
    chart.current?.setOption(option as unknown as EChartsCoreOption, true);
  }, [option]);

  return <View id={id} className="kefu-chart" style={{ height: Taro.pxTransform(height) }} data-testid={testId} data-points={JSON.stringify(pointsOf(option))} />;
}
