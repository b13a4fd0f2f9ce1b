/** What a password-sync message says about its subject: domain, users, anchor, error codes. */
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

export function extractFields(message: string): EventFields {
  const fields: EventFields = { dns: [] };
  const text = message.length > 65536 ? message.slice(0, 65536) : message;
  const domain = domainRe.exec(text);
  if (domain) fields.domain = domain[1];
  const forest = forestRe.exec(text);
  if (forest) fields.forest = forest[1];
  for (const re of [dnFieldRe, dnListRe]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) if (m[1].trim()) fields.dns.push(m[1].trim());
  }
  const anchor = anchorRe.exec(text);
  if (anchor) fields.anchor = anchor[1];
  const result = resultRe.exec(text);
  if (result) fields.result = result[1];
  const count = countRe.exec(text);
  if (count) fields.count = Number(count[1]);
  const rpc = rpcRe.exec(text);
  if (rpc) fields.rpcError = Number(rpc[1]);
  const code = errorCodeRe.exec(text);
  if (code) fields.errorCode = Number(code[1]);
  const changeDate = changeDateRe.exec(text);
  if (changeDate) fields.changeDate = changeDate[1];
  const partition = partitionRe.exec(text);
  if (partition) fields.partition = partition[1];
  const tracking = trackingRe.exec(text);
  if (tracking) fields.trackingId = tracking[1];
  const exception = exceptionRe.exec(text);
  if (exception) fields.exception = exception[1];
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
