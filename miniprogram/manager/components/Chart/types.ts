import type { ChartOption } from './option';

export interface ChartProps {
  /** The container's id (unique on the page; on weapp also the canvas id). */
  id: string;
  testId: string;
  option: ChartOption;
  /** Height in design px (750 wide). */
  height?: number;
}
