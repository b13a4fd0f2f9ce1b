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
const dnFieldRe = /\bDn\s*:\s*([^\r\n]*?)(?:,\s*(?:Change Date|Result|PwdChangeOnLogon)\b|\.?\s*$)/gim;
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

const cache = new WeakMap<LogEvent, EventFields>();

/** The fields of an event's message, read once per event however many features ask. */
export function fieldsOf(event: LogEvent): EventFields {
  let fields = cache.get(event);
  if (!fields) {
    fields = extractFields(event.message);
    cache.set(event, fields);
  }
  return fields;
}

export function extractFields(message: string): EventFields {
  const fields: EventFields = { dns: [] };
  const text = message.length > 65536 ? message.slice(0, 65536) : message;
  // A regex runs only when a case-stable part of its label is in the text: indexOf is far cheaper.
  let m: RegExpExecArray | null;
  if (text.includes('omain:') && (m = domainRe.exec(text))) fields.domain = m[1];
  if (text.includes('orest:') && (m = forestRe.exec(text))) fields.forest = m[1];
  if (text.includes('Dn') || text.includes('DN') || text.includes('dn')) {
    for (const re of [dnFieldRe, dnListRe]) {
      re.lastIndex = 0;
      for (m = re.exec(text); m; m = re.exec(text)) if (m[1].trim()) fields.dns.push(m[1].trim());
    }
  }
  if (text.includes('nchor') && (m = anchorRe.exec(text))) fields.anchor = m[1];
  if (text.includes('esult') && (m = resultRe.exec(text))) fields.result = m[1];
  if (text.includes('ount:') && (m = countRe.exec(text))) fields.count = Number(m[1]);
  if ((text.includes('RPC') || text.includes('rpc')) && (m = rpcRe.exec(text))) fields.rpcError = Number(m[1]);
  if (text.includes('rror Code') && (m = errorCodeRe.exec(text))) fields.errorCode = Number(m[1]);
  if (text.includes('hange Date') && (m = changeDateRe.exec(text))) fields.changeDate = m[1];
  if (text.includes('<partition-name>') && (m = partitionRe.exec(text))) fields.partition = m[1];
  if (text.includes('racking ID') && (m = trackingRe.exec(text))) fields.trackingId = m[1];
  if (text.includes('Exception') && (m = exceptionRe.exec(text))) fields.exception = m[1];
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
