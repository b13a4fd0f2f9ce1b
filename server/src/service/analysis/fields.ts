/** What a password-sync message says about its subject: domain, users, anchor, error codes. */
import type { LogEvent } from '../model';

export interface EventFields {
  domain?: string;
  forest?: string;
  dns: string[];
  anchor?: string;
  result?: string;
  count?: number;
  rpcError?: number;
  errorCode?: number;
  changeDate?: string;
  partition?: string;
  trackingId?: string;
  exception?: string;
}

// Each pattern is anchored on a fixed label and reads to a delimiter, so it stays linear.
const domainRe = /for domain:\s*([^\s\r\n]+?)\.?(?:\s|$)/i;
const forestRe = /for forest:\s*([^\s\r\n]+?)\.?(?:\s|$)/i;
// The DN is the shortest run that the delimiter can follow, and it can only follow where the next
// character is `,`, `.`, a space or a line end: runs of other characters are taken whole instead of
// trying the delimiter after each one (same matches, about 3x faster on the usual 657 message).
const dnFieldRe = /\bDn\s*:\s*([^\r\n,.\s]*(?:[^\r\n][^\r\n,.\s]*)*?)(?:,\s*(?:Change Date|Result|PwdChangeOnLogon)\b|\.?\s*$)/gim;
const dnListRe = /^\s*DN\s*=\s*([^\r\n]+?)\s*$/gim;
const anchorRe = /\bAnchor\s*:\s*([A-Za-z0-9+/=]+)/i;
const resultRe = /\bResult\s*:\s*([A-Za-z]+)/i;
const countRe = /\bCount:\s*(\d+)/i;
const rpcRe = /RPC Error (\d+)/i;
const errorCodeRe = /Error Code:\s*(\d+)/i;
const changeDateRe = /Change Date:\s*([^\r\n,]+?)\s*$/im;
const partitionRe = /<partition-name>([^<]*)<\/partition-name>/i;
const trackingRe = /Tracking ID:\s*([0-9a-f-]{36})/i;
const exceptionRe = /\b((?:[A-Z][A-Za-z0-9]*\.)+[A-Z][A-Za-z0-9]*Exception)\b/;

/**
 * The fields of an event's message. Not cached: keeping them on 500,000 events (a WeakMap, or a
 * property added to each event) cost more than reading them again where the timeline needs them
 * (bench/phases.ts on the 100 MB CSV, best of 5: 2.21-2.32 s -> 2.12-2.13 s CPU) and held ~35 MB.
 */
export function fieldsOf(event: LogEvent): EventFields {
  return extractFields(event.message);
}

/** Every label a field regex starts from, found in one pass (cheaper than one indexOf per label); shared first letters are factored out, which makes the pass faster. */
const LABELS = /for (?:domain|forest):|\b(?:dn\s*[:=]|anchor\s*:|result\s*:)|c(?:ount:|hange date:)|e(?:rror code:|xception)|rpc error \d|<partition-name>|tracking id:/gi;

/**
 * The labels of the fields that name an event's subject (subjectOf) and the user a 656/657 is about
 * (the timeline's users): the findings of every event read only these. With fewer first letters to
 * try at each character ("e", "c" and "t" are common) the pass is three times as fast (93 -> 30 ms on
 * the bench's 100 MB CSV).
 */
const SUBJECT_LABELS = /for (?:domain|forest):|\b(?:dn\s*[:=]|anchor\s*:|result\s*:)/gi;

/** The fields of an event's message that name its subject and user: domain, forest, DNs, anchor, result. */
export function subjectFieldsOf(event: LogEvent): EventFields {
  return subjectFields(event.message);
}

/** subjectFieldsOf for a message, or a part of one (one user of a 656 batch). */
export function subjectFields(message: string): EventFields {
  return extractFields(message, SUBJECT_LABELS);
}

const enum Label { Domain = 1, Forest = 2, DnField = 4, Anchor = 8, Result = 16, Count = 32, Rpc = 64, ErrorCode = 128, ChangeDate = 256, Partition = 512, Tracking = 1024, Exception = 2048, DnList = 4096 }

