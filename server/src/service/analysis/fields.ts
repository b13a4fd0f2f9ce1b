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
  // Each regex runs only when its label is in the text: a cheap indexOf spares most of them.
  const has = (label: string) => text.indexOf(label) !== -1;
  const lower = text.toLowerCase();
  if (lower.indexOf('for domain:') !== -1) fields.domain = domainRe.exec(text)?.[1];
  if (lower.indexOf('for forest:') !== -1) fields.forest = forestRe.exec(text)?.[1];
  if (lower.indexOf('dn') !== -1) {
    for (const re of [dnFieldRe, dnListRe]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) if (m[1].trim()) fields.dns.push(m[1].trim());
    }
  }
  if (lower.indexOf('anchor') !== -1) fields.anchor = anchorRe.exec(text)?.[1];
  if (lower.indexOf('result') !== -1) fields.result = resultRe.exec(text)?.[1];
  if (lower.indexOf('count:') !== -1) {
    const count = countRe.exec(text);
    if (count) fields.count = Number(count[1]);
  }
  if (lower.indexOf('rpc error') !== -1) {
    const rpc = rpcRe.exec(text);
    if (rpc) fields.rpcError = Number(rpc[1]);
  }
  if (lower.indexOf('error code:') !== -1) {
    const code = errorCodeRe.exec(text);
    if (code) fields.errorCode = Number(code[1]);
  }
  if (lower.indexOf('change date:') !== -1) fields.changeDate = changeDateRe.exec(text)?.[1];
  if (has('<partition-name>')) fields.partition = partitionRe.exec(text)?.[1];
  if (lower.indexOf('tracking id:') !== -1) fields.trackingId = trackingRe.exec(text)?.[1];
  if (has('Exception')) fields.exception = exceptionRe.exec(text)?.[1];
  for (const key of Object.keys(fields) as (keyof EventFields)[]) if (fields[key] === undefined) delete fields[key];
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
