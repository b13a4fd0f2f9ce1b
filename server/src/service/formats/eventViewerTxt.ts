/** Event Viewer "Save As Text": the same columns as the CSV, tab-delimited, usually UTF-16 LE. */
import { eventViewerTableReader } from './eventViewerTable';

export const eventViewerTxtReader = eventViewerTableReader('event-viewer-txt', '\t');
