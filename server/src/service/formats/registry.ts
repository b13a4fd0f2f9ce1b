/** Every export-shape reader. Adding a shape: one file beside this one, one line here. */
import { copyDetailsReader } from './copyDetails';
import { eventViewerCsvReader } from './eventViewerCsv';
import { eventViewerTxtReader } from './eventViewerTxt';
import { eventViewerXmlReader } from './eventViewerXml';
import { evtxViewReader } from './evtxView';
import { exportCsvReader } from './exportCsv';
import { eventLogFormatListReader, formatListReader } from './formatList';
import { formatTableReader } from './formatTable';
import { messageOnlyReader } from './messageOnly';
import type { FormatReader } from './reader';
import { wevtutilTextReader } from './wevtutilText';

export const readers: readonly FormatReader[] = [
  eventViewerCsvReader,
  eventViewerTxtReader,
  eventViewerXmlReader,
  evtxViewReader,
  formatListReader,
  eventLogFormatListReader,
  formatTableReader,
  exportCsvReader,
  copyDetailsReader,
  wevtutilTextReader,
  messageOnlyReader,
];
