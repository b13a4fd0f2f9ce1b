/** Event Viewer "Save As CSV" (UTF-8 with BOM or UTF-16 LE; decoding happens before reading). */
import { eventViewerTableReader } from './eventViewerTable';

export const eventViewerCsvReader = eventViewerTableReader('event-viewer-csv', ',');
