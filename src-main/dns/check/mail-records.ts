/**
 * Well-formedness of the mail-related TXT and TLSA values. Each returns null when the value is fine, else one
 * sentence saying what is wrong, for the finding's title.
 */

const SPF_MECHANISM =
  /^[+\-~?]?(all|include:\S+|a(:[^/\s]+)?(\/\d{1,2})?(\/\/\d{1,3})?|mx(:[^/\s]+)?(\/\d{1,2})?(\/\/\d{1,3})?|ptr(:\S+)?|ip4:\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|ip6:[0-9a-f:.]+(\/\d{1,3})?|exists:\S+)$/i;
const SPF_MODIFIER = /^[a-z][a-z0-9_.-]*=\S*$/i;

export function spfProblem(value: string): string | null {
  const terms = value.trim().split(/\s+/);
  if ((terms[0] ?? '').toLowerCase() !== 'v=spf1') return 'it does not start with v=spf1';
  const bad = terms.slice(1).filter((term) => !SPF_MECHANISM.test(term) && !SPF_MODIFIER.test(term));
  if (bad.length > 0) return `it has terms SPF does not know: ${bad.join(' ')}`;
  if (terms.filter((term) => /^redirect=/i.test(term)).length > 1) return 'it has more than one redirect=';
  return null;
}

/** `k=v; k=v` tag lists of DKIM and DMARC; null when a tag is malformed. */
export function tags(value: string): Map<string, string> | null {
  const out = new Map<string, string>();
  for (const part of value.split(';')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) return null;
    const key = trimmed.slice(0, eq).trim().toLowerCase();
    if (!/^[a-z][a-z0-9_]*$/.test(key) || out.has(key)) return null;
    out.set(key, trimmed.slice(eq + 1).trim());
  }
  return out;
}

export function dkimProblem(value: string): string | null {
  const t = tags(value);
  if (t === null) return 'its tags are not `name=value;` pairs';
  const v = t.get('v');
  if (v !== undefined && v !== 'DKIM1') return `v=${v} is not DKIM1`;
  const p = (t.get('p') ?? '').replace(/\s+/g, '');
  if (!t.has('p')) return 'it has no public key (p=)';
  if (p === '') return 'its public key is empty (the key was revoked)';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(p) || p.length % 4 !== 0) return 'its public key (p=) is not base64';
  const k = t.get('k');
  if (k !== undefined && !['rsa', 'ed25519'].includes(k.toLowerCase())) return `k=${k} is not a key type DKIM knows`;
  return null;
}

export function dmarcProblem(value: string): string | null {
  if (!/^v=DMARC1\s*(;|$)/.test(value.trim())) return 'it does not start with v=DMARC1;';
  const t = tags(value);
  if (t === null) return 'its tags are not `name=value;` pairs';
  const p = t.get('p');
  if (p === undefined) return 'it has no policy (p=)';
  if (!['none', 'quarantine', 'reject'].includes(p.toLowerCase())) return `p=${p} is not none, quarantine or reject`;
  const sp = t.get('sp');
  if (sp !== undefined && !['none', 'quarantine', 'reject'].includes(sp.toLowerCase()))
    return `sp=${sp} is not none, quarantine or reject`;
  return null;
}

export function mtaStsProblem(value: string): string | null {
  if (!/^v=STSv1\s*(;|$)/.test(value.trim())) return 'it does not start with v=STSv1;';
  const t = tags(value);
  if (t === null) return 'its tags are not `name=value;` pairs';
  const id = t.get('id');
  if (id === undefined) return 'it has no id=';
  if (!/^[A-Za-z0-9]{1,32}$/.test(id)) return 'its id is not 1-32 letters and digits';
  return null;
}

/** A TLSA value in comparable form (`usage selector type hex`). */
export function tlsaProblem(value: string): string | null {
  const [usage, selector, type, data = ''] = value.split(' ');
  if (!['0', '1', '2', '3'].includes(usage ?? '')) return `usage ${usage ?? ''} is not 0-3`;
  if (!['0', '1'].includes(selector ?? '')) return `selector ${selector ?? ''} is not 0 or 1`;
  if (!['0', '1', '2'].includes(type ?? '')) return `matching type ${type ?? ''} is not 0, 1 or 2`;
  if (!/^[0-9a-f]+$/.test(data)) return 'its data is not hexadecimal';
  if (type === '1' && data.length !== 64) return 'its SHA-256 digest is not 32 bytes';
  if (type === '2' && data.length !== 128) return 'its SHA-512 digest is not 64 bytes';
  return null;
}
