/** Every export-shape reader. Adding a shape: one file beside this one, one line here. */
import { eventViewerCsvReader } from './eventViewerCsv';
import { eventViewerTxtReader } from './eventViewerTxt';
import { eventViewerXmlReader } from './eventViewerXml';
import type { FormatReader } from './reader';

export const readers: readonly FormatReader[] = [
  eventViewerCsvReader,
  eventViewerTxtReader,
  eventViewerXmlReader,
];
