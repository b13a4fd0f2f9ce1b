/**
 * `wevtutil qe <log> /f:text` output:
 *
 *     Event[0]:
 *       Log Name: Application
 *       Source: Directory Synchronization
 *       Date: 2013-05-01T16:34:08.123
 *       Event ID: 611
 *       ...
 *       Description:
 *     <message lines>
 *
 * Properties are indented under `Event[N]:`; the message runs to the next `Event[N]:`. The date is
 * ISO text, usually local time without a zone (then only a sort key is derived from it).
 */
import { defineReader, type FormatReader, type ReadSteps } from './reader';
import { readDetailText, type DetailProperty, type DetailSpec } from './detailBlocks';
import { headLines, type Line } from './plainText';

const PROPERTY =
  /^( +)(Log Name|Source|Date|Event ID|Task|Level|Opcode|Keyword|User Name|User|Computer|Description):( *)(.*)$/;
const EVENT_HEADER = /^Event\[\d{1,10}\]:\s*$/;

const wevtutilSpec: DetailSpec = {
  what: 'wevtutil event',
  property(text: string): DetailProperty | null {
    const m = PROPERTY.exec(text);
    return m ? { label: m[2], valueColumn: m[1].length + m[2].length + 1 + m[3].length } : null;
  },
  startsBlock(lines: readonly Line[], i: number): boolean {
    return EVENT_HEADER.test(lines[i].text);
  },
};

function* readWevtutilText(text: string): ReadSteps {
  const { events, errors } = yield* readDetailText(text, wevtutilSpec);
  return { format: 'wevtutil-text', events, errors };
}

const SNIFF_PROPERTY = /^ +(Log Name|Source|Date|Event ID|Level|Description):/;

function sniffWevtutilText(head: string): number {
  let headers = 0;
  const seen = new Set<string>();
  for (const line of headLines(head)) {
    if (EVENT_HEADER.test(line)) headers++;
    const m = SNIFF_PROPERTY.exec(line);
    if (m) seen.add(m[1]);
  }
  if (headers === 0) return 0;
  return Math.min(0.95, 0.5 + 0.07 * seen.size);
}

/** `wevtutil qe /f:text` blocks. */
export const wevtutilTextReader: FormatReader = defineReader({
  id: 'wevtutil-text',
  sniff: sniffWevtutilText,
  steps: readWevtutilText,
});
