// Opening an export file. Taro picks `download.h5.ts` (a browser download) or `download.weapp.ts`
// (the mini-program cannot open CSV/JSON: the link is copied); other targets copy the link too.
import Taro from '@tarojs/taro';
import { EXPORT_TEXT } from './ExportStrings';

export async function openExportFile(url: string, _fileName: string): Promise<void> {
  await Taro.setClipboardData({ data: url });
  void Taro.showToast({ title: EXPORT_TEXT.copiedTitle, icon: 'none' });
}