function labelOf(found: string): Label {
  switch (found.charCodeAt(0) | 0x20) {
    case 0x66: return (found.charCodeAt(4) | 0x20) === 0x64 ? Label.Domain : Label.Forest; // "for d…" / "for f…"
    case 0x64: return found.charCodeAt(found.length - 1) === 0x3a ? Label.DnField : Label.DnList; // "dn:" / "dn ="
    case 0x61: return Label.Anchor;
    case 0x72: return (found.charCodeAt(1) | 0x20) === 0x65 ? Label.Result : Label.Rpc;
    case 0x63: return (found.charCodeAt(1) | 0x20) === 0x6f ? Label.Count : Label.ChangeDate;
    case 0x65: return (found.charCodeAt(1) | 0x20) === 0x72 ? Label.ErrorCode : Label.Exception;
    case 0x3c: return Label.Partition;
    default: return Label.Tracking;
  }
}

export function extractFields(message: string, labelsRe = LABELS): EventFields {
  const text = message.length > 65536 ? message.slice(0, 65536) : message;
  let labels = 0;
  // Where the first "Dn:" label is and how many there are: a "Dn:" field starts on one of them.
  let firstDnField = -1;
  let dnFieldLabels = 0;
  labelsRe.lastIndex = 0;
  for (let m = labelsRe.exec(text); m; m = labelsRe.exec(text)) {
    const label = labelOf(m[0]);
    labels |= label;
    if (label === Label.DnField && dnFieldLabels++ === 0) firstDnField = m.index;
  }
  if (labels === 0) return { dns: [] };
  // Each field's own regex runs only when its label is in the text.
  let m: RegExpExecArray | null;
  const fields: EventFields = { dns: [] };
  if (labels & Label.DnField) {
    // No label is left once as many fields as labels were read: stop without scanning the rest.
    dnFieldRe.lastIndex = firstDnField;
    for (let read = 0; read < dnFieldLabels && (m = dnFieldRe.exec(text)); read++) if (m[1].trim()) fields.dns.push(m[1].trim());
  }
  if (labels & Label.DnList) {
    dnListRe.lastIndex = 0;
    for (m = dnListRe.exec(text); m; m = dnListRe.exec(text)) if (m[1].trim()) fields.dns.push(m[1].trim());
  }
  if (labels & Label.Domain && (m = domainRe.exec(text))) fields.domain = m[1];
  if (labels & Label.Forest && (m = forestRe.exec(text))) fields.forest = m[1];
  if (labels & Label.Anchor && (m = anchorRe.exec(text))) fields.anchor = m[1];
  if (labels & Label.Result && (m = resultRe.exec(text))) fields.result = m[1];
  if (labels & Label.Count && (m = countRe.exec(text))) fields.count = Number(m[1]);
  if (labels & Label.Rpc && (m = rpcRe.exec(text))) fields.rpcError = Number(m[1]);
  if (labels & Label.ErrorCode && (m = errorCodeRe.exec(text))) fields.errorCode = Number(m[1]);
  if (labels & Label.ChangeDate && (m = changeDateRe.exec(text))) fields.changeDate = m[1];
  if (labels & Label.Partition && (m = partitionRe.exec(text))) fields.partition = m[1];
  if (labels & Label.Tracking && (m = trackingRe.exec(text))) fields.trackingId = m[1];
  if (labels & Label.Exception && (m = exceptionRe.exec(text))) fields.exception = m[1];
  return fields;
}

/** The subject of an event in a few words, for one-line messages: "CN=…", "domain contoso.com". */
export function subjectOf(fields: EventFields): string | null {
  if (fields.dns.length === 1) return fields.dns[0];
  if (fields.dns.length > 1) return `${fields.dns[0]} and ${fields.dns.length - 1} more`;
  if (fields.domain) return `domain ${fields.domain}`;
  if (fields.forest) return `forest ${fields.forest}`;
  if (fields.anchor) return `anchor ${fields.anchor}`;
  return null;
}

/** Text for a one-line message: each run of line breaks and tabs becomes one space (most texts have none, and are returned as they are). */
export function oneLine(text: string): string {
  if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1 && text.indexOf('\t') === -1) return text;
  return text.replace(/[\r\n\t]+/g, ' ');
}
