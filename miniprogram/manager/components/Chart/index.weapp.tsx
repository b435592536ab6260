// A chart on weapp: the `ec-canvas` native component of echarts-for-weixin, given our tree-shaken
// echarts and `ec.onInit`. The page using it declares
// `usingComponents: { 'ec-canvas': 'echarts-for-weixin/miniprogram_dist/index' }` (weapp only).
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { echarts, type ECharts, type EChartsCoreOption } from './echarts';
import type { ChartOption } from './option';
import type { ChartProps } from './types';
import './index.scss';

export type { ChartProps } from './types';

/** The canvas ec-canvas hands to onInit (its WxCanvas wrapper). */
interface EcCanvas {
  setChart(chart: ECharts): void;
}

/** The ec-canvas component instance (page.selectComponent). */
interface EcCanvasComponent {
  init?: (callback: (canvas: EcCanvas, width: number, height: number, dpr: number) => ECharts) => void;
}

export function Chart({ id, testId, option, height = 400 }: ChartProps) {
  const chart = useRef<ECharts | null>(null);
  const latest = useRef<ChartOption>(option);
  latest.current = option;

  // One `ec` for the component's life: ec-canvas calls onInit once, when it is ready.
  const [ec] = useState(() => ({
    onInit(canvas: EcCanvas, width: number, h: number, dpr: number): ECharts {
      chart.current?.dispose();
      // ec-canvas's WxCanvas stands in for the DOM element echarts expects.
      const instance = echarts.init(canvas as unknown as HTMLElement, null, { width, height: h, devicePixelRatio: dpr });
      canvas.setChart(instance);
      instance.setOption(latest.current as unknown as EChartsCoreOption, true);
      chart.current = instance;
      return instance;
    },
  }));

  useEffect(() => {
    chart.current?.setOption(option as unknown as EChartsCoreOption, true);
  }, [option]);

  // ec-canvas initialises in its `ready`; when Taro's first setData reaches it after that (`ec` still
  // unset: "组件需绑定 ec 变量"), start it by hand once the props are there.
  useEffect(() => {
    const timer = setTimeout(() => {
      if (chart.current) return;
      const page = Taro.getCurrentInstance().page as { selectComponent?: (selector: string) => EcCanvasComponent | null } | null | undefined;
      const canvas = page?.selectComponent?.(`#${id}`);
      if (canvas && typeof canvas.init === 'function') canvas.init(ec.onInit);
    }, 500);
    return () => clearTimeout(timer);
  }, [id, ec]);

  useEffect(
    () => () => {
      chart.current?.dispose();
      chart.current = null;
    },
    [],
  );

  return (
    <View className="kefu-chart" style={{ height: Taro.pxTransform(height) }} data-testid={testId}>
      <ec-canvas id={id} canvas-id={id} echarts={echarts} ec={ec} />
    </View>
  );
}
