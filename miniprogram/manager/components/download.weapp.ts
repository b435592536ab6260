// weapp: `Taro.openDocument` opens only office and PDF files, not CSV/JSON, and `downloadFile` needs the
// storage host in the download domain list; so the temporary link is copied to open in a browser.
import Taro from '@tarojs/taro';
import { EXPORT_TEXT } from './ExportStrings';

export async function openExportFile(url: string, _fileName: string): Promise<void> {
  await Taro.setClipboardData({ data: url });
  await Taro.showModal({ title: EXPORT_TEXT.copiedTitle, content: EXPORT_TEXT.copied, showCancel: false });
}
